# Sourced by the benchmark scripts. `release_bin [cargo flags]` builds the release
# binary and prints its path: with STATIC=1 the one `cargo build-static` makes
# (glibc linked in, x86-64 Linux: .cargo/config.toml), otherwise the portable
# `cargo build --release` one.
release_bin() {
  if [ "${STATIC:-0}" = 1 ]; then
    cargo build-static --quiet "$@" >&2
    echo "$PWD/target/x86_64-unknown-linux-gnu/release/folio"
  else
    cargo build --release --quiet "$@" >&2
    echo "$PWD/target/release/folio"
  fi
}
