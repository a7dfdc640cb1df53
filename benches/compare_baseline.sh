#!/usr/bin/env bash
# Checks and times `qualify eval` against the reference baselines in
# ../shared/bench (not needed by the build or the tests).
#
#   benches/compare_baseline.sh [ROWS]        (default 100000)
#
# 1. generates ROWS leads (seed 42) and the same with 2% malformed rows;
# 2. runs the hand-written Rust baseline (`leadbench`, with validation) and
#    `qualify eval` on both, and compares the results row by row with
#    compare_qualify.py (stage, score and reasons of every row);
# 3. times both at 1 thread and at 2 threads, with peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
BENCH=${BENCH:-../shared/bench}
WORK=${WORK:-target/bench-data}
mkdir -p "$WORK"

cargo build --release --quiet
# The baseline is built into our own target folder, leaving ../shared untouched.
CARGO_TARGET_DIR="$PWD/target/leadbench" cargo build --release --quiet --manifest-path "$BENCH/rust-baseline/Cargo.toml"
QUALIFY=target/release/qualify
LEADBENCH=target/leadbench/release/leadbench
AS_OF=2026-06-01T00:00:00Z

[ -f "$WORK/leads_$ROWS.csv" ] || python3 "$BENCH/gen_leads.py" --rows "$ROWS" --seed 42 --out "$WORK/leads_$ROWS.csv"
[ -f "$WORK/bad_$ROWS.csv" ] || python3 "$BENCH/gen_leads.py" --rows "$ROWS" --seed 7 --bad-rows 0.02 --out "$WORK/bad_$ROWS.csv"

echo "== agreement with the baseline"
"$LEADBENCH" policy "$WORK/leads_$ROWS.csv" "$WORK/base.csv" --validate >/dev/null
"$QUALIFY" eval "$BENCH/reference.qual" "$WORK/leads_$ROWS.csv" --format csv --out "$WORK/qualify.csv" --as-of "$AS_OF" 2>/dev/null
python3 "$BENCH/compare_qualify.py" "$WORK/base.csv" "$WORK/qualify.csv" --format csv --score total --show 5
"$LEADBENCH" policy "$WORK/bad_$ROWS.csv" "$WORK/base_bad.csv" --invalid-rows >/dev/null
"$QUALIFY" eval "$BENCH/reference.qual" "$WORK/bad_$ROWS.csv" --format csv --out "$WORK/qualify_bad.csv" --as-of "$AS_OF" 2>/dev/null
python3 "$BENCH/compare_qualify.py" "$WORK/base_bad.csv" "$WORK/qualify_bad.csv" --format csv --score total --show 5

echo "== time (seconds) and peak memory (KiB), median of 3"
measure() {
  local label=$1; shift
  local runs=()
  for _ in 1 2 3; do
    /usr/bin/time -o "$WORK/time.txt" -f "%e %M" "$@" >/dev/null 2>&1
    runs+=("$(cat "$WORK/time.txt")")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p | awk -v l="$label" -v r="$ROWS" '{printf "%-34s %6.2f s  %8.0f leads/s  %7d KiB\n", l, $1, r / $1, $2}'
}
measure "leadbench policy --validate, 1 thread" "$LEADBENCH" policy "$WORK/leads_$ROWS.csv" "$WORK/base.csv" --validate
measure "qualify eval --jobs 1" "$QUALIFY" eval "$BENCH/reference.qual" "$WORK/leads_$ROWS.csv" --format csv --out "$WORK/qualify.csv" --as-of "$AS_OF" --jobs 1
measure "leadbench policy-par --validate, 2" "$LEADBENCH" policy-par "$WORK/leads_$ROWS.csv" "$WORK/base.csv" --threads 2 --validate
measure "qualify eval --jobs 2" "$QUALIFY" eval "$BENCH/reference.qual" "$WORK/leads_$ROWS.csv" --format csv --out "$WORK/qualify.csv" --as-of "$AS_OF" --jobs 2
