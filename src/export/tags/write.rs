//! Writing the structure tree: the elements, the link annotations, the parent
//! tree and the catalog entries that point at them, as bytes (a long document
//! has tens of thousands of elements).

use lopdf::{dictionary, Object, ObjectId, StringFormat};

use super::{Kid, Node, Tree};
use crate::export::writer::{self, Raw};

/// A text string for the PDF: PDFDocEncoding-safe ASCII as is (a literal
/// string), anything else as UTF-16BE with its byte-order mark (hexadecimal).
fn text_string_bytes(s: &str) -> (std::borrow::Cow<'_, [u8]>, StringFormat) {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        (s.as_bytes().into(), StringFormat::Literal)
    } else {
        (crate::export::text::utf16be(s).into(), StringFormat::Hexadecimal)
    }
}

/// [`text_string_bytes`] as an object.
pub(in crate::export) fn text_string(s: &str) -> Object {
    let (bytes, format) = text_string_bytes(s);
    Object::String(bytes.into_owned(), format)
}

/// [`text_string_bytes`], written into `out`.
fn write_text_string(out: &mut Vec<u8>, s: &str) {
    let (bytes, format) = text_string_bytes(s);
    writer::string(out, &bytes, format);
}

impl Tree {
    /// Write the tree: the elements, the link annotations and the structure tree
    /// root as bytes into `raw` (a long document has thousands of them), and
    /// into `lo` each page's `/StructParents`, `/Tabs` and `/Annots` (replacing
    /// any it has) and the catalog's `/StructTreeRoot` and `/MarkInfo`.
    pub(in crate::export) fn write(&self, lo: &mut lopdf::Document, raw: &mut Raw, pages: &[ObjectId]) {
        let root_id = lo.new_object_id();
        let ids: Vec<ObjectId> = self.nodes.iter().map(|_| lo.new_object_id()).collect();
        let annot_ids: Vec<ObjectId> = self.annots.iter().map(|_| lo.new_object_id()).collect();
        let n_pages = pages.len();
        // (a long document's elements are written on every core)
        let element = |(n, node): (usize, &Node)| self.element(n, node, root_id, &ids, &annot_ids, pages);
        let bodies: Vec<Vec<u8>> = if self.nodes.len() >= PARALLEL_ELEMENTS {
            use rayon::prelude::*;
            self.nodes.par_iter().enumerate().map(element).collect()
        } else {
            self.nodes.iter().enumerate().map(element).collect()
        };
        for (&id, body) in ids.iter().zip(bodies) {
            raw.insert(id, body);
        }
        let mut page_annots: Vec<Vec<Object>> = vec![Vec::new(); n_pages];
        for (a, annot) in self.annots.iter().enumerate() {
            let key = (n_pages + a) as i64;
            let contents = if annot.text.trim().is_empty() {
                annot.url.clone()
            } else {
                format!("{} ({})", annot.text.trim(), annot.url)
            };
            let mut d = Vec::with_capacity(160 + contents.len() + annot.url.len());
            d.extend_from_slice(b"<</Type/Annot/Subtype/Link/Rect[");
            for (i, &v) in annot.rect.iter().enumerate() {
                if i > 0 {
                    d.push(b' ');
                }
                writer::real(&mut d, v);
            }
            // printed with the page (PDF/A)
            d.extend_from_slice(b"]/Border[0 0 0]/F 4/StructParent ");
            writer::int(&mut d, key);
            writer::name(&mut d, b"Contents");
            write_text_string(&mut d, &contents);
            d.extend_from_slice(b"/A<</S/URI/URI");
            writer::string(&mut d, annot.url.as_bytes(), StringFormat::Literal);
            d.extend_from_slice(b">>>>");
            raw.insert(annot_ids[a], d);
            page_annots[annot.page].push(Object::Reference(annot_ids[a]));
        }
        for (p, &page) in pages.iter().enumerate() {
            if let Ok(d) = lo.get_dictionary_mut(page) {
                d.set("StructParents", p as i64);
                // the tab order follows the structure
                d.set("Tabs", "S");
                let annots = std::mem::take(&mut page_annots[p]);
                if annots.is_empty() {
                    d.remove(b"Annots");
                } else {
                    d.set("Annots", annots);
                }
            }
        }
        // the parent tree: each page's ids to their elements, then each annotation
        let mut d = Vec::with_capacity(128 + 12 * (n_pages + self.nodes.len() + 2 * self.annots.len()));
        d.extend_from_slice(b"<</Type/StructTreeRoot/K ");
        writer::reference(&mut d, ids[0]);
        d.extend_from_slice(b"/ParentTree<</Nums[");
        for (p, parents) in self.parents.iter().enumerate() {
            if p > 0 {
                d.push(b' ');
            }
            writer::int(&mut d, p as i64);
            d.push(b'[');
            for (i, &n) in parents.iter().enumerate() {
                if i > 0 {
                    d.push(b' ');
                }
                writer::reference(&mut d, ids[n]);
            }
            d.push(b']');
        }
        for (a, annot) in self.annots.iter().enumerate() {
            if n_pages + a > 0 {
                d.push(b' ');
            }
            writer::int(&mut d, (n_pages + a) as i64);
            d.push(b' ');
            writer::reference(&mut d, ids[annot.node]);
        }
        d.extend_from_slice(b"]>>/ParentTreeNextKey ");
        writer::int(&mut d, (n_pages + self.annots.len()) as i64);
        d.extend_from_slice(b">>");
        raw.insert(root_id, d);
        if let Ok(catalog) = lo.catalog_mut() {
            catalog.set("StructTreeRoot", root_id);
            catalog.set("MarkInfo", dictionary! { "Marked" => true });
        }
    }
}

/// Elements from which the tree's elements are written on every core.
const PARALLEL_ELEMENTS: usize = 4096;

impl Tree {
    /// Element `n`'s dictionary: its role, parent, page, kids, `/Alt` and `/Lang`.
    fn element(
        &self,
        n: usize,
        node: &Node,
        root_id: ObjectId,
        ids: &[ObjectId],
        annot_ids: &[ObjectId],
        pages: &[ObjectId],
    ) -> Vec<u8> {
        // the page of its first marked content, which bare ids then refer to
        let pg = node.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            Kid::Annot(a) => Some(self.annots[*a].page),
            Kid::Node(_) => None,
        });
        // (no `/Type /StructElem`: it is optional, and a long document has
        // thousands of elements)
        let mut d = Vec::with_capacity(48 + 12 * node.kids.len());
        d.extend_from_slice(b"<<");
        writer::name(&mut d, b"S");
        writer::name(&mut d, node.role.as_bytes());
        d.extend_from_slice(b"/P ");
        writer::reference(&mut d, if n == 0 { root_id } else { ids[node.parent] });
        if let Some(page) = pg {
            d.extend_from_slice(b"/Pg ");
            writer::reference(&mut d, pages[page]);
        }
        let kid = |d: &mut Vec<u8>, k: &Kid| match *k {
            Kid::Node(c) => writer::reference(d, ids[c]),
            Kid::Content { page, mcid } if Some(page) == pg => writer::int(d, mcid.into()),
            Kid::Content { page, mcid } => {
                d.extend_from_slice(b"<</Type/MCR/Pg ");
                writer::reference(d, pages[page]);
                d.extend_from_slice(b"/MCID ");
                writer::int(d, mcid.into());
                d.extend_from_slice(b">>");
            }
            Kid::Annot(a) => {
                d.extend_from_slice(b"<</Type/OBJR/Pg ");
                writer::reference(d, pages[self.annots[a].page]);
                d.extend_from_slice(b"/Obj ");
                writer::reference(d, annot_ids[a]);
                d.extend_from_slice(b">>");
            }
        };
        // (a dictionary needs no space before it; a number or reference does)
        let spaced =
            |k: &Kid| !matches!(k, Kid::Annot(_)) && !matches!(k, Kid::Content { page, .. } if Some(*page) != pg);
        // one kid is written as itself (some checkers read only that form)
        match node.kids.as_slice() {
            [] => {}
            [one] => {
                d.extend_from_slice(if spaced(one) { b"/K " } else { b"/K" });
                kid(&mut d, one);
            }
            kids => {
                d.extend_from_slice(b"/K[");
                for (i, k) in kids.iter().enumerate() {
                    if i > 0 && spaced(k) {
                        d.push(b' ');
                    }
                    kid(&mut d, k);
                }
                d.push(b']');
            }
        }
        if let Some(alt) = &node.alt {
            writer::name(&mut d, b"Alt");
            write_text_string(&mut d, alt);
        }
        if let Some(lang) = &node.lang {
            writer::name(&mut d, b"Lang");
            write_text_string(&mut d, lang);
        }
        d.extend_from_slice(b">>");
        d
    }
}
