#!/usr/bin/env bash
# Peak memory and wall time of issue 11's cost cases: photos that are small files
# but huge images, and 7.7 MB of one-character bullets (refused: past 2,000 pages).
# Needs: python3 with Pillow (for the progressive JPEG), /usr/bin/time.
# Usage: scripts/bench-limits.sh [FOLIO_BINARY]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=$PWD/target/release/folio
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/limits-inputs.py "$tmp"
for name in rgba-11000 rgb16-7900 baseline-12000 progressive-12000 progressive-12mp iccp-64 bullets; do
  printf '%-18s ' "$name"
  /usr/bin/time -f '%M KB peak, %e s, exit %x' "$bin" build "$tmp/$name.toml" --out-dir "$tmp/out-$name" \
    2>&1 >/dev/null | tail -1
done
