#!/usr/bin/env bash
# Market-data benchmark: parse 1M candles (vs a Jackson-tree baseline), store them into PostgreSQL
# (JDBC batch vs one insert per row), publish to the real broker (pipelined vs wait-per-candle).
# Prints figures; not a test. Usage: bench/market-data/run.sh [candles] [pg-jdbc-url] [kafka-bootstrap]
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and the broker on 127.0.0.1:9092; a part
# whose dependency is missing is skipped with a note.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
./mvnw -B -o -pl market-data-service test-compile >/dev/null
CP_FILE=market-data-service/target/bench.classpath
./mvnw -B -o -pl market-data-service dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xmx2g -cp "market-data-service/target/test-classes:market-data-service/target/classes:$(cat "$CP_FILE")" \
  io.tradingsuite.marketdata.bench.MarketDataBench "$@"
