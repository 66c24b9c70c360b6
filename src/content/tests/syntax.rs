use super::*;

// ---- many at once, syntax ------------------------------------------------

#[test]
fn every_error_in_a_file_is_reported_in_order() {
    let text = "\
[profile]
name = \"\"
email = \"nobody\"

[[systems]]
titel = \"Typo\"
tags = \"CUDA\"
start = \"2024-13\"

[[systems]]
title = \"Fine\"
end = 2020
links = [{ label = \"x\", url = \"ftp://x\" }]

[resume]
systems = [\"missing\"]
max_systems = -1
";
    let errs = errors(text);
    let got: Vec<(usize, &str)> = errs.iter().map(|e| (e.2.unwrap().0, e.0.as_str())).collect();
    assert_eq!(
        got,
        [
            (2, "`profile.name` is empty"),
            (3, "`profile.email` is not an email address: \"nobody\" has no @"),
            // no "missing `title`": the typo below is that title
            (6, "unknown key `titel` in [[systems]]"),
            (
                7,
                "`systems[0].tags` should be an array of strings, like [\"a\", \"b\"], but it is a string"
            ),
            (8, "`systems[0].start` is not a valid date: month 13 does not exist"),
            (12, "`systems[1].end` is given without a `start`"),
            (
                13,
                "`systems[1].links[0].url` must start with https://, http:// or mailto:, but it is \"ftp://x\""
            ),
            (16, "`resume.systems` names `missing`, but no system has that id"),
            (17, "`resume.max_systems` must be at least 1, but it is -1"),
        ]
    );
}

#[test]
fn syntax_errors_are_all_reported_with_positions() {
    let text = "[profile]\nname = Ada Example\n[[systems]]\ntitle = \"S\"\ntagline = \"open\nstatus = \"ok\"\nstatus = \"again\"\n";
    let errs = errors(text);
    let got: Vec<(&str, Option<(usize, usize)>)> = errs.iter().map(|e| (e.0.as_str(), e.2)).collect();
    assert_eq!(
        got,
        [
            ("invalid TOML: text must be in quotes", Some((2, 8))),
            ("invalid TOML: this string is not closed", Some((5, 16))),
            ("`status` is defined twice", Some((7, 1))),
        ]
    );
    assert_eq!(
        errs[0].1.as_deref(),
        Some("put text in double quotes, e.g. name = \"Ada Example\"")
    );
    // A broken file does not also complain that things are missing.
    let errs = errors("[profile\nname = \"A\"\n");
    let got: Vec<&str> = errs.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        got,
        [
            "invalid TOML: the table header is not closed with ]",
            "unknown key `name` at the top level"
        ]
    );
    assert_eq!(errs[1].1.as_deref(), Some("`name` belongs in [profile]"));
}

#[test]
fn syntax_errors_read_in_plain_words() {
    let first = |line: &str| {
        let errs = errors(&format!("[profile]\n{line}\n"));
        (errs[0].0.clone(), errs[0].1.clone().unwrap_or_default())
    };
    let cases = [
        ("name \"x\"", "a key must be followed by = and a value"),
        ("name = \"x\" extra", "there is more on this line after the value"),
        ("name = [\"a\"", "the array is not closed with ]"),
        ("name = {a = 1", "the inline table is not closed with }"),
        ("name = 'x", "this string is not closed"),
        ("name = \"\"\"abc", "this multi-line string is not closed"),
        ("[[systems]", "the table header is not closed with ]"),
        (
            "name = \"\\q\"",
            "a backslash must start an escape such as \\n or \\u00E9",
        ),
        (
            "name = \"C:\\Users\"",
            "a backslash must start an escape such as \\n or \\u00E9",
        ),
        (
            "name = \"a\u{1b}b\"",
            "a control character (U+001B) is not allowed in a string",
        ),
    ];
    for (line, want) in cases {
        let (msg, hint) = first(line);
        assert_eq!(msg, format!("invalid TOML: {want}"), "{line}");
        assert!(!hint.is_empty(), "{line}");
    }
    assert_eq!(
        first("name = tru").1,
        "put text in double quotes, e.g. name = \"Ada Example\""
    );
}

#[test]
fn an_unclosed_array_does_not_flood_the_report() {
    let text = "[profile]\nname = \"A\"\n[[systems]]\ntitle = \"S\"\ntags = [\"a\", \"b\"\n\
                start = 2024-03\nend = true\n[[systems]]\ntitle = \"y\"\ntitle = \"z\"\n";
    let errs = errors(text);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].0, "invalid TOML: an array opened above is not closed");
    assert_eq!(
        errs[0].1.as_deref(),
        Some("add the ] that closes it (and check the commas between its items)")
    );
    assert_eq!(errs[0].2, Some((6, 1)));
}
