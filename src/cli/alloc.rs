//! The process's allocator: mimalloc, asked the way the system allocator is.
//!
//! The `mimalloc` crate's `MiMalloc` passes every request to `mi_malloc_aligned`,
//! even for an alignment every mimalloc block already has. In mimalloc 3 that
//! call takes its fast path only when the free block it finds happens to be
//! aligned; once a size class's page is used up it over-allocates instead (a
//! 24-byte string gets a 32-byte block through the slow path), and it never
//! returns to the fast path for that size. Measured with callgrind on
//! `folio sample 100 --full`: 12.6% of all instructions were spent in
//! `mi_malloc_aligned`. A block from `mi_malloc` is aligned to 16 bytes (8 for
//! an 8-byte block), so, as Rust's `System` allocator does with `malloc`, a
//! request whose alignment is at most 16 and at most its size goes to the plain
//! calls, and only larger alignments to the aligned ones.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The alignment every block `mi_malloc` returns has (`MI_MAX_ALIGN_SIZE`), for
/// blocks of at least that size.
const MIN_ALIGN: usize = 16;

pub struct Allocator;

fn plain(align: usize, size: usize) -> bool {
    align <= MIN_ALIGN && align <= size
}

// SAFETY: every call hands mimalloc a size and alignment it supports and frees
// with `mi_free`, which takes a block from any of the calls used here.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi::mi_malloc(layout.size()) as *mut u8
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi::mi_zalloc(layout.size()) as *mut u8
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(layout.align(), new_size) {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

/// mimalloc's arenas made 64 MiB instead of 1 GiB, before mimalloc starts.
///
/// An arena keeps a bitmap per size class over its whole span, and those of a
/// 1 GiB arena are 39 pages that every process writes before its first block
/// (`folio --version`: 235 page faults with them, 195 without; a bundled build:
/// 905 and 869). The option is left as it is unless it still has its default
/// value (`MIMALLOC_ARENA_RESERVE` unset, and the option numbered as in mimalloc
/// 3.x of libmimalloc-sys 0.1.49).
///
/// mimalloc reserves its first arena while it starts, in a constructor, before
/// `main` (priority 101 when built by clang, none when built by gcc); ELF
/// start-up runs `.init_array.N` entries in increasing N and before the
/// unnumbered ones, so [`CONFIGURE`](arena::CONFIGURE), at 100, runs first.
#[cfg(target_os = "linux")]
mod arena {
    use std::ffi::c_long;

    /// mimalloc 3's `mi_option_arena_reserve`: how much address space each
    /// arena it reserves spans, in KiB (1 GiB by default; later arenas grow
    /// from it).
    pub(super) const ARENA_RESERVE: i32 = 23;

    /// The default of [`ARENA_RESERVE`], by which the option is recognised.
    const DEFAULT_ARENA_KIB: c_long = 1 << 20;

    /// What folio reserves instead: 64 MiB, a bundled build's heap many times
    /// over (a 1,000-system build reserves four arenas, then larger ones).
    pub(super) const FOLIO_ARENA_KIB: c_long = 64 << 10;

    extern "C" {
        pub(super) fn mi_option_get(option: i32) -> c_long;
        fn mi_option_set(option: i32, value: c_long);
    }

    #[used]
    #[link_section = ".init_array.00100"]
    pub(super) static CONFIGURE: extern "C" fn() = configure;

    extern "C" fn configure() {
        // SAFETY: plain calls into mimalloc's option table, which needs no
        // set-up (an option not yet read is read from the environment).
        unsafe {
            if mi_option_get(ARENA_RESERVE) == DEFAULT_ARENA_KIB {
                mi_option_set(ARENA_RESERVE, FOLIO_ARENA_KIB);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn arenas_are_reserved_64_mib_at_a_time() {
        use super::arena::*;
        // (this test binary has the same start-up entry as `folio`)
        if std::env::var_os("MIMALLOC_ARENA_RESERVE").is_none() {
            assert_eq!(unsafe { mi_option_get(ARENA_RESERVE) }, FOLIO_ARENA_KIB);
        }
    }

    #[test]
    fn blocks_have_the_alignment_asked_for_and_keep_their_bytes() {
        // sizes that are multiples of the alignment (as every Rust type's are),
        // through each call, grown and shrunk by reallocation
        let a = Allocator;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 128, 4096] {
            for size in (align..=4096).step_by(align).chain([align * 3, 65536]) {
                let layout = Layout::from_size_align(size, align).unwrap();
                let aligned = |p: *mut u8| !p.is_null() && (p as usize).is_multiple_of(align);
                unsafe {
                    let z = a.alloc_zeroed(layout);
                    assert!(aligned(z), "zeroed {size} {align}");
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0));
                    a.dealloc(z, layout);
                    for new in [size * 2 + align, align] {
                        let p = a.alloc(layout);
                        assert!(aligned(p), "alloc {size} {align}");
                        p.write_bytes(0xAB, size);
                        let q = a.realloc(p, layout, new);
                        assert!(aligned(q), "realloc {size} -> {new}, {align}");
                        assert!(std::slice::from_raw_parts(q, new.min(size)).iter().all(|&b| b == 0xAB));
                        a.dealloc(q, Layout::from_size_align(new, align).unwrap());
                    }
                }
            }
        }
    }
}
