use super::*;

// ---- dates -------------------------------------------------------------

#[test]
fn date_forms() {
    assert_eq!(parse_date("2024"), Ok(Date::Year(2024)));
    assert_eq!(parse_date("2024-03"), Ok(Date::Month(2024, 3)));
    assert_eq!(parse_date("2024-3"), Ok(Date::Month(2024, 3)));
    assert_eq!(
        parse_date(" 2024-02-29 "),
        Ok(Date::Day(chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()))
    );
    assert_eq!(parse_date("2024-13"), Err("month 13 does not exist".into()));
    assert_eq!(parse_date("2024-00-10"), Err("month 0 does not exist".into()));
    assert_eq!(
        parse_date("2024-02-30"),
        Err("day 30 does not exist in February 2024".into())
    );
    assert_eq!(
        parse_date("2023-02-29"),
        Err("day 29 does not exist in February 2023".into())
    );
    assert_eq!(
        parse_date("March 2024"),
        Err("\"March 2024\" is not a date folio understands".into())
    );
    assert_eq!(
        parse_date("24-03"),
        Err("\"24-03\" is not a date folio understands".into())
    );
    assert_eq!(
        parse_date("2024/03"),
        Err("\"2024/03\" is not a date folio understands".into())
    );
    assert_eq!(parse_date("1850"), Err("year 1850 is outside 1900–2100".into()));
    assert_eq!(parse_date("2101-01"), Err("year 2101 is outside 1900–2100".into()));
}

#[test]
fn invalid_dates_are_errors_with_the_accepted_forms() {
    let (msg, hint, at) = one_error(&format!("{BASE}start = \"2024-13\"\n"));
    assert_eq!(msg, "`systems[0].start` is not a valid date: month 13 does not exist");
    assert_eq!(
        hint.as_deref(),
        Some("write a year `2024`, a month `\"2024-03\"` or a day `\"2024-03-15\"`")
    );
    assert_eq!(at, Some((6, 9)));

    let (msg, _, _) = one_error(&format!("{BASE}start = \"2024-02-30\"\n"));
    assert_eq!(
        msg,
        "`systems[0].start` is not a valid date: day 30 does not exist in February 2024"
    );

    let (msg, hint, _) = one_error(&format!("{BASE}start = 2020\nend = \"March 2024\"\n"));
    assert_eq!(
        msg,
        "`systems[0].end` is not a valid date: \"March 2024\" is not a date folio understands"
    );
    assert_eq!(
        hint.as_deref(),
        Some("write a year `2024`, a month `\"2024-03\"`, a day `\"2024-03-15\"`, or `\"present\"`")
    );

    let (msg, _, _) = one_error(&format!("{BASE}start = 1850\n"));
    assert_eq!(
        msg,
        "`systems[0].start` is not a valid date: year 1850 is outside 1900–2100"
    );

    let (msg, _, _) = one_error(&format!("{BASE}start = \"present\"\n"));
    assert_eq!(
        msg,
        "`systems[0].start` is not a valid date: \"present\" can only be used for `end`"
    );

    let (msg, _, _) = one_error(&format!("{BASE}[[publications]]\ntitle = \"P\"\ndate = \"present\"\n"));
    assert_eq!(
        msg,
        "`publications[0].date` is not a valid date: \"present\" can only be used for an end date"
    );

    let (msg, _, _) = one_error(&format!("{BASE}start = 2024-03-15T10:00:00\n"));
    assert_eq!(
        msg,
        "`systems[0].start` is not a valid date: a time of day is not accepted, only a date"
    );
}

#[test]
fn date_ranges_are_checked_and_built() {
    let (msg, hint, at) = one_error(&format!("{BASE}start = \"2024-06\"\nend = \"2023-03\"\n"));
    assert_eq!(msg, "`systems[0].end` (Mar 2023) is before `start` (Jun 2024)");
    assert!(hint.is_some());
    assert_eq!(at, Some((7, 7)));

    let (msg, _, at) = one_error(&format!("{BASE}end = 2024\n"));
    assert_eq!(msg, "`systems[0].end` is given without a `start`");
    assert_eq!(at, Some((6, 7)));

    // An invalid start is reported once, not again as "end without start".
    let (msg, _, _) = one_error(&format!("{BASE}start = \"2024-13\"\nend = 2025\n"));
    assert!(msg.contains("month 13"));

    // Overlapping precisions are fine: a month that contains the start day.
    let p = ok(&format!("{BASE}start = \"2024-03-15\"\nend = \"2024-03\"\n"));
    assert_eq!(p.systems[0].dates.unwrap().end, Some(End::Date(Date::Month(2024, 3))));
    let p = ok(&format!("{BASE}start = 2024\nend = \"2024-01-01\"\n"));
    assert!(p.systems[0].dates.is_some());
    // An unquoted TOML date, "present", case-insensitive.
    let p = ok(&format!("{BASE}start = 2024-03-15\nend = \"Present\"\n"));
    let d = p.systems[0].dates.unwrap();
    assert_eq!(
        d.start,
        Date::Day(chrono::NaiveDate::from_ymd_opt(2024, 3, 15).unwrap())
    );
    assert_eq!(d.end, Some(End::Present));
    // Experience and education dates go through the same checks.
    let (msg, _, _) = one_error(&format!(
        "{BASE}[[experience]]\nrole = \"R\"\norganization = \"O\"\nstart = 2022\nend = 2021\n"
    ));
    assert_eq!(msg, "`experience[0].end` (2021) is before `start` (2022)");
    let (msg, _, _) = one_error(&format!("{BASE}[[education]]\ninstitution = \"U\"\nend = 2021\n"));
    assert_eq!(msg, "`education[0].end` is given without a `start`");
}

// ---- résumé ------------------------------------------------------------

#[test]
fn resume_systems_must_exist() {
    let text =
        "[profile]\nname = \"A\"\n[[systems]]\ntitle = \"Fast Kernels\"\n[[systems]]\nid = \"vaani\"\ntitle = \"V\"\n\
                [resume]\nsystems = [\"vaani\", \"fast-kernel\", \"nope\"]\n";
    let errs = errors(text);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!(
        errs[0].0,
        "`resume.systems` names `fast-kernel`, but no system has that id"
    );
    assert_eq!(
        errs[0].1.as_deref(),
        Some("did you mean `fast-kernels`? The system ids are: `fast-kernels`, `vaani`")
    );
    assert_eq!(errs[0].2, Some((9, 21)));
    assert_eq!(errs[1].0, "`resume.systems` names `nope`, but no system has that id");
    assert_eq!(
        errs[1].1.as_deref(),
        Some("the system ids are: `fast-kernels`, `vaani`")
    );

    let p = ok(&format!("{BASE}[resume]\nsystems = [\"one\"]\nmax_systems = 2\n"));
    assert_eq!(
        p.resume,
        ResumeConfig {
            systems: Some(vec!["one".into()]),
            max_systems: Some(2)
        }
    );
    let p = ok(BASE);
    assert_eq!(p.resume, ResumeConfig::default());

    let (msg, _, _) = one_error(&format!("{BASE}[resume]\nmax_systems = 0\n"));
    assert_eq!(msg, "`resume.max_systems` must be at least 1, but it is 0");
    let (msg, _, _) = one_error(&format!("{BASE}[resume]\nmax_systems = 2.5\n"));
    assert_eq!(
        msg,
        "`resume.max_systems` should be a positive whole number, but it is a decimal number"
    );
}

// ---- links and contact ---------------------------------------------------

#[test]
fn links_need_label_and_a_real_url() {
    let text = format!(
        "{BASE}links = [\n  {{ label = \"Code\", url = \"github.com/ada\" }},\n  {{ label = \"Mail\", url = \"mailto:a@b.example\" }},\n  {{ url = \"https://x.example\" }},\n  {{ label = \"Site\", url = \"HTTPS://EXAMPLE.COM\" }},\n]\n"
    );
    let errs = errors(&text);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!(
        errs[0].0,
        "`systems[0].links[0].url` must start with https://, http:// or mailto:, but it is \"github.com/ada\""
    );
    assert_eq!(
        errs[0].1.as_deref(),
        Some("write the full address: \"https://github.com/ada\"")
    );
    assert_eq!(errs[0].2, Some((7, 27)));
    assert_eq!(errs[1].0, "missing `label` in [[systems.links]]");
    assert_eq!(errs[1].2, Some((9, 3)));

    let (msg, hint, _) = one_error(&format!(
        "{BASE}links = [{{ label = \"M\", url = \"ada@example.com\" }}]\n"
    ));
    assert!(msg.starts_with("`systems[0].links[0].url` must start with"));
    assert_eq!(
        hint.as_deref(),
        Some("for an email address write \"mailto:ada@example.com\"")
    );

    let (msg, _, at) = one_error("[profile]\nname = \"A\"\nemail = \"ada.example.com\"\n[[systems]]\ntitle = \"S\"\n");
    assert_eq!(
        msg,
        "`profile.email` is not an email address: \"ada.example.com\" has no @"
    );
    assert_eq!(at, Some((3, 9)));
}

// ---- text ----------------------------------------------------------------

#[test]
fn text_is_kept_exactly_and_single_lines_collapse() {
    let text = "[profile]\nname = \"Ada\\n  Example\"\nheadline = \"C#\\tand $ < # & % \\\\ \"\n\
                summary = \"\"\"\nFirst para\ncontinues.\n\n- one\t& two\n- <three>\n\"\"\"\n\
                [[systems]]\ntitle = '''C# \\n $x'''\n";
    let p = ok(text);
    assert_eq!(p.profile.name, "Ada Example");
    assert_eq!(p.profile.headline.as_deref(), Some(r"C# and $ < # & % \"));
    assert_eq!(
        p.profile.summary.unwrap().blocks,
        vec![
            Block::Paragraph("First para continues.".into()),
            Block::Bullet("one & two".into()),
            Block::Bullet("<three>".into()),
        ]
    );
    assert_eq!(p.systems[0].title, r"C# \n $x");
}

#[test]
fn control_characters_are_errors() {
    let (msg, hint, at) = one_error(&format!("{BASE}tagline = \"bell\\u0007\"\n"));
    assert_eq!(
        msg,
        "`systems[0].tagline` contains the control character U+0007, which cannot be printed"
    );
    assert!(hint.is_some());
    assert_eq!(at, Some((6, 11)));
    let (msg, _, _) = one_error(&format!("{BASE}summary = \"a\\u007Fb\"\n"));
    assert!(msg.contains("U+007F"), "{msg}");
    let (msg, _, _) = one_error(&format!("{BASE}tags = [\"ok\", \"c1\\u0085\"]\n"));
    assert_eq!(
        msg,
        "`systems[0].tags[1]` contains the control character U+0085, which cannot be printed"
    );
    let (msg, _, _) = one_error(&format!("{BASE}id = \"\\u0000\"\n"));
    assert!(msg.contains("U+0000"));
}

#[test]
fn characters_missing_from_the_fonts_are_warnings() {
    let text = format!(
        "{BASE}[[systems]]\ntitle = \"Two\"\n[[systems]]\ntitle = \"Three\"\ntagline = \"fast 😀 and ☃ and 😀\"\ntags = [\"ok\", \"✓\"]\nid = \"😀\"\n"
    );
    let (src, p, diags) = run_in(&text, Path::new("."), &|c| c != '😀' && c != '☃' && c != '✓');
    assert!(p.is_some(), "warnings do not stop the build");
    assert_eq!(diags.len(), 2, "{diags:#?}");
    assert!(diags.iter().all(|d| d.severity == Severity::Warning));
    assert_eq!(
        diags[0].message,
        "U+1F600 '😀', U+2603 '☃' in `systems[2].tagline` are not in the bundled fonts; they will print as blank boxes or be missing"
    );
    assert_eq!(
        &src.text[diags[0].location.span().cloned().unwrap()],
        "\"fast 😀 and ☃ and 😀\""
    );
    assert_eq!(src.line_col(diags[0].location.span().unwrap().start), (10, 11));
    assert_eq!(
        diags[1].message,
        "U+2713 '✓' in `systems[2].tags[1]` is not in the bundled fonts; it will print as a blank box or be missing"
    );
}
