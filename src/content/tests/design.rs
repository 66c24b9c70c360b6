use super::*;

// ---- design ----------------------------------------------------------------

#[test]
fn design_table_sets_every_choice() {
    use crate::model::{Design, PageSize, ThemeName};
    assert_eq!(ok(BASE).design, Design::default());
    let p = ok(&format!(
        "{BASE}[design]\ntheme = \"Modern\"\npage_size = \"LETTER\"\naccent = \"#1f5fbf\"\n\
         margins = \"0.5in\"\nfont_size = 10.5\n"
    ));
    assert_eq!(
        p.design,
        Design {
            theme: ThemeName::Modern,
            page_size: PageSize::Letter,
            accent: Some([0x1F, 0x5F, 0xBF]),
            margins: Some(36.0),
            font_size: Some(10.5),
            fonts: Vec::new(),
        }
    );
    let margins = |m: &str| {
        ok(&format!("{BASE}[design]\nmargins = \"{m}\"\n"))
            .design
            .margins
            .unwrap()
    };
    assert!((margins("18mm") - 51.02).abs() < 0.01);
    assert!((margins("2cm") - 56.69).abs() < 0.01);
    assert_eq!(margins("54pt"), 54.0);
    assert_eq!(margins(" 20 PT "), 20.0);
    assert_eq!(
        ok(&format!("{BASE}[design]\nfont_size = 7\n")).design.font_size,
        Some(7.0)
    );
    // The names the table accepts are the model's.
    let names: Vec<&str> = ThemeName::ALL.iter().map(|t| t.name()).collect();
    assert_eq!(names, <ThemeName as Named>::NAMES);
    let names: Vec<&str> = PageSize::ALL.iter().map(|t| t.name()).collect();
    assert_eq!(names, <PageSize as Named>::NAMES);
}

#[test]
fn design_mistakes_say_what_is_allowed() {
    let (msg, hint, at) = one_error(&format!("{BASE}[design]\ntheme = \"modrn\"\n"));
    assert_eq!(
        msg,
        "`design.theme` is \"modrn\", which is not one of \"classic\", \"modern\" or \"compact\""
    );
    assert_eq!(
        hint.as_deref(),
        Some("did you mean \"modern\"? The themes are \"classic\", \"modern\" and \"compact\"")
    );
    assert_eq!(at, Some((7, 9)));
    let (_, hint, _) = one_error(&format!("{BASE}[design]\ntheme = \"brutalist\"\n"));
    assert_eq!(
        hint.as_deref(),
        Some("The themes are \"classic\", \"modern\" and \"compact\"")
    );
    let (msg, _, _) = one_error(&format!("{BASE}[design]\npage_size = \"tabloid\"\n"));
    assert_eq!(
        msg,
        "`design.page_size` is \"tabloid\", which is not one of \"a4\" or \"letter\""
    );

    let accent = |a: &str| one_error(&format!("{BASE}[design]\naccent = \"{a}\"\n"));
    assert_eq!(
        accent("1F5FBF").0,
        "`design.accent` is \"1F5FBF\", which is not a colour folio understands"
    );
    assert_eq!(accent("1F5FBF").1.as_deref(), Some("start it with #: \"#1F5FBF\""));
    assert_eq!(accent("#abc").1.as_deref(), Some("write all six digits: \"#AABBCC\""));
    assert!(accent("blue").1.unwrap().contains("six hexadecimal digits"));
    assert!(accent("#12345G").1.unwrap().contains("six hexadecimal digits"));

    let margins = |m: &str| one_error(&format!("{BASE}[design]\nmargins = {m}\n"));
    assert_eq!(
        margins("\"5mm\"").0,
        "`design.margins` is 5 mm (14.17 pt), but margins must be from 7.06 mm to 50.8 mm (20 pt to 144 pt)"
    );
    assert_eq!(
        margins("\"200pt\"").0,
        "`design.margins` is 200 pt, but margins must be from 20 pt to 144 pt"
    );
    assert_eq!(margins("\"18\"").0, "`design.margins` is \"18\": the unit is missing");
    assert_eq!(
        margins("\"18px\"").0,
        "`design.margins` is \"18px\": \"px\" is not a unit folio knows (mm, cm, in, pt)"
    );
    assert_eq!(
        margins("\"-5mm\"").0,
        "`design.margins` is \"-5mm\": a margin cannot be negative"
    );
    let (msg, hint, _) = margins("18");
    assert_eq!(
        msg,
        "`design.margins` should be a length with a unit, in quotes, like \"18mm\", but it is a whole number"
    );
    assert_eq!(
        hint.as_deref(),
        Some("write the unit too, in quotes: `margins = \"18mm\"` (units: mm, cm, in, pt)")
    );

    let size = |s: &str| one_error(&format!("{BASE}[design]\nfont_size = {s}\n"));
    assert_eq!(
        size("6.5").0,
        "`design.font_size` is 6.5 pt, but the body text size must be from 7 pt to 14 pt"
    );
    assert_eq!(
        size("\"10pt\"").1.as_deref(),
        Some("write the number without quotes or unit: `font_size = 10`")
    );

    let (msg, hint, _) = one_error(&format!("{BASE}[design]\ncolor = \"#000000\"\n"));
    assert_eq!(msg, "unknown key `color` in [design]");
    assert!(hint.unwrap().contains("theme, page_size, accent, margins, font_size"));
}

#[test]
fn a_pale_accent_is_a_warning_with_a_darker_suggestion() {
    // The built-in accents pass.
    for rgb in [[0x1F, 0x5F, 0xBF], [0x0F, 0x6E, 0x6E], [0x8A, 0x3B, 0x12]] {
        assert!(contrast_with_white(rgb) >= MIN_ACCENT_CONTRAST, "{rgb:?}");
    }
    assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 1e-9);
    assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 1e-9);
    // #767676 is the classic lightest grey that passes AA on white.
    assert!(contrast_with_white([0x76, 0x76, 0x76]) >= 4.5);
    assert!(contrast_with_white([0x77, 0x77, 0x77]) < 4.5);

    let text = format!("{BASE}[design]\naccent = \"#7FB3FF\"\n");
    let (src, p, diags) = run(&text);
    assert_eq!(
        p.unwrap().design.accent,
        Some([0x7F, 0xB3, 0xFF]),
        "a warning keeps the colour"
    );
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "white text on the accent #7FB3FF has a contrast of 2.1:1, below the 4.5:1 that WCAG AA asks for"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("choose a darker colour, such as \"#5578AB\" (the same hue, 4.5:1)")
    );
    assert_eq!(src.line_col(d.location.span().unwrap().start), (7, 10));
    let darker = darken_to_contrast([0x7F, 0xB3, 0xFF]);
    assert!(contrast_with_white(darker) >= MIN_ACCENT_CONTRAST);
}

// ---- limits --------------------------------------------------------------

#[test]
fn values_too_long_to_set_are_errors() {
    let (msg, hint, at) = one_error(&format!("{BASE}tagline = \"{}\"\n", "word ".repeat(500)));
    assert_eq!(
        msg,
        format!("`systems[0].tagline` is 2500 characters long; a one-line field holds at most {MAX_LINE_CHARS}")
    );
    assert!(hint.is_some());
    assert_eq!(at, Some((6, 11)));

    let (msg, _, _) = one_error(&format!("{BASE}summary = \"{}\"\n", "word ".repeat(12_000)));
    assert_eq!(
        msg,
        format!("`systems[0].summary` is 60000 characters long; a text field holds at most {MAX_TEXT_CHARS}")
    );

    let (msg, hint, _) = one_error(&format!("{BASE}summary = \"see {}\"\n", "x".repeat(400)));
    assert_eq!(
        msg,
        format!(
            "`systems[0].summary` has a word of 400 characters (\"{}…\"); a word may be at most 300 characters",
            "x".repeat(19)
        )
    );
    assert!(hint.unwrap().contains("spaces"));
    // Ids and paths are not printed: a long id is fine.
    ok(&format!("{BASE}id = \"{}\"\n", "x".repeat(400)));

    let tags = vec!["\"t\""; MAX_ENTRIES + 1].join(", ");
    let (msg, _, _) = one_error(&format!("{BASE}tags = [{tags}]\n"));
    assert_eq!(
        msg,
        format!(
            "`systems[0].tags` has {} entries; folio accepts at most {MAX_ENTRIES}",
            MAX_ENTRIES + 1
        )
    );
    let many = "[[systems]]\ntitle = \"S\"\n".repeat(MAX_ENTRIES + 1);
    let (msg, _, at) = one_error(&format!("[profile]\nname = \"A\"\n{many}"));
    assert_eq!(
        msg,
        format!(
            "there are {} [[systems]] entries; folio accepts at most {MAX_ENTRIES}",
            MAX_ENTRIES + 1
        )
    );
    assert_eq!(at, Some((3, 1)));
}

#[test]
fn user_text_in_messages_is_clipped() {
    let key = "k".repeat(500);
    let (msg, _, _) = one_error(&format!("{BASE}{key} = 1\n"));
    assert_eq!(msg, format!("unknown key `{}…` in [[systems]]", "k".repeat(59)));
    let (msg, _, _) = one_error(&format!("{BASE}start = \"{}\"\n", "9".repeat(500)));
    assert!(msg.chars().count() < 150, "{msg}");
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_crash() {
    let text = format!("{BASE}tags = {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let errs = errors(&text);
    assert_eq!(
        errs[0].0,
        "invalid TOML: arrays or tables are nested too deeply to read"
    );
}

fn with_fonts(fonts: &str, tagline: &str) -> (Option<Portfolio>, Vec<Found>) {
    let text = format!("{BASE}tagline = \"{tagline}\"\n\n[design]\nfonts = {fonts}\n");
    let (src, p, diags) = run_in(&text, Path::new("tests/data/fonts"), &crate::text::covers);
    let found = diags
        .iter()
        .map(|d| {
            (
                d.message.clone(),
                d.hint.clone(),
                d.location.span().map(|s| src.line_col(s.start)),
            )
        })
        .collect();
    (p, found)
}

#[test]
fn design_fonts_draw_what_the_bundled_fonts_lack() {
    // without the font, the Chinese name is missing from the fonts
    let (_, found) = with_fonts("[]", "王小明");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("not in the bundled fonts;"), "{found:?}");
    assert!(found[0].1.as_deref().unwrap().contains("[design] fonts"), "{found:?}");
    // with it, nothing is missing, and the face is registered
    let (p, found) = with_fonts("[\"NotoSansSC-Subset.otf\"]", "王小明");
    assert!(found.is_empty(), "{found:?}");
    let fonts = p.unwrap().design.fonts;
    assert_eq!(fonts.len(), 1);
    assert!(fonts[0].has_glyph('王') && !fonts[0].has_glyph('龙'));
    // a character neither has is still told, naming both
    let (_, found) = with_fonts("[\"NotoSansSC-Subset.otf\"]", "王小龙");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .0
            .starts_with("U+9F99 '龙' in `systems[0].tagline` is not in the bundled fonts or `design.fonts`"),
        "{found:?}"
    );
    // naming it twice registers it once
    let (p, _) = with_fonts("[\"NotoSansSC-Subset.otf\", \"./NotoSansSC-Subset.otf\"]", "王");
    assert_eq!(p.unwrap().design.fonts.len(), 1);
}

#[test]
fn design_fonts_that_cannot_be_used_are_errors_at_their_path() {
    let error = |fonts: &str| {
        let (p, found) = with_fonts(fonts, "x");
        assert!(p.is_none(), "{fonts}");
        found.into_iter().next().unwrap()
    };
    let (message, hint, at) = error("[\"missing.otf\"]");
    assert_eq!(message, "the font file was not found: tests/data/fonts/missing.otf");
    assert!(hint
        .unwrap()
        .contains("relative to the folder that holds the TOML file"));
    assert_eq!(at, Some((9, 10)));
    let (message, _, at) = error("[\"NotoSansSC-Subset.otf\", \"OFL.txt\"]");
    assert_eq!(
        message,
        "the font file tests/data/fonts/OFL.txt is not a TrueType or OpenType font"
    );
    assert_eq!(at, Some((9, 35)));
    let (message, _, _) = error("[\".\"]");
    assert!(message.contains("is a folder, not a font file"), "{message}");
    let (message, hint, _) = error("\"NotoSansSC-Subset.otf\"");
    assert!(message.contains("design.fonts"), "{message}");
    assert_eq!(
        hint.as_deref(),
        Some("write a list: `fonts = [\"NotoSansSC-Subset.otf\"]`")
    );
    let nine = ["\"NotoSansSC-Subset.otf\""; 9].join(", ");
    let (message, _, _) = error(&format!("[{nine}]"));
    assert_eq!(message, "`design.fonts` names 9 fonts; at most 8 are allowed");
}
