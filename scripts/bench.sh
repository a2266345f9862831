#!/usr/bin/env bash
# Whole-process benchmark of the release binary on generated trees of 1k, 10k
# and 50k files (gen_corpus --files: AWS, Azure and Kubernetes in a fixed
# mix), plus an empty directory and, when present, the public corpus.
#
# Usage: scripts/bench.sh [RUNS] [SIZES...]     (default: 3 runs; 1000 10000 50000)
#        FORMAT=json scripts/bench.sh           (default: sarif)
#        CORPUS=/path/to/tree scripts/bench.sh  (default: /work/shared/corpus if it exists)
#        COPGUARD=path/to/binary scripts/bench.sh (default: build the release binary)
#
# Per run: wall time, files/s, MB/s, CPU time (user + system: steadier than
# wall time on a shared machine), peak RSS (/usr/bin/time -v) and the
# machine's load average, then the median of the runs. Per stage wall times
# come from COPGUARD_TIMINGS=1 (src/timings.rs), printed for the last run.
# Then the same tree parsed alone (examples/parse_only.rs), and the ratio.
# Trees are generated once into target/bench-corpus/ and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
format=${FORMAT:-sarif}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
# COPGUARD=path/to/copguard measures that binary instead of building one.
bin=${COPGUARD:-$CARGO_TARGET_DIR/release/copguard}
out=$CARGO_TARGET_DIR/bench-out
mkdir -p "$out" "$CARGO_TARGET_DIR/bench-corpus"

[ -n "${COPGUARD:-}" ] || cargo build --release --locked --quiet
# Always built (nothing to do when up to date): the baseline must parse
# with today's parsers, not a stale build's.
cargo build --release --locked --quiet --example gen_corpus --example parse_only
parse_only=$CARGO_TARGET_DIR/release/examples/parse_only

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# bench NAME DIR: runs the scan $runs times, prints one line per run and the median.
bench() {
  local name=$1 dir=$2 files bytes
  files=$(find "$dir" -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | wc -l)
  bytes=$(find "$dir" -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  : > "$out/$name.runs"
  for run in $(seq "$runs"); do
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    COPGUARD_TIMINGS=1 /usr/bin/time -v -o "$out/$name.time" \
      "$bin" scan "$dir" --format "$format" --output /dev/null --fail-on none 2> "$out/$name.stages" || true
    local wall kib cpu
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$out/$name.time")
    kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/$name.time")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$out/$name.time")
    echo "$wall $kib $cpu $load" >> "$out/$name.runs"
    awk -v n="$files" -v b="$bytes" -v s="$wall" -v k="$kib" -v c="$cpu" -v l="$load" -v r="$run" -v name="$name" \
      'BEGIN { printf "%-12s run %d: %6d files %7.1f MB  %6.2f s  %7.0f files/s  %5.1f MB/s  cpu %6.2f s  peak RSS %6.0f MB  (%.1f B/B)  load %s\n",
               name, r, n, b/1e6, s, (s > 0 ? n/s : 0), (s > 0 ? b/1e6/s : 0), c, k/1024, (b > 0 ? k*1024/b : 0), l }'
  done
  local wall kib cpu
  wall=$(cut -d' ' -f1 "$out/$name.runs" | median)
  kib=$(cut -d' ' -f2 "$out/$name.runs" | median)
  cpu=$(cut -d' ' -f3 "$out/$name.runs" | median)
  awk -v n="$files" -v b="$bytes" -v s="$wall" -v k="$kib" -v c="$cpu" -v name="$name" \
    'BEGIN { printf "%-12s MEDIAN: %6d files %7.1f MB  %6.2f s  %7.0f files/s  %5.1f MB/s  cpu %6.2f s  peak RSS %6.0f MB  (%.1f B/B)\n",
             name, n, b/1e6, s, (s > 0 ? n/s : 0), (s > 0 ? b/1e6/s : 0), c, k/1024, (b > 0 ? k*1024/b : 0) }'
  sed -n 's/^copguard: timing /    stage /p' "$out/$name.stages" | tr '\n' ';' | sed 's/;$/\n/'
  # Parsing alone (examples/parse_only.rs: the same parsers and thread
  # pool, nothing evaluated or kept): the issue's "within 2x of parsing
  # alone", as the ratio of the medians.
  [ "$files" -gt 0 ] || return 0
  : > "$out/$name.parse"
  for run in $(seq "$runs"); do
    if ! /usr/bin/time -f '%e %M' -o "$out/$name.parse-time" "$parse_only" "$dir" > /dev/null; then
      echo "bench: parse_only failed on $dir; no baseline for it" >&2
      return 0
    fi
    tail -n 1 "$out/$name.parse-time" >> "$out/$name.parse"
  done
  local parse parse_kib
  parse=$(cut -d' ' -f1 "$out/$name.parse" | median)
  parse_kib=$(cut -d' ' -f2 "$out/$name.parse" | median)
  awk -v p="$parse" -v k="$parse_kib" -v s="$wall" -v name="$name" \
    'BEGIN { printf "%-12s PARSE ONLY: %6.2f s  peak RSS %6.0f MB;  scan / parse = %.1fx\n", name, p, k/1024, (p > 0 ? s/p : 0) }'
}

echo "copguard $("$bin" --version | cut -d' ' -f2), format $format, $runs runs, $(nproc) cores; $(uptime)"
mkdir -p "$out/empty"
bench empty "$out/empty"
for size in "${sizes[@]}"; do
  tree=$CARGO_TARGET_DIR/bench-corpus/files-$size
  if [ ! -d "$tree" ]; then
    "$CARGO_TARGET_DIR/release/examples/gen_corpus" "$tree.partial" --files "$size" > /dev/null
    mv "$tree.partial" "$tree"
  fi
  bench "files-$size" "$tree"
done
corpus=${CORPUS:-/work/shared/corpus}
[ ! -d "$corpus" ] || bench "$(basename "$corpus")" "$corpus"
