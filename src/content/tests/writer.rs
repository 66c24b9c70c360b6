//! The writer: raw structs → TOML that the checker reads back the same.

use toml::Spanned;

use super::*;
use crate::content::check::Checker;
use crate::content::writer::to_toml;
use crate::model;

fn put<T>(v: T) -> Option<Spanned<T>> {
    Some(Spanned::new(0..0, v))
}

/// The raw structs of a text that checks without errors.
fn raw_of(source: &Source) -> raw::Root {
    let parsed = crate::content::syntax::parse(&source.text);
    assert!(parsed.errors.is_empty(), "{:#?}", parsed.errors);
    let mut cx = Checker::new(source, &|_| true, false);
    let root = crate::content::kinds::root(&mut cx, parsed.doc.get_ref());
    assert!(cx.diags.is_empty(), "{:#?}", cx.diags);
    root
}

/// Every key of the example, checked, written back and checked again, gives
/// the same portfolio.
#[test]
fn the_example_round_trips() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/examples/ada-example.toml");
    let dir = path.parent().unwrap();
    let source = Source::new(&path, std::fs::read_to_string(&path).unwrap());
    let (before, diags) = crate::content::parse(&source, dir, &|_| true);
    assert!(diags.is_empty(), "{diags:#?}");
    let written = to_toml(&raw_of(&source));
    let again = Source::new(&path, written.as_str());
    let (after, diags) = crate::content::parse(&again, dir, &|_| true);
    assert!(diags.is_empty(), "{diags:#?}\n{written}");
    // (not assert_eq: the photo's pixels would fill the terminal)
    assert!(after.unwrap() == before.unwrap(), "the portfolio changed:\n{written}");
    // and writing is stable
    assert_eq!(to_toml(&raw_of(&again)), written);
}

#[test]
fn strings_survive_any_character() {
    let tricky = "a \"quoted\" \\ back\\slash\ttab \u{1}ctl é 日本 \"\"\" end\"";
    for s in [tricky, "'single' and \"double\"", "\"", "\"\"\"\"", "trailing\\"] {
        let summary = model::Text::parse(&format!("{s}\n\n- {s}\n- {s}\n\n{s}"));
        let root = raw::Root {
            profile: put(raw::Profile {
                name: put(s.to_string()),
                summary: put(summary.clone()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let text = to_toml(&root);
        let t: toml::Table = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(t["profile"]["name"].as_str(), Some(s), "{text}");
        let back = model::Text::parse(t["profile"]["summary"].as_str().unwrap());
        assert_eq!(back, summary, "{text}");
    }
}

#[test]
fn keys_in_declared_order_and_tables_after_values() {
    let system = raw::System {
        case_study: put(raw::CaseStudy {
            results: put(model::Text::parse("R")),
            ..Default::default()
        }),
        links: put(vec![raw::Link {
            url: put("https://x.example".into()),
            label: put("X".into()),
            ..Default::default()
        }]),
        start: put(model::Date::Year(2024)),
        end: put(End::Date(model::Date::Month(2025, 3))),
        title: put("T".into()),
        tags: put(vec![Spanned::new(0..0, "a".to_string())]),
        ..Default::default()
    };
    let root = raw::Root {
        systems: put(vec![system.clone(), system]),
        profile: put(raw::Profile {
            name: put("A".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let entry = "[[systems]]\ntitle = \"T\"\nstart = 2024\nend = \"2025-03\"\ntags = [\"a\"]\n\n\
                 [[systems.links]]\nlabel = \"X\"\nurl = \"https://x.example\"\n\n\
                 [systems.case_study]\nresults = \"R\"\n";
    assert_eq!(to_toml(&root), format!("[profile]\nname = \"A\"\n\n{entry}\n{entry}"));
}
