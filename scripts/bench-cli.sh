#!/usr/bin/env bash
# Time the release binary as a whole process, cold: wall time with hyperfine
# (median and min-max), peak memory with /usr/bin/time -v, output sizes and pages.
# The bundled content, then generated portfolios: `folio sample N` (light: four
# case-study fields of repeated sentences, two metrics) for 100 and 1,000
# systems, and `folio sample N --full` (every case-study field two or three
# paragraphs, 3-4 metrics, tags, 10 experience entries) for 10, 100 and 1,000.
# Needs: apt-get install -y hyperfine time poppler-utils
# Usage: scripts/bench-cli.sh [CONTENT.toml ...]   (default: the set above); STATIC=1
#   times the binary `cargo build-static` makes (scripts/release-bin.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/release-bin.sh
bin=$(release_bin --features testing)  # `folio sample N`
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -eq 0 ]; then
  set -- content/portfolio.toml
  for n in 100 1000; do
    "$bin" sample "$n" > "$tmp/sample-$n.toml"
    set -- "$@" "$tmp/sample-$n.toml"
  done
  for n in 10 100 1000; do
    "$bin" sample "$n" --full > "$tmp/sample-$n-full.toml"
    set -- "$@" "$tmp/sample-$n-full.toml"
  done
fi
for content in "$@"; do
  out="$tmp/out-$(basename "$content" .toml)"
  echo "== $(basename "$content"): folio build --resume"
  size=$(stat -c %s "$content")
  runs=$([ "$size" -gt 1000000 ] && echo 10 || echo ${RUNS:-50})
  hyperfine --warmup 3 --runs "$runs" -N --export-json "$tmp/t.json" "$bin build $content --resume --out-dir $out" >/dev/null 2>&1
  python3 -c 'import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
t = [x * 1000 for x in r["times"]]
u, s = r.get("user", 0) * 1000, r.get("system", 0) * 1000
print(f"  median {statistics.median(t):.1f} ms (min-max {min(t):.1f}-{max(t):.1f}, {len(t)} runs), mean CPU {u:.1f} ms user + {s:.1f} ms system")' "$tmp/t.json"
  /usr/bin/time -v "$bin" build "$content" --resume --out-dir "$out" 2>&1 >/dev/null | grep -E "Maximum resident" | sed 's/^\s*/  /'
  for f in "$out"/*.pdf; do
    printf '  %s: %.1f KB, %s pages\n' "$(basename "$f")" "$(($(stat -c %s "$f")))e-3" "$(pdfinfo "$f" | awk '/^Pages/ {print $2}')"
  done
done
