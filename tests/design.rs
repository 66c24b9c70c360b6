//! Pages a designer would sign (issue 12), read back from the PDFs the binary
//! writes: running heads, keep rules, whole links, card grids, metric visuals,
//! the contact line, themes in the résumé.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use common::*;
use folio::model::{CaseSection, ThemeName};

/// `toml` with its `[design]` theme set to `theme` (any other design key kept).
fn themed(toml: &str, theme: ThemeName) -> String {
    let body: String = toml
        .lines()
        .filter(|l| !l.starts_with("theme ="))
        .map(|l| format!("{l}\n"))
        .collect();
    let line = format!("theme = \"{}\"\n", theme.name());
    if body.contains("[design]\n") {
        body.replace("[design]\n", &format!("[design]\n{line}"))
    } else {
        format!("[design]\n{line}\n{body}")
    }
}

/// Build `toml` (written beside the example's photo) into `dir`; the portfolio's path.
fn build(dir: &Path, name: &str, toml: &str, extra: &[&str]) -> PathBuf {
    std::fs::copy(repo().join("content/examples/ada-photo.png"), dir.join("ada-photo.png")).unwrap();
    let file = write(dir, &format!("{name}.toml"), toml);
    let out = dir.join(name);
    let mut args = vec!["build", &file, "--out-dir", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = folio(dir, &args, &[]);
    assert!(o.status.success(), "{name}: {}", stderr(&o));
    out.join("portfolio.pdf")
}

/// The lines of each page, as `pdftotext -raw` reads them.
fn page_lines(pdf: &Path) -> Vec<Vec<String>> {
    let mut pages: Vec<Vec<String>> = readers::pdftotext_raw(pdf)
        .split('\u{c}')
        .map(|p| p.lines().map(normalize).filter(|l| !l.is_empty()).collect())
        .collect();
    pages.retain(|p: &Vec<String>| !p.is_empty());
    pages
}

fn titles(toml: &str) -> Vec<String> {
    let dir = tempdir();
    let path = dir.path().join("t.toml");
    std::fs::write(&path, toml).unwrap();
    std::fs::copy(
        repo().join("content/examples/ada-photo.png"),
        dir.path().join("ada-photo.png"),
    )
    .unwrap();
    let loaded = folio::content::load(&path, &folio::text::covers).expect("content loads");
    loaded.portfolio.systems.iter().map(|s| s.title.clone()).collect()
}

fn example() -> String {
    std::fs::read_to_string(repo().join("content/examples/ada-example.toml")).unwrap()
}

#[test]
fn every_page_that_goes_on_with_a_system_names_it_in_a_running_head() {
    let toml = folio::testing::sample_varied(60);
    let titles = titles(&toml);
    for theme in ThemeName::ALL {
        let dir = tempdir();
        let pdf = build(dir.path(), "varied", &themed(&toml, theme), &[]);
        // running heads included, every word stays 18 pt inside the page and clear of the rest
        Audit::of(&pdf).expect("System 59").assert_clean();
        let pages = page_lines(&pdf);
        assert!(pages.len() > 40, "{} pages", pages.len());
        let mut current: Option<&str> = None;
        let mut continued = 0;
        for (n, lines) in pages.iter().enumerate() {
            let first = &lines[0];
            let opens = titles
                .iter()
                .find(|t| first.starts_with(t.as_str()) && !first.ends_with(" continued"));
            match (n, opens, current) {
                (0, ..) | (_, Some(_), _) => {}
                (_, None, Some(title)) => {
                    assert_eq!(
                        *first,
                        format!("{title} continued"),
                        "{theme:?} page {}: goes on with `{title}` without its running head",
                        n + 1
                    );
                    continued += 1;
                }
                (_, None, None) => panic!("{theme:?} page {}: no system begun yet: {first}", n + 1),
            }
            for line in lines.iter().skip(usize::from(n > 0 && opens.is_none())) {
                if let Some(t) = titles.iter().find(|t| line.starts_with(t.as_str())) {
                    current = Some(t);
                }
            }
        }
        assert!(continued > 10, "{theme:?}: only {continued} continuation pages");
        // the running head is page furniture: still one bookmark per system
        assert_eq!(Pdf::open(&pdf).outline().len(), 61, "{theme:?}");
    }
}

#[test]
fn no_page_ends_in_a_heading_in_any_theme() {
    let varied = folio::testing::sample_varied(60);
    for (name, toml) in [("varied", varied), ("example", example())] {
        let titles = titles(&toml);
        let headings: Vec<&str> = CaseSection::ALL.iter().map(|s| s.heading()).collect();
        for theme in ThemeName::ALL {
            let dir = tempdir();
            let pdf = build(dir.path(), name, &themed(&toml, theme), &[]);
            let pages = page_lines(&pdf);
            for (n, lines) in pages.iter().enumerate() {
                // the last line is the footer: the name and the page number
                assert!(lines.last().unwrap().contains(&format!("page {} of", n + 1)));
                let last = &lines[lines.len() - 2];
                let title = titles.iter().any(|t| last.starts_with(t.as_str()));
                assert!(
                    !headings.contains(&last.as_str()) && !title && last != "Systems",
                    "{name}, {theme:?}: page {} ends in the heading `{last}`",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn a_link_that_fits_a_fresh_line_is_never_split() {
    // the starter of `folio init`: its contact line broke `linkedin.com/ | in/your-name`
    let dir = tempdir();
    let o = folio(dir.path(), &["init", "starter"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let project = dir.path().join("starter");
    let o = folio(&project, &["build", "--resume"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for pdf in ["portfolio", "resume"] {
        let text = readers::pdftotext_layout(&project.join(format!("output/{pdf}.pdf")));
        for url in ["you@example.com", "github.com/your-name", "linkedin.com/in/your-name"] {
            assert!(
                text.lines().any(|l| l.contains(url)),
                "{pdf}: `{url}` is split:\n{text}"
            );
        }
        // in the portfolio each label stays with its address
        if pdf == "portfolio" {
            assert!(text.contains("LinkedIn linkedin.com/in/your-name"), "{text}");
        }
    }
}

#[test]
fn the_contact_line_shows_each_address_once() {
    // the example gives its e-mail as `email` and again as a `mailto:` link
    assert!(example().contains("url = \"mailto:ada@example.com\""));
    let dir = tempdir();
    let pdf = build(dir.path(), "example", &example(), &["--resume"]);
    for pdf in [pdf.clone(), pdf.with_file_name("resume.pdf")] {
        let text = pdf_text(&pdf);
        assert_eq!(text.matches("ada@example.com").count(), 1, "{text}");
        let uris = Pdf::open(&pdf).link_uris();
        assert_eq!(
            uris.iter().filter(|u| u.as_str() == "mailto:ada@example.com").count(),
            1,
            "{uris:?}"
        );
    }
}

/// Every word `pdftotext -bbox` finds, as (page, yMin, xMin, word).
fn words(pdf: &Path) -> Vec<(usize, f32, f32, String)> {
    let out = readers::run_tool("pdftotext", &[OsStr::new("-bbox"), pdf.as_os_str(), OsStr::new("-")]);
    assert!(out.status.success(), "pdftotext -bbox failed on {}", pdf.display());
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut out = Vec::new();
    for (page, body) in html.split("<page ").skip(1).enumerate() {
        for w in body.split("<word ").skip(1) {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split_once("</word>").unwrap().0.to_string();
            out.push((page, attr(tag, "yMin"), attr(tag, "xMin"), text));
        }
    }
    out
}

#[test]
fn four_five_and_six_cards_make_balanced_rows() {
    let metrics = |prefix: &str, n: usize, value: &str| {
        let cards: Vec<String> = (1..=n)
            .map(|k| format!("{{ value = \"{prefix}{k}{value}\", label = \"Label\" }}"))
            .collect();
        format!("metrics = [{}]\n", cards.join(", "))
    };
    let mut toml = String::from("[profile]\nname = \"Cards\"\n");
    for (prefix, n, value) in [
        ("A", 4, ""),
        ("B", 4, " requests per second"),
        ("C", 5, ""),
        ("D", 6, ""),
    ] {
        toml.push_str(&format!(
            "[[systems]]\ntitle = \"{prefix}\"\n{}",
            metrics(prefix, n, value)
        ));
    }
    let dir = tempdir();
    let pdf = build(dir.path(), "cards", &toml, &[]);
    let words = words(&pdf);
    let rows = |prefix: &str| {
        let mut rows: Vec<((usize, i32), usize)> = Vec::new();
        for (page, y, _, w) in &words {
            if w.len() == 2 && w.starts_with(prefix) {
                let key = (*page, y.round() as i32);
                match rows.iter_mut().find(|r| r.0 == key) {
                    Some(r) => r.1 += 1,
                    None => rows.push((key, 1)),
                }
            }
        }
        rows.into_iter().map(|r| r.1).collect::<Vec<usize>>()
    };
    // four short values share a row; four long ones make two rows of two
    assert_eq!(rows("A"), vec![4]);
    assert_eq!(rows("B"), vec![2, 2]);
    assert_eq!(rows("C"), vec![3, 2]);
    assert_eq!(rows("D"), vec![3, 3]);
}

/// The share of pixels that differ between the first pages of two PDFs rendered
/// at 40 dpi in grey (`pdftoppm`), with the page sizes equal.
fn pixels_differ(a: &Path, b: &Path) -> f64 {
    let render = |pdf: &Path| {
        let prefix = pdf.with_extension("");
        let args = ["-r", "40", "-gray", "-singlefile", "-png"].map(OsStr::new);
        let out = readers::run_tool(
            "pdftoppm",
            &[&args[..], &[pdf.as_os_str(), prefix.as_os_str()]].concat(),
        );
        assert!(out.status.success(), "pdftoppm failed on {}", pdf.display());
        image::open(prefix.with_extension("png")).unwrap().to_luma8()
    };
    let (a, b) = (render(a), render(b));
    assert_eq!(a.dimensions(), b.dimensions());
    let differ = a
        .pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0[0].abs_diff(q.0[0]) > 24)
        .count();
    differ as f64 / (a.width() * a.height()) as f64
}

#[test]
fn compact_and_modern_resumes_differ_from_classic_and_each_is_one_page() {
    // the example keeps its own accent colour and margins: only the theme changes
    let dir = tempdir();
    let mut resumes = Vec::new();
    for theme in ThemeName::ALL {
        let sub = dir.path().join(theme.name());
        std::fs::create_dir(&sub).unwrap();
        let pdf = build(
            &sub,
            "example",
            &themed(&example(), theme),
            &["--resume", "--only", "resume"],
        );
        let resume = pdf.with_file_name("resume.pdf");
        assert_eq!(Pdf::open(&resume).pages(), 1, "{theme:?}");
        resumes.push(resume);
    }
    for (theme, resume) in ThemeName::ALL.iter().zip(&resumes).skip(1) {
        assert_ne!(std::fs::read(resume).unwrap(), std::fs::read(&resumes[0]).unwrap());
        let share = pixels_differ(resume, &resumes[0]);
        assert!(
            share > 0.03,
            "{theme:?} differs from classic in {:.1}% of pixels",
            share * 100.0
        );
    }
}

#[test]
fn a_sparse_resume_is_set_comfortably_not_half_empty() {
    // the bundled content: five systems and nothing else for the résumé
    let dir = tempdir();
    let toml = std::fs::read_to_string(repo().join("content/portfolio.toml")).unwrap();
    let pdf = build(dir.path(), "bundled", &toml, &["--resume"]);
    let resume = pdf.with_file_name("resume.pdf");
    let words = words(&resume);
    let height = Pdf::open(&resume).page_size(Pdf::open(&resume).doc.get_pages()[&1]).1;
    let top = words.iter().map(|w| w.1).fold(f32::INFINITY, f32::min);
    let bottom = words.iter().map(|w| w.1).fold(0.0, f32::max);
    // the text reaches past the middle of the page (it ended at 45% before)
    let fill = (bottom - top) / (height - 2.0 * top);
    assert!(fill > 0.55, "the text covers {:.0}% of the page", fill * 100.0);
    // and no larger than the readable maximum
    let sizes = Pdf::open(&resume).font_sizes();
    let body = sizes.iter().filter(|s| **s < 12.0).fold(0.0f32, |a, b| a.max(*b));
    assert!(body <= folio::layout::resume::MAX_BODY, "body text at {body} pt");
}

#[test]
fn resume_fitting_leaves_out_the_oldest_jobs_highlights_first() {
    // the oldest job comes first in the file, the newest dated one last
    let years = [
        (2000, 2003),
        (2016, 2020),
        (2004, 2008),
        (2012, 2016),
        (2008, 2012),
        (2020, 2024),
    ];
    let mut toml = String::from("[profile]\nname = \"Long Career\"\n[[systems]]\ntitle = \"One\"\n");
    for (start, end) in years {
        let highlights: Vec<String> = (0..10)
            .map(|k| {
                format!(
                    "\"H{start}x{k}: led the work that moved the numbers the team cared about most that year, \
                     and wrote down how each of them was measured so others could check\""
                )
            })
            .collect();
        toml.push_str(&format!(
            "[[experience]]\nrole = \"Engineer {start}\"\norganization = \"Org {start}\"\nstart = {start}\nend = {end}\n\
             highlights = [{}]\n",
            highlights.join(", ")
        ));
    }
    let dir = tempdir();
    let file = write(dir.path(), "career.toml", &toml);
    let o = folio(
        dir.path(),
        &["build", &file, "--resume", "--only", "resume", "--out-dir", "."],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("left out"), "nothing was left out: {err}");
    let text = pdf_text(&dir.path().join("resume.pdf"));
    let kept = |year: i32| (0..10).filter(|k| text.contains(&format!("H{year}x{k}:"))).count();
    let by_age: Vec<usize> = [2000, 2004, 2008, 2012, 2016, 2020].iter().map(|y| kept(*y)).collect();
    // fewer highlights kept the older the job, whatever the file order
    assert!(by_age.windows(2).all(|p| p[0] <= p[1]), "{by_age:?}");
    assert_eq!(by_age[5], 10, "the newest job lost highlights: {by_age:?}");
    assert!(by_age[0] < 10, "the oldest job kept every highlight: {by_age:?}");
}
