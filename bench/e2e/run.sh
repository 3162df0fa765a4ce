#!/usr/bin/env bash
# Load harness (issue 10 item 5): market-data, strategy, risk and execution as their own processes on
# the local broker; candles/s into strategy-service, candle -> fill latency p50/p99/p999, memory per
# service, each with a same-run baseline (the broker alone).
# usage: bench/e2e/run.sh [--short | PAIRS CANDLES_PER_PAIR RATE SECONDS]   (default 120 500 500 60)
# needs the local broker (deploy/local/kafka.sh start) and the packaged services (built if missing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
services=(market-data-service strategy-service risk-service execution-service)
for s in "${services[@]}"; do
  if [[ ! -f "$s/target/quarkus-app/quarkus-run.jar" ]]; then
    ./mvnw -B -o -ntp -q -DskipTests -Djacoco.skip=true install \
      -pl "$(IFS=,; echo "${services[*]}")" -am
    break
  fi
done
./mvnw -B -o -ntp -q -pl e2e-tests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cd e2e-tests
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/test-classes:$(cat target/bench-classpath.txt)" \
  io.tradingsuite.e2e.load.LoadBench "$@"
