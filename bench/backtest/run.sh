#!/usr/bin/env bash
# Backtest throughput (issue 4 item 7): the suite's engine vs ta4j's BarSeriesManager vs a bare double[] loop,
# then 20 pairs with max_open_trades 5. Prints wall and CPU figures with the load average; asserts nothing.
#   bench/backtest/run.sh                         # 1,000,000 1m candles
#   BENCH_OPTS="-Dbench.candles=200000" bench/backtest/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
MVN="./mvnw -B -o"
$MVN -pl strategy-service test-compile -DskipTests >/dev/null
CP_FILE=strategy-service/target/bench-classpath.txt
$MVN -pl strategy-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CP_FILE" >/dev/null
CP="strategy-service/target/test-classes:strategy-service/target/classes:$(cat "$CP_FILE")"
exec java -Xms1g -Xmx3g -XX:+UseParallelGC ${BENCH_OPTS:-} -cp "$CP" io.tradingsuite.strategy.bench.BacktestBench
