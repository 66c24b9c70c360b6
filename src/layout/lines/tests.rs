use super::*;
use crate::text::FixedShaper;

fn plain(text: &str) -> Vec<Span> {
    vec![Span::new(text, Style::Regular, Color::BLACK)]
}

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::text).collect()
}

#[test]
fn greedy_fill_at_word_boundaries() {
    // size 10: every char is 5 pt; width 50 pt fits 10 chars
    let lines = break_lines(&FixedShaper, &plain("aaa bbb ccc ddd eeeeeeeeee f"), 10.0, 50.0);
    assert_eq!(texts(&lines), vec!["aaa bbb", "ccc ddd", "eeeeeeeeee", "f"]);
    assert!(lines.iter().all(|l| l.width <= 50.0));
    assert_eq!(lines[0].width, 35.0); // trailing space not counted
}

#[test]
fn long_word_is_split_not_overflowing() {
    let lines = break_lines(&FixedShaper, &plain("x abcdefghijklmnopqrstuvwxyz y"), 10.0, 50.0);
    assert_eq!(texts(&lines), vec!["x", "abcdefghij", "klmnopqrst", "uvwxyz y"]);
    assert!(lines.iter().all(|l| l.width <= 50.0));
}

#[test]
fn breaks_after_hyphens_and_slashes_per_uax14() {
    let lines = break_lines(&FixedShaper, &plain("state-of-the-art"), 10.0, 50.0);
    assert_eq!(texts(&lines), vec!["state-of-", "the-art"]);
}

#[test]
fn spans_keep_their_style_and_link_across_lines() {
    let spans = vec![
        Span::new("see ", Style::Regular, Color::BLACK),
        Span::new("the docs", Style::Bold, Color::BLACK).link("https://example.com"),
        Span::new(" now", Style::Regular, Color::BLACK),
    ];
    let lines = break_lines(&FixedShaper, &spans, 10.0, 40.0);
    assert_eq!(texts(&lines), vec!["see the", "docs now"]);
    assert_eq!(
        lines[0].runs.last().unwrap().link.as_deref(),
        Some("https://example.com")
    );
    assert_eq!(lines[1].runs[0].link.as_deref(), Some("https://example.com"));
    assert_eq!(lines[1].runs.last().unwrap().link, None);
}

fn url(text: &str) -> Span {
    Span::new(text, Style::Regular, Color::BLACK).address()
}

#[test]
fn an_address_that_fits_a_fresh_line_moves_there_whole() {
    // "example.com/a/b-c" is 17 chars (85 pt): not after "see", but on a line of its own
    let spans = vec![
        Span::new("see ", Style::Regular, Color::BLACK),
        url("example.com/a/b-c"),
    ];
    let lines = break_lines(&FixedShaper, &spans, 10.0, 90.0);
    assert_eq!(texts(&lines), vec!["see", "example.com/a/b-c"]);
    // a label glued with a no-break space moves with it
    let spans = vec![
        Span::new("a \u{b7} GitHub\u{a0}", Style::Regular, Color::BLACK),
        url("github.com/x-y"),
    ];
    let lines = break_lines(&FixedShaper, &spans, 10.0, 110.0);
    assert_eq!(texts(&lines), vec!["a \u{b7}", "GitHub\u{a0}github.com/x-y"]);
}

#[test]
fn an_address_wider_than_a_line_is_cut_only_after_slash_dot_dash_or_at() {
    let cut = |address: &str, width: f32| texts(&break_lines(&FixedShaper, &[url(address)], 10.0, width));
    assert_eq!(
        cut("linkedin.com/in/your-name", 80.0),
        vec!["linkedin.com/in/", "your-name"]
    );
    assert_eq!(
        cut("linkedin.com/in/your-name", 70.0),
        vec!["linkedin.com/", "in/your-name"]
    );
    assert_eq!(
        cut("linkedin.com/in/your-name", 50.0),
        vec!["linkedin.", "com/in/", "your-name"]
    );
    assert_eq!(cut("first.last@example.com", 60.0), vec!["first.last@", "example.com"]);
    assert_eq!(
        cut("first.last@example.com", 50.0),
        vec!["first.", "last@", "example.", "com"]
    );
    // between the label and the address first, when both do not fit a line
    let spans = vec![Span::new("Code\u{a0}", Style::Regular, Color::BLACK), url("ab.cd/ef")];
    assert_eq!(
        texts(&break_lines(&FixedShaper, &spans, 10.0, 50.0)),
        vec!["Code\u{a0}", "ab.cd/ef"]
    );
    // no such place: cut between clusters, as any over-long word
    let lines = break_lines(&FixedShaper, &[url("abcdefghijkl")], 10.0, 25.0);
    assert_eq!(texts(&lines), vec!["abcde", "fghij", "kl"]);
    for l in &lines {
        assert!(l.width <= 25.0);
    }
}

#[test]
fn empty_text_gives_one_empty_line() {
    assert_eq!(break_lines(&FixedShaper, &plain(""), 10.0, 50.0).len(), 1);
}

#[test]
fn a_huge_word_is_split_in_one_pass() {
    let word = "x".repeat(200_000);
    let start = std::time::Instant::now();
    let lines = break_lines(&FixedShaper, &plain(&word), 10.0, 50.0);
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    assert_eq!(lines.len(), 20_000);
    assert!(lines.iter().all(|l| l.width <= 50.0));
    assert_eq!(lines.iter().map(Line::text).collect::<String>(), word);
}

#[test]
fn split_devanagari_keeps_clusters_whole() {
    let shaper = crate::text::FontShaper::new();
    let word = "क्षत्रियहिन्दीवॉइसअसिस्टेंट".repeat(6);
    let lines = break_lines(&shaper, &plain(&word), 10.0, 60.0);
    assert!(lines.len() > 3);
    assert_eq!(lines.iter().map(Line::text).collect::<String>(), word);
    for l in &lines {
        assert!(l.width <= 60.0 + 0.01);
        // every line starts at a cluster: its first glyph carries text
        assert!(!l.runs[0].run.glyphs[0].text.is_empty());
    }
}

#[test]
fn a_soft_hyphen_shows_only_where_the_line_breaks() {
    // 10 chars per line; "Cofounder" is 9, so "Co-" ends the first line
    let lines = break_lines(&FixedShaper, &plain("a Co\u{AD}founder and sys\u{AD}tems"), 10.0, 50.0);
    assert_eq!(texts(&lines), vec!["a Co\u{AD}", "founder", "and sys\u{AD}", "tems"]);
    assert!(lines.iter().all(|l| l.width <= 50.0));
    // the hyphen's glyph stands for the soft hyphen
    let hyphen = lines[0].runs.last().unwrap();
    assert_eq!(hyphen.run.text, "\u{AD}");
    assert_eq!(hyphen.run.glyphs.len(), 1);
    // no break there: no hyphen, no soft hyphen in the text
    let lines = break_lines(&FixedShaper, &plain("Co\u{AD}founder"), 10.0, 50.0);
    assert_eq!(texts(&lines), vec!["Cofounder"]);
    // nor at the end of the text, nor before a space
    let lines = break_lines(&FixedShaper, &plain("abcd\u{AD} efghi\u{AD}"), 10.0, 50.0);
    assert_eq!(texts(&lines), vec!["abcd", "efghi"]);
}

#[test]
fn a_soft_hyphen_word_must_fit_with_its_hyphen() {
    // "abcdefg Co" is 10 chars and would fit, but not with a hyphen after it
    let lines = break_lines(&FixedShaper, &plain("abcdefg Co\u{AD}xy"), 10.0, 50.0);
    assert_eq!(texts(&lines), vec!["abcdefg", "Coxy"]);
    let lines = break_lines(&FixedShaper, &plain("abcdef Co\u{AD}xyzuvw"), 10.0, 50.0);
    assert_eq!(texts(&lines), vec!["abcdef Co\u{AD}", "xyzuvw"]);
}

#[test]
fn zero_width_space_breaks_and_word_joiner_does_not() {
    let shaper = crate::text::FontShaper::new();
    let one = |s: &str| break_lines(&shaper, &plain(s), 10.0, 1000.0);
    // both invisible: nothing of them reaches the shaped text
    assert_eq!(texts(&one("pro\u{200B}filing")), vec!["profiling"]);
    assert_eq!(texts(&one("no\u{2060}break")), vec!["nobreak"]);
    // (the stand-in shaper gives every character, even an invisible one, a width)
    let narrow = |s: &str| texts(&break_lines(&FixedShaper, &plain(s), 10.0, 30.0));
    assert_eq!(narrow("abcde\u{200B}gh"), vec!["abcde\u{200B}", "gh"]);
    assert_eq!(narrow("x ab-cd"), vec!["x ab-", "cd"]);
    assert_eq!(narrow("x ab-\u{2060}cd"), vec!["x", "ab-\u{2060}cd"]);
}

#[test]
fn tiny_width_still_makes_progress() {
    let lines = break_lines(&FixedShaper, &plain("abc"), 10.0, 1.0);
    assert_eq!(texts(&lines), vec!["a", "b", "c"]);
}
