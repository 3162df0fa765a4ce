#!/usr/bin/env bash
# Paper-mode benchmark of execution-service's engine: decisions -> fills per second and in-service
# latency p50/p99, with a same-run database baseline.
# Usage: bench/execution/run.sh [N] [sqlite|postgres] [offered rate/s] [parts, e.g. 1234]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -o -pl execution-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="execution-service/target/test-classes:execution-service/target/classes:$(cat execution-service/target/bench.classpath)"
cd execution-service
exec java -Xmx512m -cp "${CP//execution-service\//}" io.tradingsuite.execution.bench.PaperBench "${1:-5000}" "${2:-sqlite}" "${3:-5000}" "${4:-1234}" 2>/dev/null
