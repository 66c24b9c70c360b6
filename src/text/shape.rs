//! Shaping: text in a style becomes runs of positioned glyphs.
//!
//! The [`Shaper`] trait is all layout knows of fonts. [`FontShaper`] is the real
//! one, rustybuzz over the bundled faces, caching results per (face, text) since
//! the same words recur across a document (and across the PDFs of one build); unit tests use `FixedShaper`, a
//! stand-in with fixed-width glyphs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use super::chars;
use super::direct::Direct;
use super::fonts::{face_for, FontFace, Style};
use super::kern::{self, Adjust, Kerning};
use super::run::{Glyph, ShapedRun};

/// Shapes text into runs; the one interface between layout and fonts. Shared
/// between threads (a long portfolio's systems are laid out in parallel).
pub trait Shaper: Sync {
    /// Shape `text` (no line breaks in it) in `style`, split into runs by face.
    fn shape(&self, text: &str, style: Style) -> Vec<Arc<ShapedRun>>;
    /// [`Shaper::shape`] as a shared list: a caching shaper hands out the one it
    /// keeps instead of a copy (line breaking asks for every word and space).
    fn shape_shared(&self, text: &str, style: Style) -> Runs {
        self.shape(text, style).into()
    }
    /// Ascender, descender (positive, below the baseline) and cap height, in thousandths of an em.
    fn ascender(&self, style: Style) -> f32;
    fn descender(&self, style: Style) -> f32;
    fn cap_height(&self, style: Style) -> f32;

    /// Width in points of `text` at `size`.
    fn measure(&self, text: &str, style: Style, size: f32) -> f32 {
        self.shape_shared(text, style).iter().map(|r| r.width_at(size)).sum()
    }
}

/// The runs one piece of text shapes into, shared.
pub type Runs = Arc<[Arc<ShapedRun>]>;

/// Text shaped so far, by its text (looked up without allocating a key).
type Cache<T> = Mutex<FxHashMap<Box<str>, T>>;

/// The real shaper: rustybuzz over the bundled fonts, with a cache of shaped
/// text. It may be shared between threads (the portfolio and the résumé are
/// laid out at the same time and shape mostly the same words): each lookup
/// holds a lock only for the lookup, never while shaping.
#[derive(Default)]
pub struct FontShaper {
    /// Shaped runs per bundled face, by text.
    faces: [Cache<Arc<ShapedRun>>; FontFace::ALL.len()],
    /// Shaped runs per user's face (the fallbacks, in their order), by text.
    users: Vec<Cache<Arc<ShapedRun>>>,
    /// Whole `shape` results per style, by text (words recur across a document).
    styles: [Cache<Runs>; Style::ALL.len()],
    /// The user's fonts, tried in order for characters the bundled faces lack.
    fallbacks: Vec<FontFace>,
}

/// Compiled shape plans per face, direction, script and whether `kern` is off
/// ([`super::kern`] adds it instead), for the whole process (compiling one costs
/// more than shaping a paragraph).
fn plan(
    face: FontFace,
    direction: rustybuzz::Direction,
    script: rustybuzz::Script,
    kern_off: bool,
) -> Arc<rustybuzz::ShapePlan> {
    type Key = (FontFace, rustybuzz::Direction, rustybuzz::Script, bool);
    static PLANS: OnceLock<Mutex<HashMap<Key, Arc<rustybuzz::ShapePlan>>>> = OnceLock::new();
    let plans = PLANS.get_or_init(Default::default);
    let key = (face, direction, script, kern_off);
    if let Some(p) = plans.lock().expect("shape plans").get(&key) {
        return p.clone();
    }
    let no_kern = [rustybuzz::Feature::new(
        rustybuzz::ttf_parser::Tag::from_bytes(b"kern"),
        0,
        ..,
    )];
    let features: &[rustybuzz::Feature] = if kern_off { &no_kern } else { &[] };
    let compiled = Arc::new(rustybuzz::ShapePlan::new(
        face.face(),
        direction,
        Some(script),
        None,
        features,
    ));
    plans
        .lock()
        .expect("shape plans")
        .entry(key)
        .or_insert(compiled)
        .clone()
}

/// The [`Kerning`] of a bundled face that qualifies for it, found when first
/// asked for.
fn kerning(face: FontFace) -> Option<&'static Kerning> {
    static KERNING: [OnceLock<Option<Kerning>>; FontFace::ALL.len()] = [const { OnceLock::new() }; FontFace::ALL.len()];
    if let FontFace::User(_) = face {
        return None;
    }
    KERNING[face.index()].get_or_init(|| Kerning::of(face.face())).as_ref()
}

/// The [`Direct`] setting of a bundled face that qualifies for it (one with
/// [`kerning`] first), found when first asked for.
fn direct(face: FontFace) -> Option<&'static Direct> {
    static DIRECT: [OnceLock<Option<Direct>>; FontFace::ALL.len()] = [const { OnceLock::new() }; FontFace::ALL.len()];
    kerning(face)?;
    DIRECT[face.index()].get_or_init(|| Direct::of(face)).as_ref()
}

/// `key`'s value in `cache`, or `make()` put there (made without holding the lock;
/// if another thread put one there meanwhile, that one is kept and returned).
fn cached<T: Clone>(cache: &Cache<T>, key: &str, make: impl FnOnce() -> T) -> T {
    if let Some(hit) = cache.lock().expect("shaping cache").get(key) {
        return hit.clone();
    }
    let made = make();
    cache
        .lock()
        .expect("shaping cache")
        .entry(key.into())
        .or_insert(made)
        .clone()
}

impl FontShaper {
    /// A shaper over the bundled fonts.
    pub fn new() -> Self {
        Self::default()
    }

    /// A shaper over the bundled fonts, then `fonts` (the user's) in order.
    pub fn with_fonts(fonts: &[FontFace]) -> Self {
        FontShaper {
            users: fonts.iter().map(|_| Cache::default()).collect(),
            fallbacks: fonts.to_vec(),
            ..Self::default()
        }
    }

    /// Shape text that one face draws, at 1000 units per em (`size` scales later).
    fn shape_face(&self, face: FontFace, text: &str) -> Arc<ShapedRun> {
        let cache = match self.faces.get(face.index()) {
            Some(cache) => cache,
            None => {
                let i = self.fallbacks.iter().position(|&f| f == face);
                &self.users[i.expect("a user's face is shaped only by the shaper that has it")]
            }
        };
        cached(cache, text, || Arc::new(shape_uncached(face, text)))
    }
}

/// Shape `text` in `face`: plain Latin text in a face whose kerning folio can
/// add itself by folio alone where no substitution could apply
/// ([`super::direct`]), else with `kern` off and each pair's adjustment added
/// ([`super::kern`]); anything else by rustybuzz alone.
fn shape_uncached(face: FontFace, text: &str) -> ShapedRun {
    if let Some(kerning) = kerning(face).filter(|_| text.chars().all(kern::plain)) {
        if let Some(run) = direct(face).and_then(|d| d.shape(text, kerning)) {
            return run;
        }
        if let Some(run) = shape_kerned(face, text, kerning) {
            return run;
        }
    }
    shape_by_rustybuzz(face, text)
}

/// `text` shaped by rustybuzz alone, `kern` and all.
fn shape_by_rustybuzz(face: FontFace, text: &str) -> ShapedRun {
    let buffer = buffer_of(text);
    let plan = plan(face, buffer.direction(), buffer.script(), false);
    run_of(
        face,
        text,
        &rustybuzz::shape_with_plan(face.face(), &plan, buffer),
        None,
    )
}

/// `text` shaped with `kern` off and `kerning`'s pairs added to the positions;
/// `None` where that would not be what rustybuzz makes with `kern` on (text not
/// left to right, a mark among the glyphs, a pair adjusting its second glyph).
fn shape_kerned(face: FontFace, text: &str, kerning: &Kerning) -> Option<ShapedRun> {
    let buffer = buffer_of(text);
    if buffer.direction() != rustybuzz::Direction::LeftToRight {
        return None;
    }
    let script = kerning.script_for(buffer.script())?;
    let plan = plan(face, buffer.direction(), buffer.script(), true);
    let shaped = rustybuzz::shape_with_plan(face.face(), &plan, buffer);
    let adjust = kerning.adjust(script, shaped.glyph_infos(), |g| g.glyph_id)?;
    Some(run_of(face, text, &shaped, Some(&adjust)))
}

/// A buffer of `text` as folio shapes it.
fn buffer_of(text: &str) -> rustybuzz::UnicodeBuffer {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    // a joiner or variation selector the font makes nothing of leaves no glyph
    // (rather than a zero-width space glyph that would reach the text layer)
    buffer.set_flags(rustybuzz::BufferFlags::REMOVE_DEFAULT_IGNORABLES);
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer
}

/// The run rustybuzz shaped, `adjust` (one per glyph, in font units) added to
/// its positions.
fn run_of(face: FontFace, text: &str, shaped: &rustybuzz::GlyphBuffer, adjust: Option<&[Adjust]>) -> ShapedRun {
    let scale = 1000.0 / face.units_per_em();
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    // Cluster boundaries: glyphs sharing a cluster value form one cluster; the
    // cluster's text runs from its byte offset to the next cluster's.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_end = |start: usize| -> usize {
        match starts.binary_search(&start) {
            Ok(i) if i + 1 < starts.len() => starts[i + 1],
            _ => text.len(),
        }
    };
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut seen_cluster: Option<usize> = None;
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let cluster = info.cluster as usize;
        let first = seen_cluster != Some(cluster);
        seen_cluster = Some(cluster);
        let add = adjust.map_or(Adjust::default(), |a| a[i]);
        glyphs.push(Glyph {
            id: info.glyph_id as u16,
            advance: (pos.x_advance + add.x_advance) as f32 * scale,
            x_offset: (pos.x_offset + add.x_offset) as f32 * scale,
            y_offset: (pos.y_offset + add.y_offset) as f32 * scale,
            text: if first {
                cluster..cluster_end(cluster)
            } else {
                cluster..cluster
            },
        });
    }
    let width = glyphs.iter().map(|g| g.advance).sum();
    ShapedRun {
        face,
        text: text.to_string(),
        glyphs,
        width,
    }
}

impl FontShaper {
    /// Split `text` into runs by the face that draws each character, and shape them.
    fn segment_and_shape(&self, text: &str, style: Style) -> Vec<Arc<ShapedRun>> {
        let primary = FontFace::for_style(style);
        let mut runs = Vec::new();
        let mut start = 0;
        let mut current: Option<FontFace> = None;
        for (i, c) in text.char_indices() {
            let face = face_for(c, primary, current, &self.fallbacks);
            match current {
                Some(f) if f != face => {
                    runs.push(self.shape_face(f, &text[start..i]));
                    start = i;
                }
                _ => {}
            }
            current = Some(face);
        }
        if let Some(f) = current {
            runs.push(self.shape_face(f, &text[start..]));
        }
        runs
    }
}

impl Shaper for FontShaper {
    fn shape(&self, text: &str, style: Style) -> Vec<Arc<ShapedRun>> {
        self.shape_shared(text, style).to_vec()
    }

    fn shape_shared(&self, text: &str, style: Style) -> Runs {
        cached(&self.styles[style as usize], text, || {
            self.segment_and_shape(&chars::for_shaping(text), style).into()
        })
    }

    fn ascender(&self, style: Style) -> f32 {
        let f = FontFace::for_style(style);
        f.face().ascender() as f32 * 1000.0 / f.units_per_em()
    }

    fn descender(&self, style: Style) -> f32 {
        let f = FontFace::for_style(style);
        -(f.face().descender() as f32) * 1000.0 / f.units_per_em()
    }

    fn cap_height(&self, style: Style) -> f32 {
        let f = FontFace::for_style(style);
        f.face().capital_height().unwrap_or(f.face().ascender()) as f32 * 1000.0 / f.units_per_em()
    }
}

/// A stand-in shaper for tests: every character is 500/1000 em wide, one glyph each.
#[cfg(test)]
pub struct FixedShaper;

#[cfg(test)]
impl Shaper for FixedShaper {
    fn shape(&self, text: &str, _style: Style) -> Vec<Arc<ShapedRun>> {
        let glyphs: Vec<Glyph> = text
            .char_indices()
            .map(|(i, c)| Glyph {
                id: 1,
                advance: 500.0,
                x_offset: 0.0,
                y_offset: 0.0,
                text: i..i + c.len_utf8(),
            })
            .collect();
        let width = glyphs.len() as f32 * 500.0;
        vec![Arc::new(ShapedRun {
            face: FontFace::Regular,
            text: text.to_string(),
            glyphs,
            width,
        })]
    }
    fn ascender(&self, _: Style) -> f32 {
        800.0
    }
    fn descender(&self, _: Style) -> f32 {
        200.0
    }
    fn cap_height(&self, _: Style) -> f32 {
        700.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_is_applied() {
        let s = FontShaper::new();
        let shaped: f32 = s
            .shape("AVATAR Toyota WAVE", Style::Regular)
            .iter()
            .map(|r| r.width)
            .sum();
        let face = FontFace::Regular.face();
        let unkerned: f32 = "AVATAR Toyota WAVE"
            .chars()
            .map(|c| face.glyph_hor_advance(face.glyph_index(c).unwrap()).unwrap() as f32)
            .sum::<f32>()
            * 1000.0
            / FontFace::Regular.units_per_em();
        assert!(shaped < unkerned - 50.0, "shaped {shaped} vs unkerned {unkerned}");
    }

    /// Every ordered pair of `alphabet` once, as a de Bruijn sequence of order 2
    /// (`alphabet.len()`² + 1 characters).
    fn every_pair(alphabet: &[char]) -> Vec<char> {
        let k = alphabet.len();
        let mut a = vec![0usize; 2 * k + 2];
        let mut seq = Vec::new();
        fn db(t: usize, p: usize, k: usize, a: &mut Vec<usize>, seq: &mut Vec<usize>) {
            if t > 2 {
                if 2 % p == 0 {
                    seq.extend_from_slice(&a[1..=p]);
                }
            } else {
                a[t] = a[t - p];
                db(t + 1, p, k, a, seq);
                for j in a[t - p] + 1..k {
                    a[t] = j;
                    db(t + 1, t, k, a, seq);
                }
            }
        }
        db(1, 1, k, &mut a, &mut seq);
        seq.push(seq[0]);
        seq.into_iter().map(|i| alphabet[i]).collect()
    }

    #[test]
    fn every_pair_is_every_pair() {
        let seq = every_pair(&['a', 'b', 'c']);
        assert_eq!(seq.len(), 10);
        let pairs: std::collections::HashSet<_> = seq.windows(2).map(|w| (w[0], w[1])).collect();
        assert_eq!(pairs.len(), 9);
    }

    /// Whether `c` is of no script as rustybuzz guesses a word's.
    fn of_no_script(c: &char) -> bool {
        super::super::direct::script_of(*c) != rustybuzz::script::LATIN
    }

    /// `ours` has the glyphs and positions rustybuzz gives `text` in `face`.
    fn assert_rustybuzz_shapes(face: FontFace, text: &str, ours: &ShapedRun) {
        let theirs = shape_by_rustybuzz(face, text);
        assert_eq!(ours.glyphs.len(), theirs.glyphs.len(), "{face:?}");
        for (a, b) in ours.glyphs.iter().zip(&theirs.glyphs) {
            assert_eq!(a, b, "{face:?}: {:?}", &text[a.text.clone()]);
        }
    }

    /// Kerning added by folio ([`super::kern`]) gives the glyphs and positions
    /// rustybuzz gives with `kern` on, for every pair of characters it is used
    /// for, in every bundled face that qualifies: in Latin text, and for the
    /// characters of no script by themselves (digits, punctuation: the `DFLT`
    /// script's lookups, which differ from `latn`'s). The few characters the
    /// faces draw as a letter and a mark (Ǟ, Ǧ, ȧ and 32 more of Latin
    /// Extended-B) are left to rustybuzz.
    #[test]
    fn added_kerning_is_rustybuzz_kerning() {
        let plain = (0..0x2200u32).filter_map(char::from_u32).filter(|&c| kern::plain(c));
        let mut faces = 0;
        for face in FontFace::ALL {
            let Some(kerning) = kerning(face) else { continue };
            faces += 1;
            let alphabet: Vec<char> = plain
                .clone()
                .filter(|c| shape_kerned(face, &c.to_string(), kerning).is_some())
                .collect();
            assert!(alphabet.len() >= 650, "{face:?}: {} characters", alphabet.len());
            let no_script: Vec<char> = alphabet.iter().copied().filter(of_no_script).collect();
            assert!(no_script.len() >= 150, "{face:?}: {} characters", no_script.len());
            for alphabet in [&alphabet, &no_script] {
                let seq = every_pair(alphabet);
                // in pieces (rustybuzz limits the work per buffer), each
                // beginning with the character the last ended with
                let mut start = 0;
                while start + 1 < seq.len() {
                    let end = (start + 2000).min(seq.len());
                    let text: String = seq[start..end].iter().collect();
                    let ours = shape_kerned(face, &text, kerning).expect("plain text in a face that qualifies");
                    assert_rustybuzz_shapes(face, &text, &ours);
                    start = end - 1;
                }
            }
        }
        // the four Plex Sans faces and Plex Mono
        assert_eq!(faces, 5);
    }

    /// Words set by folio alone ([`super::direct`]) have the glyphs and
    /// positions rustybuzz gives, for every pair of the characters it admits,
    /// both ways, in every bundled face that qualifies, in Latin text and in
    /// text of no script; only the pairs at which a substitution could begin
    /// (`fi` in Plex Sans) are left out, by cutting the text between them.
    #[test]
    fn direct_setting_is_rustybuzz_shaping() {
        let plain = (0..0x2200u32).filter_map(char::from_u32).filter(|&c| kern::plain(c));
        let mut faces = 0;
        for face in FontFace::ALL {
            let (Some(kerning), Some(direct)) = (kerning(face), direct(face)) else {
                continue;
            };
            faces += 1;
            let alphabet: Vec<char> = plain
                .clone()
                .filter(|c| direct.shape(&c.to_string(), kerning).is_some())
                .collect();
            // (characters the face has no glyph for are drawn by another face)
            assert!(alphabet.len() >= 380, "{face:?}: {} characters", alphabet.len());
            let no_script: Vec<char> = alphabet.iter().copied().filter(of_no_script).collect();
            assert!(no_script.len() >= 100, "{face:?}: {} characters", no_script.len());
            let mut left_out = 0;
            for alphabet in [&alphabet, &no_script] {
                let seq = every_pair(alphabet);
                let mut pieces = vec![String::new()];
                for (i, &c) in seq.iter().enumerate() {
                    let fires = i > 0 && direct.fires_between(seq[i - 1], c);
                    if fires || pieces.last().unwrap().len() > 2000 {
                        left_out += usize::from(fires);
                        pieces.push(String::new());
                    }
                    pieces.last_mut().unwrap().push(c);
                }
                for text in pieces {
                    let ours = direct.shape(&text, kerning).expect("no substitution can begin in it");
                    assert_rustybuzz_shapes(face, &text, &ours);
                }
            }
            // Plex Sans: `fi`; Plex Mono: none
            assert!(left_out <= 2, "{face:?}: {left_out} pairs left out");
        }
        assert_eq!(faces, 5);
    }

    #[test]
    fn devanagari_falls_back_and_forms_conjuncts() {
        let s = FontShaper::new();
        let runs = s.shape("Hindi हिन्दी क्ष", Style::Regular);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].face, FontFace::Regular);
        assert_eq!(runs[1].face, FontFace::DevanagariRegular);
        assert_eq!(runs[1].text, "हिन्दी क्ष");
        // क्ष (3 code points) is one conjunct glyph
        let ksha = s.shape("क्ष", Style::Regular);
        assert_eq!(ksha[0].glyphs.len(), 1);
        assert_eq!(&ksha[0].text[ksha[0].glyphs[0].text.clone()], "क्ष");
        // the i-matra is reordered before its consonant: first glyph carries the cluster
        let ki = s.shape("कि", Style::Regular);
        assert_eq!(ki[0].glyphs.len(), 2);
        assert_eq!(&ki[0].text[ki[0].glyphs[0].text.clone()], "कि");
        assert!(ki[0].glyphs[1].text.is_empty());
    }
}
