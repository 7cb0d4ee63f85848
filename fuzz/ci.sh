#!/bin/sh
# Fuzzing smoke test for CI: builds the cargo-fuzz targets (nightly, AddressSanitizer, debug
# assertions) and runs each for a bounded time from the seed corpus in fuzz/corpus/. New
# corpus units go to a temporary directory, so the checkout is left as it was. Every target
# runs even when one fails; a crash, timeout or OOM leaves its input in
# fuzz/artifacts/TARGET/ and makes the script exit 1.
#
#   FUZZ_SECONDS   seconds per target (default 30)
#   FUZZ_TARGETS   targets to run (default: all of `cargo fuzz list`)
#   FUZZ_TOOLCHAIN the toolchain (default: nightly if installed, else stable with
#                  RUSTC_BOOTSTRAP=1, which lets stable take the sanitizer flags)
#   FUZZ_SEED      libFuzzer's seed (default 1, so a CI run is repeatable)
set -eu
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
if [ -n "${FUZZ_TOOLCHAIN:-}" ]; then
    tc=$FUZZ_TOOLCHAIN
elif rustup run nightly rustc --version >/dev/null 2>&1; then
    tc=nightly
else
    # No nightly here (and none to download): stable ships the sanitizer runtimes, and
    # RUSTC_BOOTSTRAP=1 lets it accept cargo-fuzz's -Zsanitizer flags.
    tc=stable
    export RUSTC_BOOTSTRAP=1
fi
echo "== fuzz: toolchain $tc"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# -a: debug assertions and overflow checks, as in `cargo test`.
cargo +"$tc" fuzz build -a
targets=${FUZZ_TARGETS:-$(cargo +"$tc" fuzz list)}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=""
for t in $targets; do
    mkdir -p "$work/$t"
    echo "== fuzz $t for ${seconds}s"
    # -close_fd_mask=1: the shell's and the scripts' output is noise here.
    if ! cargo +"$tc" fuzz run -a "$t" "$work/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -close_fd_mask=1 -print_final_stats=1 2>"$work/$t.log"; then
        failed="$failed $t"
        tail -n 60 "$work/$t.log"
    else
        grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+.*DONE)' "$work/$t.log" || true
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: failures in:$failed (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzz: no crashes"
