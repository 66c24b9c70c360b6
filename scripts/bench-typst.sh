#!/usr/bin/env bash
# folio against Typst on the bundled content: folio's two PDFs (portfolio and
# résumé, and the résumé alone) against the native Typst CLI and typst-py
# compiling scripts/typst/resume.typ, a one-page résumé of the same facts in the
# same fonts (IBM Plex from fonts/). Timings alternate: ROUNDS rounds, each
# running every command RUNS times with hyperfine, so a burst of load on the
# machine falls on every command alike; medians and min-max over all runs, the
# ratio of medians, and peak memory (/usr/bin/time -v, median of 5 runs).
# Needs: hyperfine, /usr/bin/time, typst (TYPST=path, default: typst on PATH or
# /opt/typst/bin/typst), python3 with typst-py (pip install typst).
# Usage: scripts/bench-typst.sh            ROUNDS=10 RUNS=5 by default; STATIC=1
#   times the binary `cargo build-static` makes (scripts/release-bin.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/release-bin.sh
folio=$(release_bin)
typst=${TYPST:-$(command -v typst || echo /opt/typst/bin/typst)}
rounds=${ROUNDS:-10}
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

names=("folio, both variants" "folio, résumé only" "typst CLI" "typst-py")
cmds=(
  "$folio build content/portfolio.toml --resume --out-dir $tmp/both"
  "$folio build content/portfolio.toml --only resume --out-dir $tmp/one"
  "$typst compile --ignore-system-fonts --font-path fonts scripts/typst/resume.typ $tmp/typst.pdf"
  "python3 scripts/typst/compile.py scripts/typst/resume.typ $tmp/typst-py.pdf fonts"
)
echo "$("$typst" --version); typst-py $(python3 -c 'import typst; print(typst.__version__)')"
for r in $(seq "$rounds"); do
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/round-$r.json" "${cmds[@]}" >/dev/null 2>&1
done
for i in "${!cmds[@]}"; do
  for k in 1 2 3 4 5; do
    /usr/bin/time -f %M ${cmds[$i]} 2>&1 >/dev/null | tail -1
  done | sort -n | sed -n 3p > "$tmp/mem-$i"
done
python3 - "$tmp" "$rounds" "${names[@]}" <<'PY'
import json, statistics, sys
tmp, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
times = [[] for _ in names]
for r in range(1, rounds + 1):
    for i, res in enumerate(json.load(open(f"{tmp}/round-{r}.json"))["results"]):
        times[i] += res["times"]
med = [statistics.median(t) * 1000 for t in times]
print(f"{'':24} {'median':>9} {'min-max (ms)':>16} {'peak RSS':>9}  runs={len(times[0])}")
for i, n in enumerate(names):
    mem = int(open(f"{tmp}/mem-{i}").read()) / 1024
    print(f"{n:24} {med[i]:7.1f}ms {min(times[i])*1000:7.1f}-{max(times[i])*1000:<7.1f} {mem:7.1f}MB")
print(f"typst CLI / folio both:  {med[2] / med[0]:.1f}x   typst-py / folio both: {med[3] / med[0]:.1f}x")
print(f"typst CLI / folio résumé: {med[2] / med[1]:.1f}x   typst-py / folio résumé: {med[3] / med[1]:.1f}x")
PY
