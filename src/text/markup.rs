//! Inline emphasis inside text fields: `**bold**`, `*italic*`, `` `code` `` and
//! `[label](https://url)`. Everything else prints literally; a backslash escapes
//! `*`, `` ` `` and `[`. A marker without a partner prints as written and is
//! reported as a [`Problem`], never an error.

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
enum Token {
    Text(String),
    /// A run of one or two stars; `partner` is set when matched.
    Stars {
        n: usize,
        at: usize,
        open: bool,
        close: bool,
        partner: Option<usize>,
    },
    Code(String),
    Link {
        label: String,
        url: String,
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
    let mut problems = Vec::new();
    let tokens = tokenize(s, &mut problems);
    let mut tokens = tokens;
    match_stars(&mut tokens);
    let mut out: Vec<Inline> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let push = |out: &mut Vec<Inline>, text: &str, bold: bool, italic: bool, code: bool, link: Option<String>| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic && last.code == code && last.link == link => {
                last.text.push_str(text)
            }
            _ => out.push(Inline {
                text: text.to_string(),
                bold,
                italic,
                code,
                link,
            }),
        }
    };
    for t in &tokens {
        match t {
            Token::Text(text) => push(&mut out, text, bold, italic, false, None),
            Token::Code(text) => push(&mut out, text, bold, italic, true, None),
            Token::Link { label, url } => push(&mut out, label, bold, italic, false, Some(url.clone())),
            Token::Stars {
                n,
                at,
                partner,
                open,
                close,
            } => match partner {
                Some(_) if *n == 2 => bold = !bold,
                Some(_) => italic = !italic,
                None => {
                    push(&mut out, &"*".repeat(*n), bold, italic, false, None);
                    if *open || *close {
                        problems.push(Problem {
                            offset: *at,
                            message: format!("`{}` has no closing partner, so it prints as written", "*".repeat(*n)),
                        });
                    }
                }
            },
        }
    }
    problems.sort_by_key(|p| p.offset);
    (out, problems)
}

/// The text without markers, as it prints.
pub fn plain(s: &str) -> String {
    parse(s).0.into_iter().map(|i| i.text).collect()
}

fn tokenize(s: &str, problems: &mut Vec<Problem>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let flush = |text: &mut String, tokens: &mut Vec<Token>| {
        if !text.is_empty() {
            tokens.push(Token::Text(std::mem::take(text)));
        }
    };
    while i < chars.len() {
        let (at, c) = chars[i];
        match c {
            '\\' if matches!(chars.get(i + 1), Some((_, '*' | '`' | '['))) => {
                text.push(chars[i + 1].1);
                i += 2;
            }
            '`' => match chars[i + 1..].iter().position(|&(_, c)| c == '`') {
                Some(len) => {
                    flush(&mut text, &mut tokens);
                    tokens.push(Token::Code(chars[i + 1..i + 1 + len].iter().map(|&(_, c)| c).collect()));
                    i += len + 2;
                }
                None => {
                    problems.push(Problem {
                        offset: at,
                        message: "`` ` `` has no closing backtick, so it prints as written".to_string(),
                    });
                    text.push('`');
                    i += 1;
                }
            },
            '[' => match link_at(&chars, i) {
                Some((label, url, next)) => {
                    flush(&mut text, &mut tokens);
                    tokens.push(Token::Link { label, url });
                    i = next;
                }
                None => {
                    text.push('[');
                    i += 1;
                }
            },
            '*' => {
                let n = if matches!(chars.get(i + 1), Some((_, '*'))) {
                    2
                } else {
                    1
                };
                let before = if i == 0 { None } else { Some(chars[i - 1].1) };
                let after = chars.get(i + n).map(|&(_, c)| c);
                let open = after.is_some_and(|c| !c.is_whitespace());
                let close = before.is_some_and(|c| !c.is_whitespace());
                flush(&mut text, &mut tokens);
                tokens.push(Token::Stars {
                    n,
                    at,
                    open,
                    close,
                    partner: None,
                });
                i += n;
            }
            _ => {
                // up to the next character that may start a marker, at once
                let next = chars[i + 1..]
                    .iter()
                    .position(|&(_, c)| c.is_ascii() && is_special(c as u8))
                    .map_or(chars.len(), |n| i + 1 + n);
                let end = chars.get(next).map_or(s.len(), |&(at, _)| at);
                text.push_str(&s[at..end]);
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

/// `[label](url)` starting at `chars[i] == '['`, with an http(s) or mailto URL.
fn link_at(chars: &[(usize, char)], i: usize) -> Option<(String, String, usize)> {
    let close = i + 1 + chars[i + 1..].iter().position(|&(_, c)| c == ']')?;
    if !matches!(chars.get(close + 1), Some((_, '('))) {
        return None;
    }
    let end = close + 2 + chars[close + 2..].iter().position(|&(_, c)| c == ')')?;
    let label: String = chars[i + 1..close].iter().map(|&(_, c)| c).collect();
    let url: String = chars[close + 2..end].iter().map(|&(_, c)| c).collect();
    let ok = ["https://", "http://", "mailto:"].iter().any(|p| url.starts_with(p))
        && !url.chars().any(char::is_whitespace)
        && !label.trim().is_empty();
    ok.then_some((label, url, end + 1))
}

/// Pair star runs: a closer takes the nearest open run of the same length.
fn match_stars(tokens: &mut [Token]) {
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
}
