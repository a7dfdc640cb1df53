#!/usr/bin/env bash
# Fills the working corpora fuzz/corpus/<target>/ (not committed) from the
# repository's own files and the committed seeds in fuzz/seeds/<target>/.
# Run it from anywhere; run it again after adding seeds. libFuzzer adds
# what it finds to the same folders.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p fuzz/corpus/check fuzz/corpus/format fuzz/corpus/records fuzz/corpus/policy_gen

# Policies: the `check` and `format` targets read any text.
for file in policies/*.qual examples/*.qual $(find tests/corpus -name '*.qual') fuzz/seeds/check/*; do
  [ -f "$file" ] || continue
  name=$(echo "$file" | tr '/' '_')
  cp "$file" "fuzz/corpus/check/$name"
  cp "$file" "fuzz/corpus/format/$name"
done

# Lead exports: the `records` target reads a selector byte (bit 0: JSON
# Lines, bit 1: policies/acme.qual rather than the target's own policy), a
# batch-size byte, then the file. Each export goes in with both policies.
seed() { # selector file
  local name
  name=$(echo "$2" | tr '/' '_')
  { printf "\\x$1\\x07"; cat "$2"; } > "fuzz/corpus/records/$1-$name"
}
for file in examples/*.csv tests/corpus/eval/*.csv; do
  seed 00 "$file"
  seed 02 "$file"
done
for file in tests/corpus/eval/*.jsonl; do
  seed 01 "$file"
  seed 03 "$file"
done
# The committed seeds already start with their two bytes.
cp fuzz/seeds/records/* fuzz/corpus/records/
