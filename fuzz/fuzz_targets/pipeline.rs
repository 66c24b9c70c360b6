//! Arbitrary bytes through the whole pipeline: parse, validate, lay out, export
//! both PDFs, and check they load (see `folio::testing::fuzz_one`). Nothing is written.
//!
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run -s none pipeline -- -dict=fuzz/pipeline.dict -max_len=8192`
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    folio::testing::fuzz_one(data);
});
