use super::*;

// ---- the example file ------------------------------------------------

#[test]
fn example_file_parses_without_errors_or_warnings() {
    let loaded = load(&example_path(), &covers_all).unwrap_or_else(|r| panic!("{:#?}", r.diagnostics));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    let p = loaded.portfolio;
    assert_eq!(p.profile.name, "Ada Example");
    assert!(p.profile.summary.as_ref().unwrap().plain().contains("fictional"));
    assert_eq!(p.profile.links.len(), 3);
    assert!(p.profile.email.is_some() && p.profile.phone.is_some());
    assert!(p.profile.location.is_some() && p.profile.website.is_some());
    let photo = p.profile.photo.as_ref().expect("photo");
    assert_eq!((photo.width, photo.height), (600, 600));
    assert_eq!(photo.rgb.len(), 600 * 600 * 3);
    assert!(p.portfolio.as_ref().unwrap().intro.is_some());

    let ids: Vec<&str> = p.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "tiled-attention",
            "vaani",
            "ledger-a-c-pricing-service",
            "bench-harness"
        ]
    );
    for s in &p.systems {
        assert_eq!(s.metrics.len(), 3, "{}", s.id);
        assert!(s.dates.is_some() && s.summary.is_some() && !s.tags.is_empty() && !s.links.is_empty());
        assert!(s.tagline.is_some() && s.status.is_some());
    }
    assert_eq!(p.systems[0].case_study.len(), 8);
    assert!(p.systems[0].case_study[1]
        .1
        .blocks
        .iter()
        .all(|b| matches!(b, Block::Bullet(_))));
    assert_eq!(p.systems[0].dates.unwrap().to_string(), "Mar 2024 – present");
    assert_eq!(p.systems[1].dates.unwrap().to_string(), "2022–2023");
    assert!(p.systems[1].tagline.as_ref().unwrap().starts_with("हिन्दी वॉइस असिस्टेंट"));
    assert_eq!(p.systems[3].dates.unwrap().to_string(), "2025");

    // Special characters survive exactly.
    let ledger = &p.systems[2];
    assert_eq!(ledger.title, "Ledger: a C# pricing service");
    assert_eq!(
        ledger.tagline.as_deref(),
        Some("Quotes in < 5 ms at p99 for $2M/day of orders")
    );
    let arch = &ledger
        .case_study
        .iter()
        .find(|(s, _)| *s == CaseSection::Architecture)
        .unwrap()
        .1;
    assert!(arch.plain().contains(r"'C:\ledger\rules\current.json'"));
    assert!(ledger.summary.as_ref().unwrap().plain().contains("stock & demand"));
    assert!(ledger.metrics[2].value.contains('%'));

    assert_eq!(p.experience.len(), 2);
    assert_eq!(p.experience[0].dates.unwrap().end, Some(End::Present));
    assert_eq!(p.experience[0].highlights.len(), 3);
    assert_eq!(p.education.len(), 2);
    assert_eq!(p.education[0].field.as_deref(), Some("Computer Science"));
    assert_eq!(p.skills.len(), 3);
    assert_eq!(p.publications.len(), 2);
    assert_eq!(
        p.publications[1].date,
        chrono::NaiveDate::from_ymd_opt(2025, 2, 14).map(Date::Day)
    );
    assert_eq!(
        p.resume.systems.as_deref(),
        Some(
            &[
                "tiled-attention".to_string(),
                "vaani".into(),
                "ledger-a-c-pricing-service".into()
            ][..]
        )
    );
    assert_eq!(p.resume.max_systems, Some(3));
}

#[test]
fn example_file_prints_with_the_bundled_fonts() {
    let loaded = load(&example_path(), &crate::text::covers).unwrap_or_else(|r| panic!("{:#?}", r.diagnostics));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
}

#[test]
fn example_file_uses_every_key() {
    let text = fs::read_to_string(example_path()).unwrap();
    let (doc, errs) = DeTable::parse_recoverable(&text);
    assert!(errs.is_empty());
    fn walk(t: &DeTable<'_>, fields: &'static [Field], used: &mut HashSet<(usize, &'static str)>) {
        for (k, v) in t.iter() {
            let f = fields.iter().find(|f| f.name == k.get_ref().as_ref()).unwrap();
            used.insert((fields.as_ptr() as usize, f.name));
            match (f.kind, v.get_ref()) {
                (Kind::Table(sub), DeValue::Table(t)) => walk(t, sub, used),
                (Kind::Tables(sub), DeValue::Array(a)) => {
                    for e in a.iter() {
                        if let DeValue::Table(t) = e.get_ref() {
                            walk(t, sub, used);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut used = HashSet::new();
    walk(doc.get_ref(), ROOT_KEYS, &mut used);
    fn all(fields: &'static [Field], out: &mut HashSet<(usize, &'static str)>) {
        for f in fields {
            if out.insert((fields.as_ptr() as usize, f.name)) {
                if let Kind::Table(sub) | Kind::Tables(sub) = f.kind {
                    all(sub, out);
                }
            }
        }
    }
    let mut every = HashSet::new();
    all(ROOT_KEYS, &mut every);
    let unused: Vec<_> = every.difference(&used).map(|(_, n)| *n).collect();
    assert!(unused.is_empty(), "keys the example does not use: {unused:?}");
}

#[test]
fn key_tables_are_consistent() {
    // The case study's keys are its sections, in print order: each key names its heading.
    let keys = <raw::CaseStudy as Record>::FIELDS;
    assert_eq!(keys.len(), CaseSection::ALL.len());
    for (key, section) in keys.iter().zip(CaseSection::ALL) {
        assert!(
            section.heading().to_lowercase().contains(key.name),
            "{key:?} {section:?}"
        );
    }
    let text: String = keys
        .iter()
        .rev()
        .map(|k| format!("{} = \"{}\"\n", k.name, k.name))
        .collect();
    let p = ok(&format!("{BASE}[systems.case_study]\n{text}"));
    let built: Vec<(CaseSection, String)> = p.systems[0].case_study.iter().map(|(s, t)| (*s, t.plain())).collect();
    let expected: Vec<(CaseSection, String)> = CaseSection::ALL
        .iter()
        .zip(keys)
        .map(|(s, k)| (*s, k.name.to_string()))
        .collect();
    assert_eq!(built, expected);
    fn check(fields: &'static [Field]) {
        let mut seen = HashSet::new();
        for f in fields {
            assert!(seen.insert(f.name), "`{}` twice", f.name);
            assert!(!f.doc.is_empty());
            if let Kind::Table(sub) | Kind::Tables(sub) = f.kind {
                check(sub);
            }
        }
    }
    check(ROOT_KEYS);
}
