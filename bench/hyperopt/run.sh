#!/usr/bin/env bash
# Hyperopt benchmark: MaCrossoverStrategy, one pair, one year of 5m candles (generated deterministically).
# Prints epochs/s of the hyperopt path on all cores (after three untimed warm-up searches; wall clock and per
# CPU-second) vs the same epochs one by one through the plain backtest path, and TPE vs random search (best loss
# after N epochs, same seeds), with the load average. Not a test: figures only.
#   BENCH_OPTS="-Dbench.warmup-runs=1" bench/hyperopt/run.sh   # shorter warm-up
#   bench/hyperopt/run.sh [epochs=500] [seeds=3] [quality-epochs=100]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
log="$(mktemp)"
./mvnw -B -o -pl strategy-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >"$log" 2>&1 \
  || { cat "$log"; exit 1; }
rm -f "$log"
cp="strategy-service/target/classes:strategy-service/target/test-classes:$(cat strategy-service/target/bench-classpath.txt)"
exec java -Xmx1g ${BENCH_OPTS:-} -cp "$cp" io.tradingsuite.strategy.hyperopt.bench.HyperoptBench "${1:-500}" "${2:-3}" "${3:-100}"
