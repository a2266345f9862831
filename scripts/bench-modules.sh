#!/usr/bin/env bash
# Benchmark: scan a generated corpus with the release binary, report
# files/second and peak memory.
# Usage: scripts/bench-modules.sh [MODULES] [FILES_PER_MODULE] [MANIFESTS_PER_MODULE]
# (Was bench/run.sh; moved so every script lives in scripts/.)
set -euo pipefail
cd "$(dirname "$0")/.."
modules=${1:-200}
files=${2:-10}
manifests=${3:-0}
corpus=target/bench-corpus-$modules-$files
[ "$manifests" = 0 ] || corpus=$corpus-k8s$manifests
cargo build --release --locked --quiet
[ -d "$corpus" ] || cargo run --release --locked --quiet --example gen_corpus -- "$corpus" "$modules" "$files" "$manifests"
count=$(find "$corpus" \( -name '*.tf' -o -name '*.yaml' \) | wc -l)
bytes=$(du -sb "$corpus" | cut -f1)
for run in 1 2 3; do
  /usr/bin/time -f '%e %M' -o target/bench-time.txt \
    target/release/copguard scan "$corpus" --format sarif --output /dev/null --fail-on none
  read -r seconds kib < target/bench-time.txt
  awk -v n="$count" -v s="$seconds" -v k="$kib" -v b="$bytes" -v r="$run" \
    'BEGIN { printf "run %d: %d files (%.1f MB) in %.2fs = %.0f files/s, %.1f MB/s, peak RSS %.0f MB\n", r, n, b/1e6, s, n/s, b/1e6/s, k/1024 }'
done
