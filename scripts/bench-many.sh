#!/usr/bin/env bash
# Many small content files: N (default 200) files — copies of the bundled
# content and of small generated portfolios (`folio sample 2 --full`), half each —
# built both ways, portfolio and résumé each:
#   one process:  folio build DIR --resume   (the files build in parallel, rayon)
#   one process per file, one at a time
# Prints wall time (hyperfine median and min-max), files per second, and the CPU
# time over wall time of the parallel build (about 2.0 with both cores busy).
# Needs: hyperfine, /usr/bin/time.  Usage: scripts/bench-many.sh [N]; STATIC=1 times
# the binary `cargo build-static` makes (scripts/release-bin.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/release-bin.sh
folio=$(release_bin --features testing)   # `folio sample`
n=${1:-200}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
"$folio" sample 2 --full > "$tmp/sample.toml"
for i in $(seq -w "$n"); do
  if [ $((10#$i % 2)) -eq 0 ]; then cp content/portfolio.toml "$tmp/in/c$i.toml"; else cp "$tmp/sample.toml" "$tmp/in/c$i.toml"; fi
done
cat > "$tmp/one-at-a-time.sh" <<SH
for f in $tmp/in/*.toml; do $folio build "\$f" --resume --out-dir $tmp/seq/\$(basename "\$f" .toml) 2>/dev/null; done
SH
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json "$tmp/t.json" \
  "$folio build $tmp/in --resume --out-dir $tmp/par" "bash $tmp/one-at-a-time.sh" >/dev/null 2>&1
/usr/bin/time -f "%e %U %S" "$folio" build "$tmp/in" --resume --out-dir "$tmp/par" 2>"$tmp/time" >/dev/null || true
python3 - "$tmp" "$n" <<'PY'
import json, statistics, sys
tmp, n = sys.argv[1], int(sys.argv[2])
res = json.load(open(f"{tmp}/t.json"))["results"]
for name, r in zip(["one process, files in parallel", "one process per file, in turn"], res):
    med = statistics.median(r["times"])
    print(f"{name:32} median {med:6.2f} s (min-max {min(r['times']):.2f}-{max(r['times']):.2f})  {n / med:6.1f} files/s")
print(f"speed-up of the parallel build: {statistics.median(res[1]['times']) / statistics.median(res[0]['times']):.2f}x")
e, u, s = map(float, open(f"{tmp}/time").read().split()[-3:])
print(f"parallel build: {u + s:.2f} s CPU in {e:.2f} s wall = {(u + s) / e:.2f} cores busy")
PY
