//! The inputs of the catalogue that cannot sensibly be stored (binary, not UTF-8,
//! 20 MB, images, named pipes, sockets, links, files outside the case's folder):
//! each made by its case in the case's folder.

use std::fs;
use std::path::Path;
use std::process::Command;

pub const HEAD: &str = "[profile]\nname = \"Ada Lovelace\"\n\n[[systems]]\ntitle = \"Analytical Engine notes\"\n";

pub fn deep_nesting(dir: &Path) {
    let text = format!(
        "[profile]\nname = \"Ada Lovelace\"\n[[systems]]\ntitle = \"Notes\"\ntags = {}{}\n",
        "[".repeat(3000),
        "]".repeat(3000)
    );
    fs::write(dir.join("syntax-deep-nesting.toml"), text).unwrap();
}

pub fn raw_escape(dir: &Path) {
    // A raw ESC byte (not the escape sequence \u001b) inside a string.
    let text = format!("{HEAD}tagline = \"red \u{1b}[31mtext\"\n");
    fs::write(dir.join("control-chars-raw.toml"), text).unwrap();
}

pub fn crlf_bom(dir: &Path) {
    let text =
        "\u{FEFF}[profile]\r\nname = \"Ada Lovelace\"\r\nnmae = \"Ada\"\r\n\r\n[[systems]]\r\ntitle = \"Notes\"\r\n";
    fs::write(dir.join("crlf-bom.toml"), text).unwrap();
}

pub fn long_string(dir: &Path) {
    let text = format!("{HEAD}tagline = \"{}\"\n", "the first program ".repeat(200));
    fs::write(dir.join("long-string.toml"), text).unwrap();
}

pub fn long_word(dir: &Path) {
    let text = format!("{HEAD}summary = \"Bernoulli {} numbers\"\n", "0".repeat(5_000));
    fs::write(dir.join("long-word.toml"), text).unwrap();
}

pub fn many_entries(dir: &Path) {
    let text = format!(
        "[profile]\nname = \"Ada Lovelace\"\n\n{}",
        "[[systems]]\ntitle = \"Note\"\n".repeat(2_100)
    );
    fs::write(dir.join("many-entries.toml"), text).unwrap();
}

pub fn binary_file(dir: &Path) {
    let mut bytes = b"[profile]\nname = \"Ada\"\n".to_vec();
    bytes.extend((0u8..=255).cycle().take(4096));
    fs::write(dir.join("binary-file.toml"), bytes).unwrap();
}

pub fn invalid_utf8(dir: &Path) {
    // Latin-1 "é": one byte 0xE9, not UTF-8.
    let text = b"[profile]\nname = \"Ada Lovel\xE9ce\"\n\n[[systems]]\ntitle = \"Notes\"\n";
    fs::write(dir.join("invalid-utf8.toml"), text).unwrap();
}

pub fn huge_file(dir: &Path) {
    // 20 MB (sparse: no disk is used); refused from its size, before reading.
    let f = fs::File::create(dir.join("huge-file.toml")).unwrap();
    f.set_len(20 * 1024 * 1024).unwrap();
}

pub fn notes_file(dir: &Path) {
    fs::write(dir.join("notes.txt"), "a file where a folder is expected\n").unwrap();
}

pub fn photo_directory(dir: &Path) {
    fs::create_dir(dir.join("pictures")).unwrap();
}

pub fn photo_text(dir: &Path) {
    fs::write(dir.join("notes.png"), "just some text, not a picture\n").unwrap();
}

/// An 8-bit RGB PNG of this size over these compressed pixels, as they are
/// (a cut or a bomb is written as easily as a real image).
pub fn png(width: u32, height: u32, idat: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer.write_chunk(png::chunk::IDAT, idat).unwrap();
    writer.finish().unwrap();
    out
}

/// zlib "stored" (uncompressed) blocks around `data`.
pub fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = data.chunks(65535).collect();
    for (i, c) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        out.extend((c.len() as u16).to_le_bytes());
        out.extend((!(c.len() as u16)).to_le_bytes());
        out.extend(*c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

pub fn photo_truncated(dir: &Path) {
    // A valid 64 x 64 PNG, cut in the middle of its pixel data.
    let row: Vec<u8> = std::iter::once(0).chain((0..64 * 3).map(|i| i as u8)).collect();
    let pixels: Vec<u8> = row.iter().copied().cycle().take(row.len() * 64).collect();
    let full = png(64, 64, &zlib_stored(&pixels));
    fs::write(dir.join("portrait.png"), &full[..full.len() / 2]).unwrap();
}

pub fn photo_bomb(dir: &Path) {
    // A header that claims 100000 x 100000 pixels (30 GB decoded) in a 70-byte file.
    let bomb = png(100_000, 100_000, &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    fs::write(dir.join("bomb.png"), bomb).unwrap();
}

pub fn photo_pipe(dir: &Path) {
    // A named pipe with no writer: opening it to read would wait forever.
    let ok = Command::new("mkfifo")
        .arg(dir.join("portrait.jpg"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo (coreutils) is needed for the photo-pipe case");
}

pub fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success());
    assert!(ok, "mkfifo (coreutils) is needed for the special-file cases");
}

pub fn content_fifo(dir: &Path) {
    mkfifo(&dir.join("pipe.toml"));
}

pub fn json_fifo(dir: &Path) {
    mkfifo(&dir.join("resume.json"));
}

/// A Unix socket file (its listener is gone; the file stays).
pub fn socket(path: &Path) {
    drop(std::os::unix::net::UnixListener::bind(path).unwrap());
}

pub fn content_socket(dir: &Path) {
    socket(&dir.join("socket.toml"));
}

pub fn photo_socket(dir: &Path) {
    fs::write(
        dir.join("photo-socket.toml"),
        "[profile]\nname = \"Ada Lovelace\"\nphoto = \"portrait.png\"\n\n[[systems]]\ntitle = \"Notes\"\n",
    )
    .unwrap();
    socket(&dir.join("portrait.png"));
}

/// One-character bullets: cheap to write, a page every 50 of them.
pub fn limit_pages(dir: &Path) {
    let bullets = "- a\n".repeat(12_000);
    let mut text = String::from("[profile]\nname = \"Ada Lovelace\"\n");
    for i in 0..12 {
        text.push_str(&format!(
            "\n[[systems]]\ntitle = \"Notes {i}\"\nsummary = \"\"\"\n{bullets}\"\"\"\n"
        ));
    }
    fs::write(dir.join("limit-pages.toml"), text).unwrap();
}

pub fn photo_toml(dir: &Path, name: &str, photo: &str) {
    fs::write(
        dir.join(format!("{name}.toml")),
        format!("[profile]\nname = \"Ada Lovelace\"\nphoto = \"{photo}\"\n\n[[systems]]\ntitle = \"Notes\"\n"),
    )
    .unwrap();
}

pub fn photo_huge_file(dir: &Path) {
    photo_toml(dir, "photo-huge-file", "scan.png");
    // 60 MB (sparse) behind a PNG signature: refused from its size, before reading.
    let mut f = fs::File::create(dir.join("scan.png")).unwrap();
    std::io::Write::write_all(&mut f, b"\x89PNG\r\n\x1a\n").unwrap();
    f.set_len(60 * 1024 * 1024).unwrap();
}

pub fn photo_progressive_huge(dir: &Path) {
    photo_toml(dir, "photo-progressive-huge", "scan.jpg");
    // The start of a progressive JPEG of 12000 x 12000 pixels, three components at
    // full resolution: its coefficients alone would take 864 MB.
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC2, 0x00, 0x11, 0x08];
    jpeg.extend(12_000u16.to_be_bytes());
    jpeg.extend(12_000u16.to_be_bytes());
    jpeg.push(3);
    for id in 1..=3 {
        jpeg.extend([id, 0x11, 0x00]);
    }
    fs::write(dir.join("scan.jpg"), jpeg).unwrap();
}

/// A small real PNG photo.
pub fn small_png() -> Vec<u8> {
    let row: Vec<u8> = std::iter::once(0).chain((0..64 * 3).map(|i| i as u8)).collect();
    let pixels: Vec<u8> = row.iter().copied().cycle().take(row.len() * 64).collect();
    png(64, 64, &zlib_stored(&pixels))
}

pub fn photo_iccp_bomb(dir: &Path) {
    photo_toml(dir, "photo-iccp-bomb", "portrait.png");
    // A 64 x 64 PNG with a colour profile (iCCP) that inflates to 1 GiB: skipped unread.
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 64, 64);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    let mut iccp = b"bomb\0\0".to_vec();
    iccp.extend(zlib_zeros(1024));
    writer.write_chunk(png::chunk::iCCP, &iccp).unwrap();
    let row: Vec<u8> = std::iter::once(0).chain((0..64 * 3).map(|i| i as u8)).collect();
    let pixels: Vec<u8> = row.iter().copied().cycle().take(row.len() * 64).collect();
    writer.write_chunk(png::chunk::IDAT, &zlib_stored(&pixels)).unwrap();
    writer.finish().unwrap();
    fs::write(dir.join("portrait.png"), out).unwrap();
}

/// A zlib stream of `mib` MiB of zero bytes, about 1 KB per MiB, made without
/// compressing them all: after a full flush the compressor starts afresh, so every
/// MiB after the first compresses to the same bytes.
pub fn zlib_zeros(mib: u32) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::best(), true);
    let zeros = vec![0u8; 1 << 20];
    let mut segment = || {
        let mut out = Vec::with_capacity(1 << 16);
        c.compress_vec(&zeros, &mut out, flate2::FlushCompress::Full).unwrap();
        out
    };
    let (first, next, again) = (segment(), segment(), segment());
    assert_eq!(next, again, "a full flush starts the compressor afresh");
    let mut out = first;
    for _ in 1..mib {
        out.extend(&next);
    }
    // A last, empty stored block, then the Adler-32 of the zeros.
    out.extend([0x01, 0x00, 0x00, 0xFF, 0xFF]);
    let n = u64::from(mib) << 20;
    out.extend((((n % 65521) << 16 | 1) as u32).to_be_bytes());
    out
}

/// A real photo just outside the case's folder.
pub fn secret_beside(dir: &Path) {
    fs::write(dir.parent().unwrap().join("secret.png"), small_png()).unwrap();
}

pub fn secret_linked(dir: &Path) {
    secret_beside(dir);
    std::os::unix::fs::symlink("../secret.png", dir.join("portrait.png")).unwrap();
}

pub fn content_folder(dir: &Path) {
    fs::create_dir(dir.join("content")).unwrap();
    fs::write(dir.join("portrait.png"), small_png()).unwrap();
}

pub fn dotted_key(dir: &Path) {
    let key = vec!["a"; 100].join(".");
    fs::write(dir.join("syntax-dotted-key-limit.toml"), format!("{HEAD}{key} = 1\n")).unwrap();
}

pub fn nul_late(dir: &Path) {
    let text = format!("{HEAD}tagline = \"Notes\"\nsummary = \"The engine\0 weaves\"\n");
    fs::write(dir.join("nul-late.toml"), text).unwrap();
}

pub fn portfolio_symlink(dir: &Path) {
    fs::create_dir(dir.join("keep")).unwrap();
    fs::write(dir.join("keep/mine.pdf"), "a file the link points at\n").unwrap();
    fs::remove_file(dir.join("output/portfolio.pdf")).unwrap();
    std::os::unix::fs::symlink("../keep/mine.pdf", dir.join("output/portfolio.pdf")).unwrap();
}

pub fn resume_symlink(dir: &Path) {
    fs::create_dir(dir.join("keep")).unwrap();
    fs::write(dir.join("keep/mine.pdf"), "a file the link points at\n").unwrap();
    fs::remove_file(dir.join("output/resume.pdf")).unwrap();
    std::os::unix::fs::symlink("../keep/mine.pdf", dir.join("output/resume.pdf")).unwrap();
}

pub fn stale_temps(dir: &Path) {
    // Left by builds that were killed: process ids above the kernel's limit, so gone.
    fs::write(dir.join("output/.portfolio.pdf.4194305.tmp"), "%PDF-1.7\n% half").unwrap();
    fs::write(dir.join("output/.resume.pdf.4194306.tmp"), "%PDF-1.7\n% half").unwrap();
    // Not folio's pattern: kept.
    fs::write(dir.join("output/.notes.tmp"), "mine").unwrap();
}

pub fn application_folder_symlink(dir: &Path) {
    fs::create_dir(dir.join("keep")).unwrap();
    fs::write(dir.join("keep/resume.pdf"), "a file the link points at\n").unwrap();
    fs::create_dir(dir.join("output/applications")).unwrap();
    std::os::unix::fs::symlink("../../keep", dir.join("output/applications/royal-society")).unwrap();
}

pub fn application_stale_temps(dir: &Path) {
    // A previous build's application files, and what killed builds left beside them.
    for (app, files) in [
        ("engine-co-programmer", &["resume.pdf", "cover-letter.pdf"][..]),
        ("royal-society", &["resume.pdf"][..]),
    ] {
        let folder = dir.join("output/applications").join(app);
        fs::create_dir_all(&folder).unwrap();
        for f in files {
            fs::write(folder.join(f), "%PDF-1.7\n% a previous build\n%%EOF\n").unwrap();
        }
    }
    let half = "%PDF-1.7\n% half";
    fs::write(
        dir.join("output/applications/royal-society/.resume.pdf.4194305.tmp"),
        half,
    )
    .unwrap();
    fs::write(
        dir.join("output/applications/engine-co-programmer/.cover-letter.pdf.4194306.tmp"),
        half,
    )
    .unwrap();
}
