use super::*;

// ---- photo -----------------------------------------------------------------

fn with_photo(dir: &Path, photo: &str) -> (String, Vec<Diagnostic>, Option<Portfolio>) {
    let text = format!("[profile]\nname = \"A\"\nphoto = \"{photo}\"\n[[systems]]\ntitle = \"S\"\n");
    let (_, p, d) = run_in(&text, dir, &covers_all);
    (text, d, p)
}

fn photo_error(dir: &Path, photo: &str) -> (String, Option<String>) {
    let (text, diags, p) = with_photo(dir, photo);
    assert!(p.is_none());
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(&text[d.location.span().cloned().unwrap()], format!("\"{photo}\""));
    (d.message.clone(), d.hint.clone())
}

#[test]
fn photo_missing_folder_and_not_an_image() {
    let dir = temp_dir();
    let (msg, hint) = photo_error(&dir, "nope.jpg");
    assert_eq!(
        msg,
        format!("the photo file was not found: {}", dir.join("nope.jpg").display())
    );
    assert!(hint.unwrap().contains("relative to the folder"));

    // Relative to the current folder: shown as tried, without `./`.
    let (msg, _) = photo_error(Path::new("."), "nope.jpg");
    assert_eq!(msg, "the photo file was not found: nope.jpg");
    let (msg, _) = photo_error(Path::new("content"), "nope.jpg");
    assert_eq!(msg, "the photo file was not found: content/nope.jpg");

    // A named pipe would block the read forever: refused from its type.
    let fifo = dir.join("pipe.png");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let (msg, _) = photo_error(&dir, "pipe.png");
        assert_eq!(
            msg,
            format!(
                "the photo path {} is not a regular file (a device, pipe or socket)",
                fifo.display()
            )
        );
    }

    fs::create_dir_all(dir.join("pics")).unwrap();
    let (msg, _) = photo_error(&dir, "pics");
    assert_eq!(
        msg,
        format!(
            "the photo path {} is a folder, not an image file",
            dir.join("pics").display()
        )
    );

    fs::write(dir.join("notes.png"), "just some text, not a picture\n").unwrap();
    let (msg, _) = photo_error(&dir, "notes.png");
    assert_eq!(
        msg,
        format!(
            "the photo {} is not a PNG or JPEG image",
            dir.join("notes.png").display()
        )
    );

    fs::write(dir.join("anim.png"), b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
    let (msg, _) = photo_error(&dir, "anim.png");
    assert!(msg.ends_with("is not a PNG or JPEG image (it looks like gif)"), "{msg}");

    fs::write(dir.join("empty.jpg"), b"").unwrap();
    let (msg, _) = photo_error(&dir, "empty.jpg");
    assert!(msg.contains("is not a PNG or JPEG image"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn photo_truncated_or_corrupt() {
    let dir = temp_dir();
    let img = image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 128]));
    img.save(dir.join("good.png")).unwrap();
    let bytes = fs::read(dir.join("good.png")).unwrap();
    fs::write(dir.join("cut.png"), &bytes[..bytes.len() / 2]).unwrap();
    let (msg, hint) = photo_error(&dir, "cut.png");
    assert!(
        msg.starts_with(&format!(
            "the photo {} could not be decoded",
            dir.join("cut.png").display()
        )),
        "{msg}"
    );
    assert!(hint.unwrap().contains("export it again"));

    img.save(dir.join("good.jpg")).unwrap();
    let bytes = fs::read(dir.join("good.jpg")).unwrap();
    fs::write(dir.join("cut.jpg"), &bytes[..40]).unwrap();
    let (msg, _) = photo_error(&dir, "cut.jpg");
    assert!(msg.contains("could not be decoded"), "{msg}");

    let mut header_only = bytes[..2].to_vec();
    header_only.extend(b"\xFF\xE0garbage garbage garbage");
    fs::write(dir.join("junk.jpg"), header_only).unwrap();
    let (msg, _) = photo_error(&dir, "junk.jpg");
    assert!(msg.contains("could not be decoded"), "{msg}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn photo_decompression_bomb_is_refused_from_the_header() {
    let dir = temp_dir();
    // A header saying 100000 x 100000 (8-bit RGB) over one tiny compressed chunk of pixels.
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, 100_000, 100_000);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    let idat = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
    writer.write_chunk(png::chunk::IDAT, &idat).unwrap();
    writer.finish().unwrap();
    fs::write(dir.join("bomb.png"), png).unwrap();
    let (msg, hint) = photo_error(&dir, "bomb.png");
    assert_eq!(
        msg,
        format!(
            "the photo {} is 100000 x 100000 pixels, too large to read safely",
            dir.join("bomb.png").display()
        )
    );
    assert!(hint.unwrap().contains("12000 x 12000"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn photo_is_downscaled_flattened_and_rgb() {
    let dir = temp_dir();
    image::RgbImage::from_pixel(1600, 900, image::Rgb([10, 20, 30]))
        .save(dir.join("wide.png"))
        .unwrap();
    let (_, diags, p) = with_photo(&dir, "wide.png");
    assert!(diags.is_empty(), "{diags:#?}");
    let photo = p.unwrap().profile.photo.unwrap();
    assert_eq!((photo.width, photo.height), (720, 405));
    assert_eq!(photo.rgb.len(), 720 * 405 * 3);
    assert_eq!(&photo.rgb[..3], &[10, 20, 30]);
    assert_eq!(photo.path, dir.join("wide.png"));

    // Transparent pixels become white; 16-bit and grey input become 8-bit RGB.
    image::RgbaImage::from_pixel(10, 30, image::Rgba([0, 0, 0, 0]))
        .save(dir.join("clear.png"))
        .unwrap();
    let photo = with_photo(&dir, "clear.png").2.unwrap().profile.photo.unwrap();
    assert_eq!((photo.width, photo.height), (10, 30));
    assert!(photo.rgb.iter().all(|&b| b == 255));
    image::ImageBuffer::<image::Luma<u16>, Vec<u16>>::from_pixel(900, 1800, image::Luma([65535]))
        .save(dir.join("grey16.png"))
        .unwrap();
    let photo = with_photo(&dir, "grey16.png").2.unwrap().profile.photo.unwrap();
    assert_eq!((photo.width, photo.height), (360, 720));
    assert!(photo.rgb.iter().all(|&b| b >= 254));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn photo_exif_orientation_is_applied() {
    let dir = temp_dir();
    // 40 x 20: left half red, right half blue.
    let img = image::RgbImage::from_fn(40, 20, |x, _| {
        if x < 20 {
            image::Rgb([255, 0, 0])
        } else {
            image::Rgb([0, 0, 255])
        }
    });
    img.save(dir.join("plain.jpg")).unwrap();
    let jpeg = fs::read(dir.join("plain.jpg")).unwrap();
    // An APP1 Exif segment with Orientation = 6 ("rotate 90° clockwise to display").
    let mut tiff = b"MM\x00\x2A\x00\x00\x00\x08".to_vec();
    tiff.extend([
        0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
    ]);
    tiff.extend([0, 0, 0, 0]);
    let mut app1 = b"Exif\x00\x00".to_vec();
    app1.extend(&tiff);
    let mut rotated = jpeg[..2].to_vec();
    rotated.extend([0xFF, 0xE1]);
    rotated.extend(((app1.len() + 2) as u16).to_be_bytes());
    rotated.extend(&app1);
    rotated.extend(&jpeg[2..]);
    fs::write(dir.join("rotated.jpg"), rotated).unwrap();

    let photo = with_photo(&dir, "plain.jpg").2.unwrap().profile.photo.unwrap();
    assert_eq!((photo.width, photo.height), (40, 20));
    let photo = with_photo(&dir, "rotated.jpg").2.unwrap().profile.photo.unwrap();
    assert_eq!((photo.width, photo.height), (20, 40));
    // After a clockwise turn the red (left) half is on top.
    let px = |x: usize, y: usize| &photo.rgb[(y * 20 + x) * 3..(y * 20 + x) * 3 + 3];
    assert!(px(10, 5)[0] > 200 && px(10, 5)[2] < 60, "{:?}", px(10, 5));
    assert!(px(10, 35)[2] > 200 && px(10, 35)[0] < 60, "{:?}", px(10, 35));
    let _ = fs::remove_dir_all(&dir);
}
