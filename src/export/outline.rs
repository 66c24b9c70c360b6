//! The document outline (bookmarks), written with lopdf.

use super::text::utf16be;
use crate::layout::frame::Document;
use crate::text::chars::for_shaping as visible;

/// The outline, in document order, each entry jumping to its block's place on
/// the page. (printpdf's bookmarks sort by title and point at page tops.)
pub(super) fn write(lo: &mut lopdf::Document, doc: &Document) {
    use lopdf::{dictionary, Object};
    if doc.outline.is_empty() {
        return;
    }
    let pages = lo.get_pages();
    let root = lo.new_object_id();
    let ids: Vec<_> = doc.outline.iter().map(|_| lo.new_object_id()).collect();
    for (i, b) in doc.outline.iter().enumerate() {
        let page = pages[&(b.page as u32 + 1)];
        let top = (doc.height - b.y + 4.0).min(doc.height);
        let mut item = dictionary! {
            "Title" => Object::String(utf16be(&visible(&b.title)), lopdf::StringFormat::Hexadecimal),
            "Parent" => root,
            "Dest" => vec![page.into(), "XYZ".into(), Object::Null, Object::Real(top), Object::Null],
        };
        if i > 0 {
            item.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            item.set("Next", ids[i + 1]);
        }
        lo.objects.insert(ids[i], Object::Dictionary(item));
    }
    let outlines = dictionary! {
        "Type" => "Outlines",
        "First" => ids[0],
        "Last" => ids[ids.len() - 1],
        "Count" => ids.len() as i64,
    };
    lo.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Outlines", root);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}
