use super::compose::compose;
use super::*;
use crate::diag::Source;
use crate::layout::frame::Item;
use crate::layout::Theme;
use crate::model::Portfolio;
use crate::text::FixedShaper;

fn portfolio(toml: &str) -> Portfolio {
    let (p, diags) = crate::content::parse(&Source::new("t.toml", toml), std::path::Path::new("."), &|_| true);
    p.unwrap_or_else(|| panic!("{diags:?}"))
}

fn big(systems: usize, jobs: usize) -> Portfolio {
    let mut s = String::from("[profile]\nname = \"N\"\nheadline = \"H\"\nsummary = \"Short summary.\"\n");
    for i in 0..systems {
        s.push_str(&format!(
            "[[systems]]\ntitle = \"S{i}\"\ntagline = \"tagline {i}\"\ntags = [\"t{i}\", \"{}\"]\nmetrics = [{{ value = \"{i}x\", label = \"Speed\" }}]\n",
            if i % 3 == 0 { "cuda" } else { "other" }
        ));
    }
    for i in 0..jobs {
        s.push_str(&format!(
            "[[experience]]\nrole = \"R{i}\"\norganization = \"O{i}\"\nhighlights = [\"first highlight of job {i}\", \"second highlight of job {i}\"]\n"
        ));
    }
    portfolio(&s)
}

fn fit_all<'a>(p: &'a Portfolio, focus: &[&str]) -> (Selection<'a>, Fitted) {
    let focus: Vec<String> = focus.iter().map(|s| s.to_string()).collect();
    let (sel, _) = select(p, &focus);
    let fitted = fit(p, &sel, &Theme::default(), &FixedShaper, None).expect("fits");
    (sel, fitted)
}

#[test]
fn short_content_fits_at_the_loosest_density_with_nothing_dropped() {
    let p = big(3, 1);
    let (_, f) = fit_all(&p, &[]);
    assert!(f.dropped.is_empty());
    let loosest = densities(&Theme::default())[0];
    assert_eq!((f.density.body, f.density.leading), (loosest.body, loosest.leading));
    // room to spare: the spacing opens up beyond the loosest density's
    assert!(f.density.gap > loosest.gap);
    assert_eq!(f.document.pages.len(), 1);
}

#[test]
fn long_content_tightens_to_the_floor_then_drops_the_last_systems_first() {
    let p = big(40, 10);
    let (sel, f) = fit_all(&p, &[]);
    let floor = *densities(&Theme::default()).last().unwrap();
    assert_eq!(f.density, floor);
    assert!(!f.dropped.is_empty());
    assert_eq!(f.dropped[0], Drop::System(39));
    assert!(f.dropped.iter().take(38).all(|d| matches!(d, Drop::System(_))));
    // the fewest drops: one fewer would not fit at the floor
    let order = drop_order(&p, sel.systems.len());
    let k = f.dropped.len();
    let c = compose(&p, &sel, &order[..k - 1], floor, &Theme::default(), &FixedShaper, None);
    assert!(c.height > c.available);
    let c = compose(&p, &sel, &order[..k], floor, &Theme::default(), &FixedShaper, None);
    assert!(c.height <= c.available);
    // every piece of text is at least the floor size and inside the page
    assert!(text_sizes(&f.document.pages[0]).all(|s| s >= MIN_TEXT_SIZE));
    for item in &f.document.pages[0].items {
        if let Item::Text(t) = item {
            assert!(t.baseline <= Theme::default().page_height - floor.margin_y);
            assert!(t.x + t.run.width_at(t.size) <= Theme::default().page_width - floor.margin_x + 0.01);
        }
    }
    let warnings = drop_warnings(&p, &sel, &f.dropped);
    assert!(
        warnings[0].contains("left out") && warnings[0].contains("`s39`"),
        "{warnings:?}"
    );
}

#[test]
fn focus_ranks_by_matching_tags_keeping_ties_in_order() {
    let p = portfolio(
        "[profile]\nname = \"N\"\n\
         [[systems]]\ntitle = \"A\"\ntags = [\"x\"]\n\
         [[systems]]\ntitle = \"B\"\ntags = [\"CUDA\", \"Serving\"]\n\
         [[systems]]\ntitle = \"C\"\ntags = [\"serving\"]\n\
         [[systems]]\ntitle = \"D\"\ntags = [\"cuda\"]\n",
    );
    let (sel, warnings) = select(&p, &["cuda".into(), "SERVING".into()]);
    let titles: Vec<&str> = sel.systems.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, vec!["B", "C", "D", "A"]);
    assert!(warnings.is_empty());
    let (_, warnings) = select(&p, &["servng".into()]);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message.contains("`servng`"));
    assert!(
        warnings[0].hint.as_deref().unwrap().contains("`Serving`")
            || warnings[0].hint.as_deref().unwrap().contains("`serving`")
    );
}

#[test]
fn resume_table_selects_orders_and_caps() {
    let p = portfolio(
        "[profile]\nname = \"N\"\n[resume]\nsystems = [\"c\", \"a\", \"b\"]\nmax_systems = 2\n\
         [[systems]]\ntitle = \"A\"\n[[systems]]\ntitle = \"B\"\n[[systems]]\ntitle = \"C\"\n",
    );
    let (sel, _) = select(&p, &[]);
    assert_eq!(
        sel.systems.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        vec!["c", "a"]
    );
}

#[test]
fn a_header_that_cannot_fit_is_reported_not_clipped() {
    // longer than the parser accepts, to be sure nothing can make the header fit
    let mut p = portfolio("[profile]\nname = \"N\"\n[[systems]]\ntitle = \"A\"\n");
    p.profile.name = "W".repeat(20000);
    let (sel, _) = select(&p, &[]);
    let err = fit(&p, &sel, &Theme::default(), &FixedShaper, None).unwrap_err();
    assert!(err.height > err.available);
}

#[test]
fn fitting_leaves_out_older_items_first_by_their_dates_undated_last() {
    // the file lists the oldest job first: dates, not file order, decide
    let p = portfolio(
        "[profile]\nname = \"N\"\n[[systems]]\ntitle = \"A\"\n\
         [[experience]]\nrole = \"Old\"\norganization = \"O\"\nstart = 2000\nend = 2003\nhighlights = [\"o1\", \"o2\"]\n\
         [[experience]]\nrole = \"Undated\"\norganization = \"U\"\nhighlights = [\"u1\"]\n\
         [[experience]]\nrole = \"Now\"\norganization = \"N\"\nstart = \"2021-03\"\nend = \"present\"\nhighlights = [\"n1\"]\n\
         [[experience]]\nrole = \"Mid\"\norganization = \"M\"\nstart = 2016\nend = 2020\nhighlights = [\"m1\"]\n\
         [[publications]]\ntitle = \"P new\"\ndate = 2024\n[[publications]]\ntitle = \"P none\"\n\
         [[publications]]\ntitle = \"P old\"\ndate = \"2010-05\"\n",
    );
    let order = drop_order(&p, 1);
    let highlights: Vec<super::Drop> = order
        .iter()
        .copied()
        .filter(|d| matches!(d, Drop::ExperienceHighlight(..)))
        .collect();
    use super::Drop::*;
    assert_eq!(
        highlights,
        vec![
            ExperienceHighlight(0, 1),
            ExperienceHighlight(0, 0),
            ExperienceHighlight(3, 0),
            ExperienceHighlight(2, 0),
            ExperienceHighlight(1, 0)
        ]
    );
    let papers: Vec<super::Drop> = order.iter().copied().filter(|d| matches!(d, Publication(_))).collect();
    assert_eq!(papers, vec![Publication(2), Publication(0), Publication(1)]);
    // entries: every one but the newest dated (the ongoing job), which goes last of them
    let jobs: Vec<super::Drop> = order.iter().copied().filter(|d| matches!(d, Experience(_))).collect();
    assert_eq!(jobs, vec![Experience(0), Experience(3), Experience(1), Experience(2)]);
}
