# Sourced by the benchmark scripts. `release_bin [cargo flags]` builds the release
# binary and prints its path: with STATIC=1 the one `cargo build-static` makes
# (glibc linked in, x86-64 Linux: .cargo/config.toml), otherwise the portable
# `cargo build --release` one. A failed build returns its status, which stops a
# script under `set -e` (a command substitution does not inherit `set -e`).
release_bin() {
  local dir=${CARGO_TARGET_DIR:-$PWD/target}
  if [ "${STATIC:-0}" = 1 ]; then
    cargo build-static --quiet "$@" >&2 || return
    echo "$dir/x86_64-unknown-linux-gnu/release/folio"
  else
    cargo build --release --quiet "$@" >&2 || return
    echo "$dir/release/folio"
  fi
}
