#!/usr/bin/env bash
# What the progress bar costs: the same scan, interleaved, with standard
# error on a terminal (a pseudo-terminal from script(1), so the bar is
# really drawn, 10 frames a second), with --quiet on the same terminal (no
# bar and no progress observer at all), and with standard error redirected
# to a file (the observer runs, the bar hides itself).
#
# Usage: scripts/bench-progress.sh [RUNS] [DIR]
#        (default: 5 runs of target/bench-corpus/files-10000, generated if missing)
#        COPGUARD=path/to/binary scripts/bench-progress.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
dir=${2:-$CARGO_TARGET_DIR/bench-corpus/files-10000}
bin=${COPGUARD:-$CARGO_TARGET_DIR/release/copguard}
out=$CARGO_TARGET_DIR/bench-out/progress
mkdir -p "$out"
command -v script > /dev/null || { echo "bench-progress: script(1) (util-linux) is needed for a terminal" >&2; exit 2; }
[ -n "${COPGUARD:-}" ] || cargo build --release --locked --quiet
if [ ! -d "$dir" ]; then
  cargo build --release --locked --quiet --example gen_corpus
  size=$(basename "$dir" | sed -n 's/^files-\([0-9]*\)$/\1/p')
  [ -n "$size" ] || { echo "bench-progress: $dir does not exist" >&2; exit 2; }
  "$CARGO_TARGET_DIR/release/examples/gen_corpus" "$dir.partial" --files "$size" > /dev/null
  mv "$dir.partial" "$dir"
fi

# The scan as an array (paths may hold spaces), and quoted once more for
# script(1), which runs its command through a shell. A tree with input
# errors still counts: --allow-input-errors keeps the exit code 0.
scan=("$bin" scan "$dir" --format sarif --output /dev/null --fail-on none --allow-input-errors)
timed=(/usr/bin/time -f '%e %U %S' -o "$out/time")
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for mode in bar quiet redirected; do : > "$out/$mode.runs"; done
for run in $(seq "$runs"); do
  for mode in bar quiet redirected; do
    case $mode in
      bar) script -qec "$(printf '%q ' "${timed[@]}" "${scan[@]}")" /dev/null > "$out/bar.tty" ;;
      quiet) script -qec "$(printf '%q ' "${timed[@]}" "${scan[@]}" --quiet)" /dev/null > "$out/quiet.tty" ;;
      redirected) "${timed[@]}" "${scan[@]}" 2> "$out/redirected.err" ;;
    esac
    # The last line: GNU time puts "Command exited with ..." before it.
    tail -n 1 "$out/time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }' >> "$out/$mode.runs"
  done
done
# The bar must really have been drawn on the terminal, and only there.
grep -q 'evaluating resources' "$out/bar.tty" || echo "bench-progress: warning: no bar was drawn (a scan under a second?)" >&2
! grep -q 'evaluating resources' "$out/quiet.tty" "$out/redirected.err" || echo "bench-progress: warning: a bar where none should be" >&2
echo "$(basename "$dir"), $runs interleaved runs each, $(nproc) cores; $(uptime)"
for mode in bar quiet redirected; do
  printf '%-11s wall %6.2f s  cpu %6.2f s  (medians; runs: %s)\n' "$mode" \
    "$(cut -d' ' -f1 "$out/$mode.runs" | median)" "$(cut -d' ' -f2 "$out/$mode.runs" | median)" \
    "$(cut -d' ' -f1 "$out/$mode.runs" | tr '\n' ' ' | sed 's/ $//')"
done
