#!/usr/bin/env bash
# Risk-service decisions through the real broker: decisions/s and latency p50/p99, with same-run baselines.
# usage: bench/risk/run.sh [signals]   (needs the local broker: deploy/local/kafka.sh start)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
N="${1:-20000}"
JAR=risk-service/target/quarkus-app/quarkus-run.jar
if [[ ! -f "$JAR" ]]; then
  ./mvnw -B -o -pl risk-service package -DskipTests
fi
./mvnw -B -o -pl risk-service test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="risk-service/target/test-classes:risk-service/target/classes:$(cat risk-service/target/bench-classpath.txt)"
exec java -Xmx512m -cp "$CP" io.tradingsuite.risk.bench.DecisionBench "$N" "$JAR"
