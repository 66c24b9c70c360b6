use super::*;

// ---- unknown keys ----------------------------------------------------

#[test]
fn unknown_key_suggests_the_closest() {
    let (msg, hint, at) = one_error(&format!("{BASE}titel = \"x\"\n"));
    assert_eq!(msg, "unknown key `titel` in [[systems]]");
    assert_eq!(hint.as_deref(), Some("did you mean `title`?"));
    assert_eq!(at, Some((6, 1)));
}

#[test]
fn unknown_keys_inside_inline_tables_and_case_study() {
    let text = format!(
        "{BASE}links = [{{ lable = \"Code\", label = \"C\", url = \"https://x.example\" }}]\n\
         metrics = [{{ value = \"1\", label = \"L\", detial = \"d\" }}]\n\
         [systems.case_study]\nmotivaton = \"m\"\n"
    );
    let errs = errors(&text);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    assert_eq!(errs[0].0, "unknown key `lable` in [[systems.links]]");
    assert_eq!(errs[0].1.as_deref(), Some("did you mean `label`?"));
    assert_eq!(errs[0].2, Some((6, 12)));
    assert_eq!(errs[1].0, "unknown key `detial` in [[systems.metrics]]");
    assert_eq!(errs[1].1.as_deref(), Some("did you mean `detail`?"));
    assert_eq!(errs[2].0, "unknown key `motivaton` in [systems.case_study]");
    assert_eq!(errs[2].1.as_deref(), Some("did you mean `motivation`?"));
    assert_eq!(errs[2].2, Some((9, 1)));
}

#[test]
fn unknown_key_without_a_close_match_lists_the_known_keys() {
    let (msg, hint, at) = one_error("[profile]\nname = \"A\"\ncolour = \"red\"\n[[systems]]\ntitle = \"S\"\n");
    assert_eq!(msg, "unknown key `colour` in [profile]");
    assert_eq!(
        hint.as_deref(),
        Some("the keys [profile] accepts are: name, headline, summary, email, phone, location, website, links, photo, photo_alt, lang, devanagari_lang")
    );
    assert_eq!(at, Some((3, 1)));
}

#[test]
fn unknown_key_in_the_wrong_table_says_where_it_belongs() {
    // `tags` after the case-study header lands in the case study.
    let (msg, hint, at) = one_error(&format!(
        "{BASE}[systems.case_study]\nresults = \"r\"\ntags = [\"a\"]\n"
    ));
    assert_eq!(msg, "unknown key `tags` in [systems.case_study]");
    assert!(hint.unwrap().contains("move `tags` above that header"));
    assert_eq!(at, Some((8, 1)));
    // A profile key at the top level.
    let (msg, hint, _) = one_error(&format!("email = \"a@b.example\"\n{BASE}"));
    assert_eq!(msg, "unknown key `email` at the top level");
    assert_eq!(hint.as_deref(), Some("`email` belongs in [profile]"));
    // A case-study section written straight into [[systems]].
    let (msg, hint, _) = one_error(&format!("{BASE}lessons = \"l\"\n"));
    assert_eq!(msg, "unknown key `lessons` in [[systems]]");
    assert_eq!(hint.as_deref(), Some("`lessons` belongs in [systems.case_study]"));
    // A typo of a top-level table.
    let (msg, hint, _) = one_error(&format!("{BASE}[[experiance]]\nrole = \"r\"\n"));
    assert_eq!(msg, "unknown key `experiance` at the top level");
    assert_eq!(hint.as_deref(), Some("did you mean `experience`?"));
}

// ---- types -----------------------------------------------------------

#[test]
fn wrong_types_say_what_was_expected_and_found() {
    let (msg, hint, at) = one_error(&format!("{BASE}tags = \"CUDA\"\n"));
    assert_eq!(
        msg,
        "`systems[0].tags` should be an array of strings, like [\"a\", \"b\"], but it is a string"
    );
    assert_eq!(hint.as_deref(), Some("write a list: `tags = [\"CUDA\"]`"));
    assert_eq!(at, Some((6, 8)));

    let (msg, hint, at) = one_error(&format!("{BASE}start = true\n"));
    assert_eq!(
        msg,
        "`systems[0].start` should be a date: a year like 2024, or a string like \"2024-03\" or \"2024-03-15\", but it is true/false"
    );
    assert_eq!(hint.as_deref(), Some(DATE_HINT));
    assert_eq!(at, Some((6, 9)));

    let (msg, hint, at) = one_error("[profile]\nname = 3\n[[systems]]\ntitle = \"S\"\n");
    assert_eq!(
        msg,
        "`profile.name` should be a string (text in quotes), but it is a whole number"
    );
    assert_eq!(hint.as_deref(), Some("put text in quotes: `name = \"3\"`"));
    assert_eq!(at, Some((2, 8)));

    let (msg, hint, _) = one_error("[profile]\nname = \"A\"\n[systems]\ntitle = \"S\"\n");
    assert_eq!(msg, "`systems` should be an array of tables, but it is a table");
    assert!(hint.unwrap().contains("[[systems]] (double brackets)"));

    let (msg, _, at) = one_error(&format!("{BASE}links = [\"https://x.example\"]\n"));
    assert_eq!(msg, "`systems[0].links[0]` should be a table, but it is a string");
    assert_eq!(at, Some((6, 10)));

    let (msg, _, _) = one_error(&format!("{BASE}tags = [\"a\", 2]\n"));
    assert_eq!(msg, "`systems[0].tags[1]` should be a string, but it is a whole number");
}

// ---- missing and empty -----------------------------------------------

#[test]
fn missing_required_fields_point_at_the_table() {
    let (msg, hint, at) = one_error("[profile]\nname = \"A\"\n\n[[systems]]\ntagline = \"t\"\n");
    assert_eq!(msg, "missing `title` in [[systems]]");
    assert_eq!(hint.as_deref(), Some("add `title = \"...\"`: The system's name."));
    assert_eq!(at, Some((4, 1)));

    let (msg, _, at) = one_error(&format!("{BASE}metrics = [{{ value = \"2x\" }}]\n"));
    assert_eq!(msg, "missing `label` in [[systems.metrics]]");
    assert_eq!(at, Some((6, 12)));

    let errs = errors("[portfolio]\ntitle = \"T\"\n");
    let msgs: Vec<&str> = errs.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "the [profile] table is missing",
            "there is no [[systems]] table; add at least one"
        ]
    );
    assert_eq!(errs[0].2, None);

    let (msg, _, at) = one_error("systems = []\n[profile]\nname = \"A\"\n");
    assert_eq!(msg, "`systems` is empty; add at least one [[systems]] table");
    assert_eq!(at, Some((1, 11)));

    let (msg, _, _) = one_error(&format!("{BASE}[[skills]]\ngroup = \"G\"\nitems = []\n"));
    assert_eq!(msg, "`skills[0].items` is empty");
}

#[test]
fn empty_required_strings_are_errors() {
    let (msg, _, at) = one_error("[profile]\nname = \"A\"\n[[systems]]\ntitle = \"\"\n");
    assert_eq!(msg, "`systems[0].title` is empty");
    assert_eq!(at, Some((4, 9)));
    let (msg, _, _) = one_error("[profile]\nname = \"  \\n \"\n[[systems]]\ntitle = \"S\"\n");
    assert_eq!(msg, "`profile.name` is empty");
    // Empty optional strings are simply absent.
    let p = ok(&format!("{BASE}tagline = \"\"\n"));
    assert_eq!(p.systems[0].tagline, None);
}

// ---- ids ---------------------------------------------------------------

#[test]
fn duplicate_ids_point_at_the_second_and_name_the_first_line() {
    let text =
        "[profile]\nname = \"A\"\n[[systems]]\nid = \"x\"\ntitle = \"One\"\n[[systems]]\nid = \"x\"\ntitle = \"Two\"\n";
    let (msg, hint, at) = one_error(text);
    assert_eq!(msg, "duplicate system id `x`");
    assert_eq!(
        hint.as_deref(),
        Some("the first system with the id `x` is on line 4; give this one a different `id = \"...\"`")
    );
    assert_eq!(at, Some((7, 6)));

    // Derived from titles.
    let text =
        "[profile]\nname = \"A\"\n[[systems]]\ntitle = \"Fast Kernels\"\n\n[[systems]]\ntitle = \"fast kernels!\"\n";
    let (msg, hint, at) = one_error(text);
    assert_eq!(
        msg,
        "duplicate system id `fast-kernels` (made from the title \"fast kernels!\")"
    );
    assert!(hint.unwrap().contains("is on line 3"));
    assert_eq!(at, Some((6, 1)));

    // A given id may clash with a derived one.
    let text = "[profile]\nname = \"A\"\n[[systems]]\ntitle = \"Fast Kernels\"\n[[systems]]\nid = \"fast-kernels\"\ntitle = \"B\"\n";
    assert_eq!(one_error(text).0, "duplicate system id `fast-kernels`");
}

#[test]
fn slugs() {
    assert_eq!(slug("FlashAttention-2"), "flashattention-2");
    assert_eq!(slug("  Ledger: a C# pricing service "), "ledger-a-c-pricing-service");
    assert_eq!(slug("Ada's “Fast” Engine — v2"), "adas-fast-engine-v2");
    assert_eq!(slug("Café Über"), "café-über");
    assert_eq!(slug("हिन्दी वॉइस असिस्टेंट"), "हिन्दी-वॉइस-असिस्टेंट");
    assert_eq!(slug("!!!"), "");
    // No id and no letters: a positional id.
    let p = ok("[profile]\nname = \"A\"\n[[systems]]\ntitle = \"S\"\n[[systems]]\ntitle = \"???\"\n");
    assert_eq!(p.systems[1].id, "system-2");
}

/// Many systems are checked on all cores, each by a checker of its own: what
/// they find comes back as one checker walking them in order would report it.
#[test]
fn many_systems_report_their_problems_in_order() {
    let mut text = String::from("[profile]\nname = \"A\"\n");
    for i in 0..40 {
        text.push_str(&format!("[[systems]]\ntitle = \"S{i}\"\n"));
        match i % 4 {
            0 => text.push_str("titel = \"x\"\n"),
            1 => text.push_str("summary = \"an *open marker\"\n"),
            2 => text.push_str("tags = [\"ok\", 3]\n"),
            _ => text.push_str("[systems.case_study]\nmotivation = \"fine\"\nlesons = \"typo\"\n"),
        }
    }
    let (src, p, diags) = run(&text);
    assert!(p.is_none());
    let lines: Vec<usize> = diags
        .iter()
        .map(|d| src.line_col(d.location.span().expect("located").start).0)
        .collect();
    assert!(lines.is_sorted(), "{lines:?}");
    assert_eq!(diags.len(), 40);
    for (i, d) in diags.iter().enumerate() {
        let expected = match i % 4 {
            0 => "unknown key `titel` in [[systems]]".to_string(),
            1 => format!("in `systems[{i}].summary`, `*` has no closing partner, so it prints as written (near \u{201C}an *open marker\u{201D})"),
            2 => format!("`systems[{i}].tags[1]` should be a string, but it is a whole number"),
            _ => "unknown key `lesons` in [systems.case_study]".to_string(),
        };
        assert_eq!(d.message, expected);
    }
}
