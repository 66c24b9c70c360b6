//! The validated content model: what the TOML means, with every check already done.
//!
//! Nothing in here knows about TOML, spans, fonts or pages. The parser in
//! [`crate::content`] builds these values; layout reads them.

use std::fmt;
use std::path::PathBuf;

/// A whole portfolio file, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Portfolio {
    pub profile: Profile,
    /// The heading of the systems part (`[portfolio]`); `None` when the file has none.
    pub portfolio: Option<SectionHeading>,
    pub systems: Vec<System>,
    /// Jobs and roles, newest first as written (`[[experience]]`).
    pub experience: Vec<Experience>,
    /// Degrees and schools (`[[education]]`).
    pub education: Vec<Education>,
    /// Skill groups (`[[skills]]`).
    pub skills: Vec<SkillGroup>,
    /// Papers, talks, patents (`[[publications]]`).
    pub publications: Vec<Publication>,
    /// What goes on the one-page résumé (`[resume]`); all defaults when absent.
    pub resume: ResumeConfig,
    /// How the PDFs look (`[design]`); all defaults when absent.
    pub design: Design,
    /// Job applications (`[[applications]]`), in file order; ids unique.
    pub applications: Vec<Application>,
}

/// One job application: a résumé tailored to it and, with a letter, a cover letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    /// Unique within the file: given, or a slug of company and role; the output folder's name.
    pub id: String,
    pub company: String,
    pub role: String,
    /// Printed on the letter; never the clock.
    pub date: Option<chrono::NaiveDate>,
    pub recipient: Option<String>,
    /// The recipient block, one entry per line.
    pub address: Vec<String>,
    /// Tags the résumé is tailored to, as written (each carried by some system).
    pub focus: Vec<String>,
    /// The systems the résumé shows, in order (each exists, no repeats); `None`: `[resume].systems`.
    pub systems: Option<Vec<String>>,
    /// The letter's body; `None`: only the résumé is written.
    pub letter: Option<Text>,
    /// Where the `letter` value is in the content file, so that a letter too long
    /// for its page is reported there.
    pub letter_at: Written,
    pub closing: Option<String>,
}

impl Application {
    /// `Dear Dr. Jane Doe,` or `Dear Hiring Team,`.
    pub fn salutation(&self) -> String {
        format!("Dear {},", self.recipient.as_deref().unwrap_or("Hiring Team"))
    }

    /// The recipient block, line by line: the recipient, then the address or else the company.
    pub fn recipient_block(&self) -> Vec<&str> {
        let mut block: Vec<&str> = self.recipient.iter().map(String::as_str).collect();
        if self.address.is_empty() {
            block.push(self.company.as_str());
        } else {
            block.extend(self.address.iter().map(String::as_str));
        }
        block
    }

    /// `Sincerely,` unless the application says otherwise.
    pub fn closing(&self) -> &str {
        self.closing.as_deref().unwrap_or("Sincerely,")
    }

    /// `Application: Staff ML Infrastructure Engineer`.
    pub fn subject(&self) -> String {
        format!("Application: {}", self.role)
    }

    /// `1 December 2026`, as a letter is dated.
    pub fn date_line(&self) -> Option<String> {
        self.date.map(|d| d.format("%-d %B %Y").to_string())
    }
}

/// The `[design]` table: choices of look, never content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Design {
    pub theme: ThemeName,
    pub page_size: PageSize,
    /// `#RRGGBB`; `None` keeps the theme's accent.
    pub accent: Option<[u8; 3]>,
    /// Page margins in points; `None` keeps the theme's.
    pub margins: Option<f32>,
    /// Body text size in points; `None` keeps the theme's.
    pub font_size: Option<f32>,
    /// The user's fonts, registered, tried after the bundled ones.
    pub fonts: Vec<crate::text::FontFace>,
}

/// The built-in themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Single column, accent rules.
    #[default]
    Classic,
    /// A coloured profile band and metric cards.
    Modern,
    /// Dense, for long portfolios.
    Compact,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Classic, ThemeName::Modern, ThemeName::Compact];

    pub const fn name(self) -> &'static str {
        match self {
            ThemeName::Classic => "classic",
            ThemeName::Modern => "modern",
            ThemeName::Compact => "compact",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSize {
    /// 595 x 842 pt.
    #[default]
    A4,
    /// 612 x 792 pt.
    Letter,
}

impl PageSize {
    pub const ALL: [PageSize; 2] = [PageSize::A4, PageSize::Letter];

    pub const fn name(self) -> &'static str {
        match self {
            PageSize::A4 => "a4",
            PageSize::Letter => "letter",
        }
    }

    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.276, 841.89),
            PageSize::Letter => (612.0, 792.0),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub name: String,
    pub headline: Option<String>,
    pub summary: Option<Text>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub website: Option<String>,
    pub links: Vec<Link>,
    pub photo: Option<Photo>,
    /// The photo's alternative text: `None` for the default ("Photo of NAME"),
    /// `Some("")` when the content leaves it empty on purpose (the photo is then
    /// decoration, and the build warns).
    pub photo_alt: Option<String>,
    /// The content's language (BCP 47), `en` unless written.
    pub lang: String,
    /// The language of text in Devanagari, when the content names one.
    pub devanagari_lang: Option<String>,
}

impl Profile {
    /// The photo's alternative text, empty when the content asks for none.
    pub fn photo_alt(&self) -> String {
        match &self.photo_alt {
            Some(alt) => alt.clone(),
            None => format!("Photo of {}", self.name),
        }
    }
}

/// A decoded profile photo (already checked to be a readable PNG or JPEG).
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// The path as resolved against the TOML file's folder.
    pub path: PathBuf,
    /// Width and height in pixels.
    pub width: u32,
    pub height: u32,
    /// 8-bit RGB pixels, row by row (`width * height * 3` bytes).
    pub rgb: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionHeading {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub intro: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct System {
    /// Unique within the file: given, or a slug of the title.
    pub id: String,
    pub title: String,
    pub tagline: Option<String>,
    pub status: Option<String>,
    pub dates: Option<DateRange>,
    pub summary: Option<Text>,
    pub tags: Vec<String>,
    pub links: Vec<Link>,
    pub metrics: Vec<Metric>,
    /// The case-study sections that are present, in [`CaseSection::ALL`] order.
    pub case_study: Vec<(CaseSection, Text)>,
}

/// One job or role (`[[experience]]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Experience {
    pub role: String,
    pub organization: String,
    pub location: Option<String>,
    pub dates: Option<DateRange>,
    pub summary: Option<Text>,
    pub highlights: Vec<String>,
}

/// One degree or course of study (`[[education]]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Education {
    pub institution: String,
    pub degree: Option<String>,
    /// The field of study.
    pub field: Option<String>,
    pub dates: Option<DateRange>,
    pub highlights: Vec<String>,
}

impl Education {
    /// What was studied, as every document prints it: `M.S., Computer Science`,
    /// either part alone, or `None` when the entry names neither.
    pub fn studied(&self) -> Option<String> {
        let what: Vec<&str> = [self.degree.as_deref(), self.field.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (!what.is_empty()).then(|| what.join(", "))
    }
}

/// A named group of skills (`[[skills]]`).
#[derive(Debug, Clone, PartialEq)]
pub struct SkillGroup {
    pub group: String,
    /// Never empty.
    pub items: Vec<String>,
}

/// A paper, talk or patent (`[[publications]]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Publication {
    pub title: String,
    pub authors: Vec<String>,
    pub venue: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
}

/// Résumé settings (`[resume]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResumeConfig {
    /// The ids of the systems to show, in this order (each one exists, no repeats);
    /// `None` means all systems in file order.
    pub systems: Option<Vec<String>>,
    /// At most this many systems (always at least 1); `None` means no limit given.
    pub max_systems: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub value: String,
    pub label: String,
    pub detail: Option<String>,
    /// The drawing asked for; `None` leaves it to the default rule (see
    /// `layout::portfolio::ratio`).
    pub visual: Option<MetricVisual>,
}

impl Metric {
    /// The factor a value such as `2.1x`, `3X` or `1.5×` gives, when it is more than 1
    /// (and at most 1000).
    pub fn factor(&self) -> Option<f32> {
        let value = self.value.trim();
        let number = value.strip_suffix(['x', 'X', '\u{00D7}'])?.trim_end();
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        let v: f32 = number.parse().ok()?;
        (v > 1.0 && v.is_finite() && v <= 1000.0).then_some(v)
    }

    /// The factor drawn as bars against the 1.0x baseline, if any: with `visual =
    /// "ratio"` any [`Metric::factor`]; with no `visual`, a factor whose label or
    /// detail reads as a ratio to a baseline ([`Metric::reads_as_ratio`]).
    pub fn ratio(&self) -> Option<f32> {
        match self.visual {
            Some(MetricVisual::Ratio) => self.factor(),
            Some(MetricVisual::Plain) => None,
            None => self.factor().filter(|_| self.reads_as_ratio()),
        }
    }

    /// Whether the label or detail names what a ratio bar shows: one of the words
    /// *faster*, *speedup* (*speed-up*, *speed up*), *throughput*, *versus* or
    /// *vs*, or *baseline* (any case). `8x Fewer hosts` does not.
    pub fn reads_as_ratio(&self) -> bool {
        let text = format!("{} {}", self.label, self.detail.as_deref().unwrap_or("")).to_lowercase();
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        let has = |w: &str| words.contains(&w);
        has("faster")
            || has("speedup")
            || has("throughput")
            || has("versus")
            || has("vs")
            || has("baseline")
            || words.windows(2).any(|p| p == ["speed", "up"])
    }
}

/// What is drawn with a metric besides its value (`visual`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricVisual {
    /// Bars of the value against the 1.0x baseline (a value such as `2.1x`).
    Ratio,
    /// The value alone.
    Plain,
}

impl MetricVisual {
    pub const ALL: [MetricVisual; 2] = [MetricVisual::Ratio, MetricVisual::Plain];

    pub const fn name(self) -> &'static str {
        match self {
            MetricVisual::Ratio => "ratio",
            MetricVisual::Plain => "none",
        }
    }
}

/// The fixed case-study sections, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CaseSection {
    Motivation,
    Constraints,
    Architecture,
    Bottlenecks,
    Decisions,
    Methodology,
    Results,
    Lessons,
}

impl CaseSection {
    pub const ALL: [CaseSection; 8] = [
        CaseSection::Motivation,
        CaseSection::Constraints,
        CaseSection::Architecture,
        CaseSection::Bottlenecks,
        CaseSection::Decisions,
        CaseSection::Methodology,
        CaseSection::Results,
        CaseSection::Lessons,
    ];

    /// The section's key in `[systems.case_study]`.
    pub fn key(self) -> &'static str {
        match self {
            CaseSection::Motivation => "motivation",
            CaseSection::Constraints => "constraints",
            CaseSection::Architecture => "architecture",
            CaseSection::Bottlenecks => "bottlenecks",
            CaseSection::Decisions => "decisions",
            CaseSection::Methodology => "methodology",
            CaseSection::Results => "results",
            CaseSection::Lessons => "lessons",
        }
    }

    /// The heading printed above the section.
    pub fn heading(self) -> &'static str {
        match self {
            CaseSection::Motivation => "Motivation",
            CaseSection::Constraints => "Design constraints",
            CaseSection::Architecture => "Architecture",
            CaseSection::Bottlenecks => "Bottlenecks",
            CaseSection::Decisions => "Optimization decisions",
            CaseSection::Methodology => "Benchmark methodology",
            CaseSection::Results => "Results",
            CaseSection::Lessons => "Lessons learned",
        }
    }
}

/// Plain text split into paragraphs and bullet items.
///
/// Every character prints as written; the only structure is a blank line (new
/// paragraph) and lines starting with `- ` (bullet items).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Bullet(String),
}

impl Text {
    /// Split raw field text into paragraphs and bullets.
    ///
    /// Consecutive non-blank lines join with a space into one paragraph; a line that
    /// starts with `- ` begins a bullet item, and following lines that are not blank and
    /// not bullets continue it.
    pub fn parse(raw: &str) -> Text {
        let mut blocks = Vec::new();
        let mut current: Option<Block> = None;
        for line in raw.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                blocks.extend(current.take());
                continue;
            }
            if let Some(item) = trimmed.strip_prefix("- ") {
                blocks.extend(current.take());
                current = Some(Block::Bullet(item.trim().to_string()));
                continue;
            }
            match &mut current {
                Some(Block::Paragraph(s)) | Some(Block::Bullet(s)) => {
                    s.push(' ');
                    s.push_str(trimmed);
                }
                None => current = Some(Block::Paragraph(trimmed.to_string())),
            }
        }
        blocks.extend(current);
        Text { blocks }
    }

    /// All the words, paragraphs joined by a space (for one-line uses).
    pub fn plain(&self) -> String {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(s) | Block::Bullet(s) => s.as_str(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A point in time at the precision the user wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Date {
    Year(i32),
    Month(i32, u32),
    Day(chrono::NaiveDate),
}

impl Date {
    /// The first day this date can mean, for ordering checks.
    pub fn first_day(self) -> chrono::NaiveDate {
        match self {
            Date::Year(y) => chrono::NaiveDate::from_ymd_opt(y, 1, 1).expect("validated year"),
            Date::Month(y, m) => chrono::NaiveDate::from_ymd_opt(y, m, 1).expect("validated month"),
            Date::Day(d) => d,
        }
    }

    /// The last day this date can mean, for ordering checks.
    pub fn last_day(self) -> chrono::NaiveDate {
        match self {
            Date::Year(y) => chrono::NaiveDate::from_ymd_opt(y, 12, 31).expect("validated year"),
            Date::Month(y, m) => {
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                chrono::NaiveDate::from_ymd_opt(ny, nm, 1)
                    .expect("validated month")
                    .pred_opt()
                    .expect("a day before the first of a month")
            }
            Date::Day(d) => d,
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Date::Year(y) | Date::Month(y, _) => y,
            Date::Day(d) => chrono::Datelike::year(&d),
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Date::Year(y) => write!(f, "{y}"),
            Date::Month(y, m) => write!(f, "{} {y}", MONTHS[m as usize - 1]),
            Date::Day(d) => {
                use chrono::Datelike;
                write!(f, "{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Date(Date),
    Present,
}

/// A start date with an optional end; the end is never before the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub start: Date,
    pub end: Option<End>,
}

impl fmt::Display for DateRange {
    /// `2026`, `2024–2025`, `Mar 2024 – present`, `Mar 2024 – Jun 2025`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.start, self.end) {
            (start, None) => write!(f, "{start}"),
            (start, Some(End::Date(end))) if start == end => write!(f, "{start}"),
            (Date::Year(a), Some(End::Date(Date::Year(b)))) => write!(f, "{a}\u{2013}{b}"),
            (start, Some(End::Date(end))) => write!(f, "{start} \u{2013} {end}"),
            (start, Some(End::Present)) => write!(f, "{start} \u{2013} present"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_splits_paragraphs_and_bullets() {
        let t = Text::parse("One line\ncontinues.\n\nSecond $ C# <x>.\n- first\n  wraps\n- second\n\nEnd");
        assert_eq!(
            t.blocks,
            vec![
                Block::Paragraph("One line continues.".into()),
                Block::Paragraph("Second $ C# <x>.".into()),
                Block::Bullet("first wraps".into()),
                Block::Bullet("second".into()),
                Block::Paragraph("End".into()),
            ]
        );
    }

    #[test]
    fn date_ranges_print_as_specified() {
        let r = |start, end| DateRange { start, end }.to_string();
        assert_eq!(r(Date::Year(2026), None), "2026");
        assert_eq!(r(Date::Year(2024), Some(End::Date(Date::Year(2025)))), "2024–2025");
        assert_eq!(r(Date::Month(2024, 3), Some(End::Present)), "Mar 2024 – present");
        assert_eq!(
            r(Date::Month(2024, 3), Some(End::Date(Date::Month(2025, 6)))),
            "Mar 2024 – Jun 2025"
        );
        assert_eq!(r(Date::Year(2025), Some(End::Date(Date::Year(2025)))), "2025");
    }

    #[test]
    fn month_last_day_handles_december_and_leap_years() {
        assert_eq!(Date::Month(2024, 2).last_day().to_string(), "2024-02-29");
        assert_eq!(Date::Month(2024, 12).last_day().to_string(), "2024-12-31");
    }
}

/// Where a value was written in the content file (a byte range), for diagnostics
/// found after checking. Not part of the value: any two are equal, so a portfolio
/// written out and read back is the same portfolio.
#[derive(Debug, Clone, Default)]
pub struct Written(pub Option<std::ops::Range<usize>>);

impl PartialEq for Written {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
