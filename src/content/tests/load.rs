use super::*;

// ---- load ------------------------------------------------------------------

fn load_error(path: &Path) -> Report {
    match load(path, &covers_all) {
        Ok(_) => panic!("{} loaded", path.display()),
        Err(r) => r,
    }
}

#[test]
fn load_refuses_missing_folders_huge_and_binary_files() {
    let dir = temp_dir();
    let r = load_error(&dir.join("none.toml"));
    assert!(r.source.is_none());
    assert_eq!(
        r.diagnostics[0].message,
        format!("cannot read {}: there is no such file", dir.join("none.toml").display())
    );

    let r = load_error(&dir);
    assert_eq!(
        r.diagnostics[0].message,
        format!("{} is a folder, not a TOML file", dir.display())
    );

    let big = dir.join("big.toml");
    fs::File::create(&big).unwrap().set_len(20 * 1024 * 1024).unwrap();
    let r = load_error(&big);
    assert_eq!(
        r.diagnostics[0].message,
        format!(
            "{} is 20.0 MB (20971520 bytes); folio reads content files of up to {}",
            big.display(),
            megabytes(MAX_FILE_BYTES)
        )
    );

    let bin = dir.join("bin.toml");
    fs::write(&bin, b"a = 1\n\x00\x01\x02").unwrap();
    let r = load_error(&bin);
    assert!(r.diagnostics[0].message.contains("looks like a binary file"));
    assert!(r.diagnostics[0].message.contains("byte 6"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn empty_files_and_byte_order_marks() {
    let path = Path::new("empty.toml");
    for text in ["", "  \n\t\n", "\u{FEFF}"] {
        let r = from_bytes(path, text.as_bytes().to_vec(), &covers_all).unwrap_err();
        assert!(r.source.is_none());
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].message, "empty.toml is empty");
        assert!(r.diagnostics[0].hint.as_ref().unwrap().contains("[profile]"));
    }
    // A BOM does not count as a column of line 1.
    let r = from_bytes(path, format!("\u{FEFF}colour = 1\n{BASE}").into_bytes(), &covers_all).unwrap_err();
    let src = r.source.as_ref().unwrap();
    assert_eq!(src.line_col(r.diagnostics[0].location.span().unwrap().start), (1, 1));
}

#[test]
fn load_points_at_the_first_byte_that_is_not_utf8() {
    let dir = temp_dir();
    let path = dir.join("latin1.toml");
    fs::write(&path, b"[profile]\nname = \"Ren\xE9\"\n").unwrap();
    let r = load_error(&path);
    let src = r.source.as_ref().unwrap();
    let d = &r.diagnostics[0];
    let span = d.location.span().cloned().unwrap();
    assert_eq!(src.line_col(span.start), (2, 12));
    assert_eq!(&src.text[span], "\u{FFFD}");
    assert!(
        d.message
            .ends_with("is not UTF-8 text: byte 0xE9 at line 2, column 12 cannot be read"),
        "{}",
        d.message
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn load_returns_warnings_or_every_error() {
    let dir = temp_dir();
    let path = dir.join("p.toml");
    fs::write(&path, format!("{BASE}tagline = \"☃\"\n")).unwrap();
    let loaded = load(&path, &|c| c != '☃').unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.source.path, path);

    fs::write(&path, format!("{BASE}tagline = \"☃\"\nstart = \"x\"\nend = 1\n")).unwrap();
    let r = load(&path, &|c| c != '☃').unwrap_err();
    assert!(r.source.is_some());
    assert!(r.has_errors());
    let kinds: Vec<Severity> = r.diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(kinds, [Severity::Warning, Severity::Error, Severity::Error]);
    let _ = fs::remove_dir_all(&dir);
}
