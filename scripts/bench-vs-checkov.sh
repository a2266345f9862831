#!/usr/bin/env bash
# copguard against Checkov 3.3.30 on the same trees: wall time, peak RSS, and
# the findings each reports for controls both cover.
#
# Usage: [COPGUARD=BINARY] scripts/bench-vs-checkov.sh [DIR...]
#   Always runs a small generated tree (gen_corpus --files 100: AWS, Azure
#   and Kubernetes) and testdata/examples, then every DIR given, e.g.
#   /work/shared/corpus/terraform-aws-security-group.
#
# Checkov is installed from PyPI into target/tools/checkov-venv (once), and
# run as users run it: every check of its Terraform and Kubernetes
# frameworks, no download of external modules or the Bridgecrew platform.
# copguard runs its release build with every built-in policy. Both write JSON.
# Each scanner runs once per tree (Checkov's minutes make medians costly);
# the load average is printed with each run, so a noisy number shows.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
tools=$CARGO_TARGET_DIR/tools
venv=$tools/checkov-venv
out=$CARGO_TARGET_DIR/vs-checkov
mkdir -p "$tools" "$out"
if [ ! -x "$venv/bin/checkov" ] || [ "$("$venv/bin/checkov" --version 2>/dev/null)" != 3.3.30 ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet checkov==3.3.30
fi
# COPGUARD=path/to/copguard compares that binary instead of building one.
bin=${COPGUARD:-$CARGO_TARGET_DIR/release/copguard}
[ -n "${COPGUARD:-}" ] || cargo build --release --locked --quiet
[ -x "$CARGO_TARGET_DIR/release/examples/gen_corpus" ] || cargo build --release --locked --quiet --example gen_corpus
generated=$CARGO_TARGET_DIR/bench-corpus/files-100
[ -d "$generated" ] || "$CARGO_TARGET_DIR/release/examples/gen_corpus" "$generated" --files 100 > /dev/null

# Controls both cover: copguard rule id -> Checkov check ids (from Checkov
# 3.3.30's own check classes, checkov/terraform/checks/{resource,graph_checks}).
# Checkov reports each check per resource; copguard some per rule block
# (CG-AWS-010, CG-AZ-010), so the table also counts distinct resources.
mapping='CG-AWS-001 CKV_AWS_145
CG-AWS-005 CKV_AWS_7
CG-AWS-007 CKV_AWS_36
CG-AWS-010 CKV_AWS_24,CKV_AWS_25
CG-AWS-014 CKV_AWS_3,CKV_AWS_8
CG-AWS-015 CKV_AWS_16,CKV_AWS_96
CG-AZ-001 CKV_AZURE_3
CG-AZ-002 CKV_AZURE_44
CG-AZ-005 CKV_AZURE_110
CG-AZ-010 CKV_AZURE_10,CKV_AZURE_9'

# measure NAME OUTFILE CMD...: runs CMD under /usr/bin/time -v; prints "wall kib".
measure() {
  local name=$1
  shift
  /usr/bin/time -v -o "$out/$name.time" "$@" > "$out/$name.stdout" 2> "$out/$name.stderr" || true
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; w = s }
              /Maximum resident set size/ { k = $2 } END { print w, k }' "$out/$name.time"
}

# median_wall CMD...: the median wall time of 5 runs in seconds, to the
# millisecond. /usr/bin/time rounds to 10 ms, which is a seventh of
# copguard's time on a small module, so copguard's wall time is taken this
# way (its peak RSS still from /usr/bin/time); Checkov's minutes are not.
median_wall() {
  local runs=() start end
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    runs+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p | awk '{ printf "%.3f", $1 / 1000 }'
}

compare() {
  local tree=$1 name
  name=$(basename "$tree")
  echo "== $tree ($(find "$tree" -type f \( -name '*.tf' -o -name '*.yaml' -o -name '*.yml' \) | wc -l) .tf/.yaml files; load $(cut -d' ' -f1 /proc/loadavg))"
  local cg ck
  cg=$(measure "$name.copguard" "$bin" scan "$tree" --format json --output "$out/$name.copguard.json" --fail-on none)
  cg="$(median_wall "$bin" scan "$tree" --format json --output /dev/null --fail-on none) ${cg#* }"
  rm -rf "$out/$name.checkov"
  ck=$(measure "$name.checkov" "$venv/bin/checkov" -d "$tree" --framework terraform kubernetes \
    --skip-download --quiet --compact -o json --output-file-path "$out/$name.checkov")
  python3 - "$cg" "$ck" "$out/$name.copguard.json" "$out/$name.checkov/results_json.json" "$mapping" <<'PY'
import json, sys
(cg_wall, cg_kib), (ck_wall, ck_kib) = (map(float, a.split()) for a in sys.argv[1:3])
print(f"  copguard {cg_wall:8.3f} s {cg_kib / 1024:8.0f} MB  (median of 5 runs)")
print(f"  checkov  {ck_wall:8.2f} s {ck_kib / 1024:8.0f} MB")
print(f"  ratio copguard/checkov: wall {cg_wall / ck_wall:.5f} (checkov {ck_wall / max(cg_wall, 0.005):,.0f}x), "
      f"peak RSS {cg_kib / ck_kib:.3f} (1/{ck_kib / cg_kib:.1f})")
cg = json.load(open(sys.argv[3]))
try:
    ck = json.load(open(sys.argv[4]))
except FileNotFoundError:
    ck = []
ck = ck if isinstance(ck, list) else [ck]
failed = [c for report in ck for c in report.get("results", {}).get("failed_checks", [])]
print(f"  {'copguard':11} {'findings':>8} {'resources':>9}   {'checkov':25} {'failed':>6} {'resources':>9}")
for line in sys.argv[5].splitlines():
    rule, checks = line.split()
    checks = checks.split(",")
    mine = [f for f in cg["findings"] if f["rule_id"] == rule and f["status"] == "fail"]
    theirs = [c for c in failed if c["check_id"] in checks]
    print(f"  {rule:11} {len(mine):8} {len({f['resource']['address'] for f in mine}):9}   "
          f"{','.join(checks):25} {len(theirs):6} {len({c['resource'] for c in theirs}):9}")
PY
}

echo "copguard $("$bin" --version | cut -d' ' -f2), checkov $("$venv/bin/checkov" --version); $(nproc) cores; $(uptime)"
compare "$generated"
compare testdata/examples
for dir in "$@"; do
  compare "$dir"
done
