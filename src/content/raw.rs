//! The content format, declared once: every table as a raw struct whose fields
//! are the table's keys, each with its kind, whether it is required, and its doc.
//!
//! `record!` turns one declaration into the struct (each key an
//! `Option<Spanned<…>>` of its checked value), its key table ([`Record::FIELDS`],
//! which the checker, the JSON Schema and the starter's test read), the code that
//! fills it one key at a time, and its serde `Serialize` (the writer). A key's
//! name is written here and nowhere else.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use toml::de::DeValue;
use toml::Spanned;

use super::check::{At, Check, Checker, Place, Record};
use super::keys::{position, Field};
use super::kinds::{
    Address, Choice, Color, Count, Date, Email, EndDate, Highlights, Id, Ids, Length, Line, Lines, Path, Paths, Points,
    Table, Tables, Text, Url,
};
use super::writer::Wire;
use crate::model::{MetricVisual, PageSize, ThemeName};

/// Declares a table of the format: `key: Kind = req("doc")` or `opt("doc")`.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $field:ident : $kind:ty = $req:ident($doc:literal) ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            /// Where the table is in the file.
            pub place: Place,
            // (the docs stay in the declaration: they are user text, not rustdoc)
            $( pub $field: Option<Spanned<<$kind as Check>::Out>>, )*
        }

        // `Place::written` has a bit for each key.
        const _: () = assert!(<$name as Record>::FIELDS.len() <= 64);

        /// The index of each key in [`Record::FIELDS`], named after it.
        #[allow(non_upper_case_globals)]
        impl $name {
            $( pub const $field: usize = position(<Self as Record>::FIELDS, stringify!($field)); )*
        }

        impl Record for $name {
            const FIELDS: &'static [Field] = &[$(
                Field {
                    name: stringify!($field),
                    kind: <$kind as Check>::KIND,
                    required: record!(@required $req),
                    doc: $doc,
                }
            ),*];

            fn place_mut(&mut self) -> &mut Place {
                &mut self.place
            }

            fn fill(&mut self, index: usize, cx: &mut Checker<'_>, v: &Spanned<DeValue<'_>>, at: &At<'_>) {
                let field = &Self::FIELDS[index];
                $(
                    if index == Self::$field {
                        self.$field = <$kind as Check>::check(cx, field, v, at).map(|out| Spanned::new(v.span(), out));
                        return;
                    }
                )*
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut table = s.serialize_struct(stringify!($name), Self::FIELDS.len())?;
                $(
                    match &self.$field {
                        Some(v) => table.serialize_field(stringify!($field), &Wire::<$kind>(v.get_ref()))?,
                        None => table.skip_field(stringify!($field))?,
                    }
                )*
                table.end()
            }
        }
    };
    (@required req) => { true };
    (@required opt) => { false };
}

record! {
    /// The top level of the file.
    pub struct Root {
        profile: Table<Profile> = req("Who you are: name, headline, contact details, links, photo."),
        portfolio: Table<Portfolio> = opt("The heading of the portfolio's systems part."),
        systems: Tables<System> = req("The systems you built, one [[systems]] table each (at least one)."),
        experience: Tables<Experience> = opt("Jobs and roles, for the résumé."),
        education: Tables<Education> = opt("Degrees and schools, for the résumé."),
        skills: Tables<SkillGroup> = opt("Groups of skills, for the résumé."),
        publications: Tables<Publication> = opt("Papers, talks and patents, for the résumé."),
        resume: Table<Resume> = opt("Which systems the one-page résumé shows."),
        design: Table<Design> = opt("How the PDFs look: theme, page size, accent colour, margins, font size."),
        applications: Tables<Application> = opt("Job applications: a tailored résumé and a cover letter for each (folio build --applications)."),
    }
}

record! {
    /// `[profile]`
    pub struct Profile {
        name: Line = req("Your name, as printed at the top of both documents."),
        headline: Line = opt("A few words under your name, e.g. \"Engineer-researcher\"."),
        summary: Text = opt("A short introduction (paragraphs; lines starting with \"- \" are bullets)."),
        email: Email = opt("Contact email address."),
        phone: Line = opt("Contact phone number, printed as written."),
        location: Line = opt("City and country, printed as written."),
        website: Line = opt("Your website, printed as written."),
        links: Tables<Link> = opt("Profile links, e.g. [{ label = \"GitHub\", url = \"https://github.com/you\" }]."),
        photo: Path = opt("A PNG or JPEG photo, path relative to this TOML file."),
        photo_alt: Line = opt("What the photo shows, read out by screen readers (its /Alt text); defaults to \"Photo of NAME\"."),
        lang: Line = opt("The language the content is written in, a BCP 47 tag such as \"en\" or \"de-CH\" (the PDFs' /Lang); defaults to \"en\"."),
        devanagari_lang: Line = opt("The language of the text written in Devanagari, e.g. \"hi\" (Hindi) or \"mr\" (Marathi): screen readers then read those words in it; by default they are given no language of their own."),
    }
}

record! {
    /// `[portfolio]`
    pub struct Portfolio {
        title: Line = opt("Title of the systems part of the portfolio."),
        subtitle: Line = opt("A line under the title."),
        intro: Text = opt("An introduction printed before the systems."),
    }
}

record! {
    /// `[[systems]]`
    pub struct System {
        id: Id = opt("A unique id for [resume].systems; defaults to a slug of the title."),
        title: Line = req("The system's name."),
        tagline: Line = opt("One line saying what it is."),
        status: Line = opt("Free text, e.g. \"active\", \"shipped\", \"archived\"."),
        start: Date = opt("When the work started: 2024, \"2024-03\" or \"2024-03-15\"."),
        end: EndDate = opt("When it ended (same forms as start, or \"present\")."),
        summary: Text = opt("What the system is and why it matters."),
        tags: Lines = opt("Technologies and topics, e.g. [\"CUDA\", \"Rust\"]."),
        links: Tables<Link> = opt("Code, paper, demo: [{ label = \"Code\", url = \"https://...\" }]."),
        metrics: Tables<Metric> = opt("Headline numbers: [{ value = \"2.1x\", label = \"Throughput\" }]."),
        case_study: Table<CaseStudy> = opt("The long-form case study, any subset of its sections."),
    }
}

record! {
    /// `[systems.case_study]`, its sections in print order.
    pub struct CaseStudy {
        motivation: Text = opt("Why the system was needed."),
        constraints: Text = opt("The design constraints it had to meet."),
        architecture: Text = opt("How it is built."),
        bottlenecks: Text = opt("Where the time or memory went."),
        decisions: Text = opt("The optimization decisions and their trade-offs."),
        methodology: Text = opt("How it was benchmarked."),
        results: Text = opt("What the numbers came out as."),
        lessons: Text = opt("What you learned."),
    }
}

record! {
    /// An entry of `links` (profile or system).
    pub struct Link {
        label: Line = req("The text printed for the link."),
        url: Url = req("Where it goes: https://, http:// or mailto:."),
    }
}

record! {
    /// An entry of `[[systems]].metrics`.
    pub struct Metric {
        value: Line = req("The number, as printed, e.g. \"2.1x\"."),
        label: Line = req("What was measured, e.g. \"Throughput\"."),
        detail: Line = opt("A short note, e.g. the baseline or the hardware."),
        visual: Choice<MetricVisual> = opt("\"ratio\" draws the value against a 1.0x baseline, \"none\" the value alone; default: a ratio for a value like \"2.1x\" that reads as faster, a speedup, throughput or versus a baseline."),
    }
}

record! {
    /// `[[experience]]`
    pub struct Experience {
        role: Line = req("Your role or job title."),
        organization: Line = req("The company, lab or team."),
        location: Line = opt("Where, printed as written."),
        start: Date = opt("When you started: 2024, \"2024-03\" or \"2024-03-15\"."),
        end: EndDate = opt("When you left (same forms as start, or \"present\")."),
        summary: Text = opt("What the role was about."),
        highlights: Highlights = opt("Achievements, one string each."),
    }
}

record! {
    /// `[[education]]`
    pub struct Education {
        institution: Line = req("The university or school."),
        degree: Line = opt("The degree, e.g. \"M.S.\"."),
        field: Line = opt("The field of study."),
        start: Date = opt("When you started: 2024, \"2024-03\" or \"2024-03-15\"."),
        end: EndDate = opt("When you finished (same forms as start, or \"present\")."),
        highlights: Highlights = opt("Thesis, honours, one string each."),
    }
}

record! {
    /// `[[skills]]`
    pub struct SkillGroup {
        group: Line = req("The group's name, e.g. \"Languages\"."),
        items: Lines = req("The skills, e.g. [\"Rust\", \"C++\"]."),
    }
}

record! {
    /// `[[publications]]`
    pub struct Publication {
        title: Line = req("The title of the paper or talk."),
        authors: Lines = opt("The authors, in order."),
        venue: Line = opt("Where it appeared."),
        date: Date = opt("When: 2024, \"2024-03\" or \"2024-03-15\"."),
        url: Url = opt("Where to read it."),
    }
}

record! {
    /// `[resume]`
    pub struct Resume {
        systems: Ids = opt("The ids of the systems to show, in this order (default: all)."),
        max_systems: Count = opt("Show at most this many systems."),
    }
}

record! {
    /// `[design]`
    pub struct Design {
        theme: Choice<ThemeName> = opt("The look: \"classic\" (the default), \"modern\" or \"compact\"."),
        page_size: Choice<PageSize> = opt("\"a4\" (the default) or \"letter\"."),
        accent: Color = opt("The accent colour, \"#RRGGBB\"; dark enough that white text on it reads well."),
        margins: Length = opt("Page margins, e.g. \"18mm\", \"2cm\", \"0.75in\" or \"54pt\" (20pt to 144pt)."),
        font_size: Points = opt("Body text size in points, 7 to 14."),
        fonts: Paths = opt("Font files (.ttf or .otf) for characters the bundled fonts lack (Chinese, say), tried in order; paths relative to the TOML file."),
    }
}

record! {
    /// `[[applications]]`
    pub struct Application {
        id: Id = opt("The folder under applications/ and the name for --application; defaults to a slug of company and role."),
        company: Line = req("The company you apply to."),
        role: Line = req("The job you apply for, as the posting names it."),
        date: Date = opt("The date printed on the letter, \"YYYY-MM-DD\" (never the clock)."),
        recipient: Line = opt("Who the letter is to; the salutation is \"Dear RECIPIENT,\", or else \"Dear Hiring Team,\"."),
        address: Address = opt("The recipient block under the date, one line per line."),
        focus: Lines = opt("Tags this résumé is tailored to, as --focus: matching systems first, matches highlighted."),
        systems: Ids = opt("The ids of the systems this résumé shows, in this order (default: [resume].systems)."),
        letter: Text = opt("The cover letter: paragraphs, with the same inline markup as other text; without it only the résumé is written."),
        closing: Line = opt("The line above your name at the end of the letter (default \"Sincerely,\")."),
    }
}
