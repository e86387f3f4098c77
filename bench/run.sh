#!/usr/bin/env bash
# Benchmark: `insight score` against the equivalent lifetimes pipeline, side by side.
#
# What it does
#   1. builds `insight` in release mode;
#   2. simulates a customer base with `insight simulate` (BG/NBD + Gamma-Gamma, seeded; by
#      default 1,000,000 customers, about 4.3M transaction rows over 2023-01-01..2025-12-31)
#      into bench/out/ (git-ignored), unless that file already exists;
#   3. makes sure .venv has lifetimes and its pinned dependencies (bench/requirements.txt);
#   4. runs, RUNS times each and alternating, the lifetimes pipeline (bench/lifetimes_pipeline.py:
#      pandas read_csv, summary_data_from_transaction_data, BetaGeoFitter, GammaGammaFitter,
#      P(alive), expected purchases, expected order value, customer_lifetime_value, CSV write)
#      and `insight score` (read, summarise, fit both models, predict, classify, write CSV and
#      JSON report) on the same file, each under /usr/bin/time -v for wall time and peak RSS;
#   5. prints a table with the best wall time and the highest peak memory of each, the speed-up
#      (lifetimes wall / insight wall) and the memory ratio (insight peak / lifetimes peak),
#      then compares the two outputs customer by customer (bench/compare.py).
#
# Usage: bench/run.sh                 (from anywhere; paths are relative to the repo root)
#        CUSTOMERS=100000 RUNS=1 bench/run.sh
# Goal (issue item 4): speed-up >= 20 and memory ratio <= 0.25.
set -euo pipefail
cd "$(dirname "$0")/.."

CUSTOMERS="${CUSTOMERS:-1000000}"
SEED="${SEED:-42}"
RUNS="${RUNS:-3}"
AS_OF="2025-12-31"
OUT="bench/out"
DATA="$OUT/transactions_${CUSTOMERS}_${SEED}.csv"
mkdir -p "$OUT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
  say "Installing GNU time (Debian package 'time')"
  apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

say "Building insight (release)"
cargo build --release --bin insight
INSIGHT="target/release/insight"

if [ ! -s "$DATA" ]; then
  say "Simulating $CUSTOMERS customers (seed $SEED)"
  "$INSIGHT" simulate --customers "$CUSTOMERS" --seed "$SEED" --end "$AS_OF" --out "$DATA"
fi
printf 'data: %s (%s rows, %s bytes)\n' "$DATA" "$(($(wc -l <"$DATA") - 1))" "$(wc -c <"$DATA")" >&2

if ! .venv/bin/python -c "import lifetimes" 2>/dev/null; then
  say "Creating .venv with lifetimes"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install --quiet -r bench/requirements.txt
fi

# measure NAME RUN COMMAND...: appends "NAME wall_seconds peak_kb" to $OUT/measurements.txt
measure() {
  local name="$1" run="$2"
  shift 2
  local log="$OUT/time_${name}_${run}.txt"
  /usr/bin/time -v -o "$log" "$@" >/dev/null
  local wall peak
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
  echo "$name $wall $peak" >>"$OUT/measurements.txt"
  printf '  %-9s run %s: %8.2f s %10.1f MB\n' "$name" "$run" "$wall" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')" >&2
}

: >"$OUT/measurements.txt"
for run in $(seq 1 "$RUNS"); do
  say "Run $run of $RUNS"
  measure lifetimes "$run" .venv/bin/python bench/lifetimes_pipeline.py "$DATA" --as-of "$AS_OF" \
    --out "$OUT/lifetimes_scores.csv" --timings "$OUT/lifetimes_timings.json"
  measure insight "$run" "$INSIGHT" score "$DATA" --as-of "$AS_OF" \
    --out "$OUT/insight_scores.csv" --report "$OUT/insight_report.json"
done

python3 - "$OUT/measurements.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
best = {}
for name, wall, peak in rows:
    wall, peak = float(wall), int(peak) / 1024
    b = best.setdefault(name, [float("inf"), 0.0])
    b[0] = min(b[0], wall)
    b[1] = max(b[1], peak)
lt, ins = best["lifetimes"], best["insight"]
print()
print("| pipeline        | wall time (best) | peak memory (max) |")
print("|-----------------|-----------------:|------------------:|")
print(f"| lifetimes       | {lt[0]:13.2f} s | {lt[1]:14.1f} MB |")
print(f"| insight score   | {ins[0]:13.2f} s | {ins[1]:14.1f} MB |")
print()
speed, mem = lt[0] / ins[0], ins[1] / lt[1]
print(f"speed-up: {speed:.1f}x (goal >= 20x)   memory: {mem:.3f} of lifetimes' peak (goal <= 0.25)")
print("PASS" if speed >= 20 and mem <= 0.25 else "NOT MET")
PY

say "Stage timings"
python3 - "$OUT/insight_report.json" "$OUT/lifetimes_timings.json" <<'PY'
import json, sys
ins, lt = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print("insight   (ms):", ins["timings_ms"])
print("lifetimes (ms):", lt["timings_ms"])
PY

say "Agreement between the two outputs"
.venv/bin/python bench/compare.py "$OUT/lifetimes_scores.csv" "$OUT/insight_scores.csv" \
  "$OUT/lifetimes_timings.json" "$OUT/insight_report.json"
