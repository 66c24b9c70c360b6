#!/usr/bin/env bash
# Time the release binary as a whole process: wall time with hyperfine, peak
# memory with /usr/bin/time -v. Needs: apt-get install -y hyperfine time
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/folio
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
content=${1:-content/portfolio.toml}
echo "== $content"
hyperfine --warmup 5 --runs ${RUNS:-200} -N "$bin build $content --out-dir $out" | grep -E "Time|Range"
/usr/bin/time -v "$bin" build "$content" --out-dir "$out" 2>&1 >/dev/null | grep -E "Maximum resident|Elapsed" | sed 's/^\s*/  /'
ls -l "$out"/*.pdf | awk '{printf "  %s: %.1f KB\n", $NF, $5/1024}'
