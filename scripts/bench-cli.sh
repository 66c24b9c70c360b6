#!/usr/bin/env bash
# Time the release binary as a whole process, cold: wall time with hyperfine,
# peak memory with /usr/bin/time -v, output sizes. The bundled content, then
# generated portfolios of 10, 100 and 1,000 systems with case studies.
# Needs: apt-get install -y hyperfine time
# Usage: scripts/bench-cli.sh [CONTENT.toml ...]   (default: the set above)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --features testing  # `folio sample N`
bin=$PWD/target/release/folio
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -eq 0 ]; then
  set -- content/portfolio.toml
  for n in 10 100 1000; do
    "$bin" sample "$n" > "$tmp/generated-$n.toml"
    set -- "$@" "$tmp/generated-$n.toml"
  done
fi
for content in "$@"; do
  out="$tmp/out-$(basename "$content" .toml)"
  echo "== $(basename "$content"): folio build --resume"
  size=$(stat -c %s "$content")
  runs=$([ "$size" -gt 1000000 ] && echo 10 || echo ${RUNS:-100})
  hyperfine --warmup 3 --runs "$runs" -N "$bin build $content --resume --out-dir $out" 2>/dev/null | grep -E "Time|Range" | sed 's/^ */  /'
  /usr/bin/time -v "$bin" build "$content" --resume --out-dir "$out" 2>&1 >/dev/null | grep -E "Maximum resident" | sed 's/^\s*/  /'
  for f in "$out"/*.pdf; do printf '  %s: %.1f KB\n' "$(basename "$f")" "$(($(stat -c %s "$f")))e-3"; done
done
