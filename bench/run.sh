#!/usr/bin/env bash
# Builds the JMH benchmarks, runs them and prints the two ratios that are comparable across runs:
#   errandAgentTurn / bareLangChain4jAiServiceTurn   and   slashCommandTurn / directConnectorCall
# Usage: bench/run.sh [extra JMH options, e.g. -i 10 or a benchmark regex]
#   SKIP_BUILD=1 bench/run.sh   reuses bench/target/benchmarks.jar
#   SKIP_RUN=1 bench/run.sh     only prints the ratios of the last run (bench/target/jmh.json)
set -euo pipefail
cd "$(dirname "$0")/.."
json=bench/target/jmh.json

if [[ "${SKIP_RUN:-}" != 1 ]]; then
  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    # offline first (everything is usually in ~/.m2); online if an artifact is missing
    mvn -B -o -q -Pbench package -DskipTests -pl bench -am \
      || mvn -B -q -Pbench package -DskipTests -pl bench -am
  fi
  java -jar bench/target/benchmarks.jar \
    -f 1 -wi 5 -i 5 -w 2s -r 2s -t 1 -bm avgt -tu us \
    -rf json -rff "$json" "$@"
fi

python3 - "$json" <<'PY'
import json, math, statistics, sys

results = {}
for r in json.load(open(sys.argv[1])):
    m = r["primaryMetric"]
    error = m["scoreError"]
    iterations = [v for fork in m["rawData"] for v in fork]
    results[r["benchmark"].rsplit(".", 1)[1]] = (
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
PY
