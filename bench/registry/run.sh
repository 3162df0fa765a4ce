#!/usr/bin/env bash
# Indexing throughput of registry-service: N Freqtrade backtest files into a fresh SQLite registry.
# usage: bench/registry/run.sh [N=10000]   (prints figures; see docs/REGISTRY.md)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
N="${1:-10000}"
CP_FILE=registry-service/target/bench-classpath.txt
./mvnw -B -o -ntp -pl registry-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
java -Xmx512m -XX:+UseSerialGC \
  -cp "registry-service/target/classes:registry-service/target/test-classes:$(cat "$CP_FILE")" \
  io.tradingsuite.registry.bench.IndexBenchmark "$N" registry-service/target/bench-registry
