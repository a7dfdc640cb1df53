#!/usr/bin/env bash
# A short fuzzing run for CI: builds the targets, replays every committed
# regression input, then fuzzes each target for SECONDS_PER_TARGET seconds
# (one at a time). Any crash, hang (over 30 s for one input) or oracle
# failure exits non-zero. See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${SECONDS_PER_TARGET:-15}
targets=(check format records policy_gen)

started=$SECONDS
cargo +nightly fuzz build
echo "fuzz targets built in $((SECONDS - started)) s"
# The fuzz workspace's lock file is committed: the build must not change it.
git diff --exit-code -- fuzz/Cargo.lock

fuzz/seed.sh
for target in "${targets[@]}"; do
  if compgen -G "fuzz/regressions/$target/*" >/dev/null; then
    cargo +nightly fuzz run "$target" fuzz/regressions/"$target"/* -- -timeout=30
  fi
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=30 -print_final_stats=1
done
