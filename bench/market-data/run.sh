#!/usr/bin/env bash
# Market-data benchmark: parse 1M candles (vs a Jackson-tree baseline); store them into PostgreSQL
# through COPY, through the JDBC batch and one insert per row (the baseline), all in the same run;
# publish to the real broker (async sends + one flush vs wait-per-candle; the replay worker on a
# producer with the service's settings vs the client's defaults); then the service's own publish
# path, a replay at speed max through the SmallRye emitter (ReplayServiceBench, a @QuarkusTest that
# only runs when asked). Every line prints the load average. Prints figures; not a test.
# Usage: bench/market-data/run.sh [candles] [pg-jdbc-url] [kafka-bootstrap] [stages: parse,store,publish]
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and the broker on 127.0.0.1:9092; a part
# whose dependency is missing is skipped with a note.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CANDLES=${1:-1000000}
PG=${2:-jdbc:postgresql://127.0.0.1:5432/market_data_bench}
KAFKA=${3:-127.0.0.1:9092}
STAGES=${4:-parse,store,publish}
./mvnw -B -o -q -pl market-data-service test-compile -Dspotless.check.skip=true >/dev/null
CP_FILE=market-data-service/target/bench.classpath
./mvnw -B -o -q -pl market-data-service dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
java -Xmx2g -cp "market-data-service/target/test-classes:market-data-service/target/classes:$(cat "$CP_FILE")" \
  io.tradingsuite.marketdata.bench.MarketDataBench "$CANDLES" "$PG" "$KAFKA" "$STAGES" 2>&1 | grep -v -i logmanager
if [[ "$STAGES" == *publish* ]]; then
  ./mvnw -B -o -pl market-data-service test -Dtest=ReplayServiceBench -Dbench.service=true \
    -Dbench.candles="$(( CANDLES < 500000 ? CANDLES : 500000 ))" -Dkafka.bootstrap="$KAFKA" \
    -Dspotless.check.skip=true -Djacoco.skip=true 2>&1 | grep -E '^publish :|BUILD FAILURE' || true
fi
