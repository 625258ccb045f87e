#!/usr/bin/env bash
# Builds the JMH benchmarks, runs them and prints the ratios that are comparable across runs:
#   errandAgentTurn / bareLangChain4jAiServiceTurn,   slashCommandTurn / directConnectorCall   and
#   errandRefundTurn / bareRefundTurn (one per synchronousCommit), with the commits per refund turn
# The refund turn needs PostgreSQL on 127.0.0.1:5432 (database test, user postgres, trust auth).
# Usage: bench/run.sh [extra JMH options, e.g. -i 10 or a benchmark regex]
#   SKIP_BUILD=1 bench/run.sh   reuses bench/target/benchmarks.jar
#   SKIP_RUN=1 bench/run.sh     only prints the ratios of the last run (bench/target/jmh.json, jmh.log)
#   MAVEN_REPO=/path bench/run.sh   builds with -Dmaven.repo.local=/path
set -euo pipefail
cd "$(dirname "$0")/.."
json=bench/target/jmh.json
log=bench/target/jmh.log
repo=()
if [[ -n "${MAVEN_REPO:-}" ]]; then
  repo=(-Dmaven.repo.local="$MAVEN_REPO")
fi

if [[ "${SKIP_RUN:-}" != 1 ]]; then
  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    # offline first (everything is usually in ~/.m2); online if an artifact is missing
    mvn -B -o -q "${repo[@]}" -Pbench package -DskipTests -pl bench -am \
      || mvn -B -q "${repo[@]}" -Pbench package -DskipTests -pl bench -am
  fi
  java -jar bench/target/benchmarks.jar \
    -f 1 -wi 5 -i 5 -w 2s -r 2s -t 1 -bm avgt -tu us \
    -rf json -rff "$json" "$@" 2>&1 | tee "$log"
fi

python3 - "$json" <<'PY'
import json, math, statistics, sys

results = {}
for r in json.load(open(sys.argv[1])):
    m = r["primaryMetric"]
    error = m["scoreError"]
    iterations = [v for fork in m["rawData"] for v in fork]
    name = r["benchmark"].rsplit(".", 1)[1]
    if r.get("params"):
        name += "[" + ",".join(f"{k}={v}" for k, v in sorted(r["params"].items())) + "]"
    results[name] = (
        m["score"], 0.0 if isinstance(error, str) or math.isnan(error) else error,
        statistics.median(iterations), m["scoreUnit"])

def ratio(num, den):
    if num not in results or den not in results:
        print(f"{num} / {den}: not measured in this run")
        return
    (a, ea, ma, unit), (b, eb, mb, _) = results[num], results[den]
    lo = (a - ea) / (b + eb)
    hi = (a + ea) / (b - eb) if b > eb else float("inf")
    print(f"{num} / {den} = {a / b:.2f}"
          f"  (99.9% error bars: {lo:.2f} .. {hi:.2f}; ratio of iteration medians: {ma / mb:.2f})"
          f"\n    {a:.3f} ± {ea:.3f} {unit}  vs  {b:.3f} ± {eb:.3f} {unit}")

print()
print("Ratios (compare these across runs, not the absolute times):")
ratio("errandAgentTurn", "bareLangChain4jAiServiceTurn")
ratio("slashCommandTurn", "directConnectorCall")
refund = sorted(n for n in results if n.startswith("errandRefundTurn"))
for name in refund or ["errandRefundTurn"]:
    ratio(name, "bareRefundTurn")
PY

if [[ -f "$log" ]] && grep -q '^\[commits\] bench=' "$log"; then
  echo
  echo "Commits per refund turn (counted after each trial, outside the measurement):"
  grep '^\[commits\] bench=' "$log" | sed 's/^\[commits\] /    /'
fi
