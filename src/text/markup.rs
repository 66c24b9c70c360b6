//! Inline emphasis inside text fields: `**bold**`, `*italic*`, `` `code` `` and
//! `[label](https://url)`. Everything else prints literally; a backslash escapes
//! `*`, `` ` `` and `[`. A marker without a partner prints as written and is
//! reported as a [`Problem`], never an error.

use std::borrow::Cow;

/// A piece of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inline {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub link: Option<String>,
}

/// An unbalanced marker, at a byte offset of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
}

#[derive(Debug)]
enum Token<'s> {
    Text(Cow<'s, str>),
    /// A run of one or two stars; `partner` is set when matched.
    Stars {
        n: usize,
        at: usize,
        open: bool,
        close: bool,
        partner: Option<usize>,
    },
    Code(&'s str),
    Link {
        label: &'s str,
        url: &'s str,
    },
}

/// Split `s` into styled pieces, reporting unbalanced markers.
pub fn parse(s: &str) -> (Vec<Inline>, Vec<Problem>) {
    // most text has no marker at all: one plain piece
    if !s.bytes().any(is_special) {
        let plain = (!s.is_empty()).then(|| Inline {
            text: s.to_string(),
            ..Inline::default()
        });
        return (plain.into_iter().collect(), Vec::new());
    }
    let (tokens, problems) = tokens(s);
    let mut out: Vec<Inline> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let push = |out: &mut Vec<Inline>, text: &str, bold: bool, italic: bool, code: bool, link: Option<&str>| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last)
                if last.bold == bold && last.italic == italic && last.code == code && last.link.as_deref() == link =>
            {
                last.text.push_str(text)
            }
            _ => out.push(Inline {
                text: text.to_string(),
                bold,
                italic,
                code,
                link: link.map(str::to_string),
            }),
        }
    };
    for t in &tokens {
        match t {
            Token::Text(text) => push(&mut out, text, bold, italic, false, None),
            Token::Code(text) => push(&mut out, text, bold, italic, true, None),
            Token::Link { label, url } => push(&mut out, label, bold, italic, false, Some(url)),
            Token::Stars { n, partner, .. } => match partner {
                Some(_) if *n == 2 => bold = !bold,
                Some(_) => italic = !italic,
                None => push(&mut out, &"**"[..*n], bold, italic, false, None),
            },
        }
    }
    (out, problems)
}

/// The unbalanced markers of `s` alone, as [`parse`] reports them (checking
/// content needs only these).
pub fn problems(s: &str) -> Vec<Problem> {
    if !s.bytes().any(is_special) {
        return Vec::new();
    }
    tokens(s).1
}

/// The tokens of `s`, their star runs paired, and every unbalanced marker, by offset.
fn tokens(s: &str) -> (Vec<Token<'_>>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut tokens = tokenize(s, &mut problems);
    match_stars(&mut tokens);
    star_problems(&tokens, &mut problems);
    problems.sort_by_key(|p| p.offset);
    (tokens, problems)
}

/// A problem for each run of stars that could open or close but found no partner.
fn star_problems(tokens: &[Token<'_>], problems: &mut Vec<Problem>) {
    for t in tokens {
        if let Token::Stars {
            n,
            at,
            open,
            close,
            partner: None,
        } = *t
        {
            if open || close {
                problems.push(Problem {
                    offset: at,
                    message: format!("`{}` has no closing partner, so it prints as written", "*".repeat(n)),
                });
            }
        }
    }
}

/// The text without markers, as it prints.
pub fn plain(s: &str) -> String {
    parse(s).0.into_iter().map(|i| i.text).collect()
}

/// The tokens of `s`. Every marker and escape is an ASCII byte, so `s` is
/// walked by byte offsets: a marker is never inside a multi-byte character.
fn tokenize<'s>(s: &'s str, problems: &mut Vec<Problem>) -> Vec<Token<'s>> {
    let b = s.as_bytes();
    let mut tokens = Vec::new();
    // the text since the last marker: a slice of `s`, or owned once an escape is in it
    let mut text: Cow<'s, str> = Cow::Borrowed("");
    let add = |text: &mut Cow<'s, str>, piece: &'s str| {
        if text.is_empty() {
            *text = Cow::Borrowed(piece);
        } else {
            text.to_mut().push_str(piece);
        }
    };
    let flush = |text: &mut Cow<'s, str>, tokens: &mut Vec<Token<'s>>| {
        if !text.is_empty() {
            tokens.push(Token::Text(std::mem::take(text)));
        }
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if matches!(b.get(i + 1), Some(b'*' | b'`' | b'[')) => {
                add(&mut text, &s[i + 1..i + 2]);
                i += 2;
            }
            b'`' => match s[i + 1..].find('`') {
                Some(len) => {
                    flush(&mut text, &mut tokens);
                    tokens.push(Token::Code(&s[i + 1..i + 1 + len]));
                    i += len + 2;
                }
                None => {
                    problems.push(Problem {
                        offset: i,
                        message: "`` ` `` has no closing backtick, so it prints as written".to_string(),
                    });
                    add(&mut text, "`");
                    i += 1;
                }
            },
            b'[' => match link_at(s, i) {
                Some((label, url, next)) => {
                    flush(&mut text, &mut tokens);
                    tokens.push(Token::Link { label, url });
                    i = next;
                }
                None => {
                    add(&mut text, "[");
                    i += 1;
                }
            },
            b'*' => {
                let n = if b.get(i + 1) == Some(&b'*') { 2 } else { 1 };
                let before = s[..i].chars().next_back();
                let after = s[i + n..].chars().next();
                let open = after.is_some_and(|c| !c.is_whitespace());
                let close = before.is_some_and(|c| !c.is_whitespace());
                flush(&mut text, &mut tokens);
                tokens.push(Token::Stars {
                    n,
                    at: i,
                    open,
                    close,
                    partner: None,
                });
                i += n;
            }
            _ => {
                // up to the next byte that may start a marker, at once
                let next = b[i + 1..]
                    .iter()
                    .position(|&c| is_special(c))
                    .map_or(b.len(), |n| i + 1 + n);
                add(&mut text, &s[i..next]);
                i = next;
            }
        }
    }
    flush(&mut text, &mut tokens);
    tokens
}

/// The bytes that may start a marker or an escape.
fn is_special(b: u8) -> bool {
    matches!(b, b'\\' | b'`' | b'[' | b'*')
}

/// `[label](url)` starting at `s[i] == '['`, with an http(s) or mailto URL:
/// the label, the address and the offset after the `)`.
fn link_at(s: &str, i: usize) -> Option<(&str, &str, usize)> {
    let close = i + 1 + s[i + 1..].find(']')?;
    if s.as_bytes().get(close + 1) != Some(&b'(') {
        return None;
    }
    let end = close + 2 + s[close + 2..].find(')')?;
    let label = &s[i + 1..close];
    let url = &s[close + 2..end];
    let ok = ["https://", "http://", "mailto:"].iter().any(|p| url.starts_with(p))
        && !url.chars().any(char::is_whitespace)
        && !label.trim().is_empty();
    ok.then_some((label, url, end + 1))
}

/// Pair star runs: a closer takes the nearest open run of the same length.
fn match_stars(tokens: &mut [Token<'_>]) {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..tokens.len() {
        let Token::Stars { n, open, close, .. } = tokens[i] else {
            continue;
        };
        if close {
            let found = stack
                .iter()
                .rposition(|&j| matches!(tokens[j], Token::Stars { n: m, .. } if m == n));
            if let Some(pos) = found {
                let j = stack[pos];
                stack.truncate(pos);
                if let Token::Stars { partner, .. } = &mut tokens[j] {
                    *partner = Some(i);
                }
                if let Token::Stars { partner, .. } = &mut tokens[i] {
                    *partner = Some(j);
                }
                continue;
            }
        }
        if open {
            stack.push(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(s: &str) -> Vec<(String, &'static str)> {
        parse(s)
            .0
            .into_iter()
            .map(|i| {
                let kind = match (i.bold, i.italic, i.code, i.link.is_some()) {
                    (_, _, true, _) => "code",
                    (_, _, _, true) => "link",
                    (true, true, _, _) => "bold-italic",
                    (true, _, _, _) => "bold",
                    (_, true, _, _) => "italic",
                    _ => "plain",
                };
                (i.text, kind)
            })
            .collect()
    }

    #[test]
    fn emphasis_code_and_links() {
        assert_eq!(
            styles("a **b** *c* `d*e` [f](https://x.y) g"),
            vec![
                ("a ".into(), "plain"),
                ("b".into(), "bold"),
                (" ".into(), "plain"),
                ("c".into(), "italic"),
                (" ".into(), "plain"),
                ("d*e".into(), "code"),
                (" ".into(), "plain"),
                ("f".into(), "link"),
                (" g".into(), "plain"),
            ]
        );
        assert_eq!(parse("[f](https://x.y)").0[0].link.as_deref(), Some("https://x.y"));
        assert_eq!(styles("**bold *both* bold**")[1], ("both".into(), "bold-italic"));
    }

    #[test]
    fn everything_else_is_literal() {
        for s in [
            "C# and $5 < 6 # & % \\ done",
            "5 * 3 = 15",
            "[1] and [x](not a url)",
            "a_b_c",
        ] {
            let (inl, problems) = parse(s);
            assert_eq!(inl.len(), 1, "{s}");
            assert_eq!(inl[0].text, s);
            assert!(problems.is_empty(), "{s}: {problems:?}");
        }
    }

    #[test]
    fn backslash_escapes_markers() {
        assert_eq!(
            plain(r"\*not italic\* and \`tick and \[x](https://a.b)"),
            "*not italic* and `tick and [x](https://a.b)"
        );
        assert!(parse(r"\*a\*").1.is_empty());
    }

    #[test]
    fn unbalanced_markers_print_literally_with_a_problem() {
        let (inl, problems) = parse("2*3 and **open");
        assert_eq!(
            inl.iter().map(|i| i.text.as_str()).collect::<String>(),
            "2*3 and **open"
        );
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].offset, 1);
        let (_, problems) = parse("a `code");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].offset, 2);
    }

    #[test]
    fn problems_alone_are_the_problems_parse_reports() {
        for s in [
            "2*3 and **open",
            "a `code",
            "é*b* and ü** ***x*** \\*y* [l](https://a.b) `c`d` *",
            "**bold *both* bold**",
            "क्ष*त्र `x",
            "",
            "plain",
        ] {
            assert_eq!(problems(s), parse(s).1, "{s}");
        }
    }

    #[test]
    fn markers_next_to_multibyte_characters() {
        assert_eq!(
            styles("é**ü**ñ `ß` [ç](https://x.y)"),
            vec![
                ("é".into(), "plain"),
                ("ü".into(), "bold"),
                ("ñ ".into(), "plain"),
                ("ß".into(), "code"),
                (" ".into(), "plain"),
                ("ç".into(), "link"),
            ]
        );
    }
}
