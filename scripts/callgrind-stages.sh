#!/usr/bin/env bash
# Instructions per stage of one whole build (callgrind, every thread counted and
# added up). Each function's own instructions (not counting what it calls) go
# to the stage its module belongs to, on whichever thread it ran, so work that
# a thread pool does for several stages is split where it belongs: content
# (folio::content, toml), layout and shaping of both PDFs (folio::layout,
# folio::text and the shaper: the two PDFs are made on the same pool threads and
# share one shaping cache, so their layouts are not told apart), of which the
# résumé's own selection and fitting (folio::layout::resume), PDF export
# (folio::export, lopdf, printpdf, of which libdeflate, subsetter and folio's
# file writer), and the rest (allocator, memcpy, thread pool, start-up), which
# no stage claims. Also printed: the main thread's own share (both PDFs are made
# on the pool, of which the main thread is one of the workers in a single build
# of both, so this row is not the build's serial part).
# Needs: valgrind.  Usage: scripts/callgrind-stages.sh [FOLIO_BINARY] CONTENT.toml [build flags]
#   default binary: target/release/folio; default flags: --resume
set -euo pipefail
bin=$PWD/target/release/folio
if [ -x "${1:-}" ] && [ "${1##*.}" != toml ]; then bin=$(realpath "$1"); shift; fi
content=${1:?usage: scripts/callgrind-stages.sh [FOLIO_BINARY] CONTENT.toml [build flags]}
shift
flags=("$@")
[ ${#flags[@]} -eq 0 ] && flags=(--resume)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$tmp/cg.out" \
  "$bin" build "$content" "${flags[@]}" --out-dir "$tmp/out" >/dev/null 2>"$tmp/log"
for f in "$tmp"/cg.out*; do
  [ -s "$f" ] && callgrind_annotate --threshold=100 "$f" >"$f.txt" 2>/dev/null
done
python3 - "$tmp" <<'PY'
import glob, re, sys
from collections import Counter
tmp = sys.argv[1]
total = int(re.search(r"refs:\s+([\d,]+)", open(f"{tmp}/log").read()).group(1).replace(",", ""))
# libdeflate's own functions (C, no module path)
DEFLATE = re.compile(r"^(libdeflate|adler32|build_tree|sort_symbols|compute_length_counts|gen_codewords|make_huffman|heapify|bt_matchfinder|hc_matchfinder|ht_matchfinder|choose_|compute_|deflate)")
def stage(name):
    if DEFLATE.match(name):
        return "deflate"
    if name.startswith(("folio::export::writer::",)):
        return "writing"
    if name.startswith("subsetter::"):
        return "subset"
    if name.startswith(("folio::export::", "lopdf::", "printpdf::", "<folio::export::")):
        return "export"
    if name.startswith(("folio::content::", "<folio::content::", "toml::", "toml_parser::", "<toml", "serde_spanned::", "toml_datetime::")):
        return "content"
    if name.startswith(("folio::layout::resume::", "<folio::layout::resume::")):
        return "resume"
    if name.startswith(("folio::layout::", "<folio::layout::", "folio::text::", "<folio::text::", "rustybuzz::", "<rustybuzz::", "ttf_parser::", "<ttf_parser::", "unicode_", "<char as unicode")):
        return "layout"
    return "other"
sums = Counter()
main = 0
for f in sorted(glob.glob(f"{tmp}/cg.out-*.txt")):
    text = open(f).read()
    lines = re.findall(r"^\s*([\d,]+) \([^)]*\)\s+[^:\n]*:(.+?) \[", text, re.M)
    thread = int(re.search(r"([\d,]+) \([ 0-9.]+%\)\s+PROGRAM TOTALS", text).group(1).replace(",", ""))
    if f.endswith("-01.txt"):
        main = thread
    for n, name in lines:
        sums[stage(name.strip())] += int(n.replace(",", ""))
rows = [
    ("whole process", total),
    ("main thread's own", main),
    ("content: parse and check", sums["content"]),
    ("layout and shaping, both PDFs", sums["layout"] + sums["resume"]),
    ("  of which résumé selection and fitting", sums["resume"]),
    ("PDF export (both PDFs)", sums["export"] + sums["deflate"] + sums["subset"] + sums["writing"]),
    ("  of which deflate", sums["deflate"]),
    ("  font subsetting", sums["subset"]),
    ("  writing the file", sums["writing"]),
    ("other: allocator, memcpy, threads, start-up", sums["other"]),
]
for name, n in rows:
    print(f"{name:44} {n:>15,}")
PY
