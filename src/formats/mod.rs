//! The exports besides PDF (`--formats`): the résumé and the cover letter as
//! plain text and Markdown ([`text`]), and the whole portfolio as a JSON Resume
//! ([`jsonresume`]). Pure: model in, text out.

pub mod jsonresume;
pub mod text;

/// Which files a build writes for each document (`--formats pdf,txt,md,json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub pdf: bool,
    /// `resume.txt` (and `cover-letter.txt` in an application).
    pub txt: bool,
    /// `resume.md` (and `cover-letter.md` in an application).
    pub md: bool,
    /// `portfolio.json`: the whole portfolio as a JSON Resume.
    pub json: bool,
}

impl Default for Formats {
    /// PDF only.
    fn default() -> Self {
        Formats {
            pdf: true,
            txt: false,
            md: false,
            json: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::content::{raw, Record};
    use crate::model::CaseSection;

    #[test]
    fn case_study_keys_are_the_format_s() {
        let keys: Vec<&str> = <raw::CaseStudy as Record>::FIELDS.iter().map(|f| f.name).collect();
        let ours: Vec<&str> = CaseSection::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(keys, ours);
    }
}
