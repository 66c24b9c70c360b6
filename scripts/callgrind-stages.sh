#!/usr/bin/env bash
# Instructions per stage of one whole build (callgrind, every thread counted and
# added up): start-up to exit, parsing and checking the content, portfolio
# layout, résumé selection and fitting, PDF export (of which deflate, font
# subsetting, printpdf's operators and writing the file: lopdf's writer before,
# folio's export::writer since). On a thread-pool
# thread the content is the entries it checked, the layout the systems it built
# and the export the pages it wrote.
# Works on this build and on older folio binaries (the function names it looks
# for are the same back to b41de26).
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
  [ -s "$f" ] && callgrind_annotate --threshold=100 --inclusive=yes "$f" >"$f.txt" 2>/dev/null
done
python3 - "$tmp" <<'PY'
import glob, re, sys
tmp = sys.argv[1]
total = int(re.search(r"refs:\s+([\d,]+)", open(f"{tmp}/log").read()).group(1).replace(",", ""))
def incl(text, *names):
    best = 0
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \(", line)
        if m and any(re.search(r":%s \[" % re.escape(n), line) for n in names):
            best = max(best, int(m.group(1).replace(",", "")))
    return best
stages = dict.fromkeys(["content", "layout", "resume", "export", "deflate", "subset", "printpdf", "lopdf"], 0)
for f in glob.glob(f"{tmp}/cg.out*.txt"):
    t = open(f).read()
    # On a thread-pool thread the content stage is the entries of a long array
    # of tables ([[systems]]) it checked.
    stages["content"] += incl(t, "folio::content::load", "folio::content::load_in") or incl(
        t, "<folio::content::kinds::Tables<R> as folio::content::check::Check>::check::{{closure}}"
    )
    stages["resume"] += incl(t, "folio::layout::resume::fit::fit", "folio::layout::resume::fit")
    layout = incl(t, "folio::layout::portfolio::layout")
    stages["layout"] += layout or incl(t, "folio::layout::portfolio::system::<impl folio::layout::portfolio::Builder>::system")
    export = incl(t, "folio::export::to_pdf_with", "folio::export::to_pdf")
    stages["export"] += export or incl(t, "folio::export::draw::page_content") + incl(
        t, "libdeflate_zlib_compress", "miniz_oxide::deflate::stream::deflate"
    )
    stages["deflate"] += incl(t, "libdeflate_zlib_compress", "miniz_oxide::deflate::stream::deflate")
    stages["subset"] += incl(t, "subsetter::subset")
    stages["printpdf"] += incl(t, "printpdf::serialize::translate_operations")
    stages["lopdf"] += incl(t, "lopdf::writer::Writer::write_indirect_object", "folio::export::writer::save")
rows = [
    ("whole process", total),
    ("content: parse and check", stages["content"]),
    ("portfolio layout", stages["layout"]),
    ("résumé select and fit", stages["resume"]),
    ("PDF export (both PDFs)", stages["export"]),
    ("  of which deflate", stages["deflate"]),
    ("  font subsetting", stages["subset"]),
    ("  printpdf ops to content", stages["printpdf"]),
    ("  writing the file", stages["lopdf"]),
]
for name, n in rows:
    print(f"{name:28} {n:>15,}")
PY
