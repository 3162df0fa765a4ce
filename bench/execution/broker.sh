#!/usr/bin/env bash
# Execution-service decisions -> fills through the real broker: the packaged service (paper mode, SQLite),
# decisions/s, in-service latency p50/p99 and CPU per decision, with a same-run broker baseline.
# usage: bench/execution/broker.sh [decisions] [quarkus-run.jar]   (needs the local broker: deploy/local/kafka.sh start)
# EXECUTION_BENCH_TRACING=on keeps OpenTelemetry on in the service; EXECUTION_BENCH_SERVICE_JVM_OPTS adds JVM options.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
N="${1:-20000}"
JAR="${2:-execution-service/target/quarkus-app/quarkus-run.jar}"
if [[ ! -f "$JAR" ]]; then
  ./mvnw -B -o -pl execution-service package -DskipTests
fi
./mvnw -B -o -pl execution-service test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="execution-service/target/test-classes:execution-service/target/classes:$(cat execution-service/target/bench.classpath)"
exec java -Xmx512m -cp "$CP" io.tradingsuite.execution.bench.BrokerBench "$N" "$JAR"
