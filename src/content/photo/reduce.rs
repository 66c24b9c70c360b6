//! Downscaling while decoding: pixels are added, row by row as the decoder gives
//! them, into boxes of `k` x `k` source pixels, so a photo of any size within the
//! limits takes memory for its reduced size only.

use image::RgbImage;

/// Sums of 8-bit RGB samples over boxes of `k` x `k` pixels of a `width` x `height` image.
pub(super) struct Reducer {
    width: u32,
    height: u32,
    k: u32,
    out_width: u32,
    out_height: u32,
    sums: Vec<u32>,
}

impl Reducer {
    /// A reducer for a `width` x `height` image by the largest whole factor that
    /// keeps the longer side at least `side` pixels (1 when it is shorter than
    /// twice `side`: then the pixels are kept as they are).
    pub(super) fn new(width: u32, height: u32, side: u32) -> Reducer {
        let k = (width.max(height) / side.max(1)).max(1);
        let (out_width, out_height) = (width.div_ceil(k), height.div_ceil(k));
        Reducer {
            width,
            height,
            k,
            out_width,
            out_height,
            sums: vec![0; out_width as usize * out_height as usize * 3],
        }
    }

    /// Add the pixel at (`x`, `y`).
    #[inline]
    pub(super) fn add(&mut self, x: u32, y: u32, rgb: [u8; 3]) {
        debug_assert!(x < self.width && y < self.height);
        let i = ((y / self.k) as usize * self.out_width as usize + (x / self.k) as usize) * 3;
        for (s, v) in self.sums[i..i + 3].iter_mut().zip(rgb) {
            *s += u32::from(v);
        }
    }

    /// The reduced image: each box's mean, rounded (boxes at the right and bottom
    /// edges may hold fewer pixels).
    pub(super) fn finish(self) -> RgbImage {
        let k = self.k;
        let side = |i: u32, total: u32| (total - i * k).min(k);
        let mut out = RgbImage::new(self.out_width, self.out_height);
        for (x, y, px) in out.enumerate_pixels_mut() {
            let n = side(x, self.width) * side(y, self.height);
            let i = (y as usize * self.out_width as usize + x as usize) * 3;
            for c in 0..3 {
                px[c] = ((self.sums[i + c] + n / 2) / n) as u8;
            }
        }
        out
    }
}

/// A pixel flattened on white: transparent parts become white.
#[inline]
pub(super) fn on_white(rgb: [u8; 3], alpha: u8) -> [u8; 3] {
    let a = u32::from(alpha);
    rgb.map(|c| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_average_and_small_images_stay_as_they_are() {
        let mut r = Reducer::new(3, 2, 1);
        assert_eq!(r.k, 3);
        for (x, y, v) in [(0, 0, 0), (1, 0, 30), (2, 0, 60), (0, 1, 90), (1, 1, 120), (2, 1, 150)] {
            r.add(x, y, [v, 255, 0]);
        }
        let img = r.finish();
        assert_eq!(img.dimensions(), (1, 1));
        assert_eq!(img.get_pixel(0, 0).0, [75, 255, 0]);
        // 5 wide by 2: the last box holds one column.
        let mut r = Reducer::new(5, 1, 2);
        for x in 0..5 {
            r.add(x, 0, [x as u8 * 10; 3]);
        }
        let img = r.finish();
        assert_eq!(img.dimensions(), (3, 1));
        assert_eq!(img.get_pixel(2, 0).0, [40; 3]);
        let r = Reducer::new(1000, 700, 720);
        assert_eq!((r.k, r.out_width, r.out_height), (1, 1000, 700));
        assert_eq!(on_white([0, 0, 0], 0), [255; 3]);
        assert_eq!(on_white([10, 20, 30], 255), [10, 20, 30]);
    }
}
