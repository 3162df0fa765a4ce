#!/usr/bin/env bash
# A single-node Apache Kafka broker (KRaft: broker + controller in one JVM) for local runs and CI,
# from the Apache Kafka artifacts on Maven Central. No Docker.
#
#   deploy/local/kafka.sh start | stop | status | topics
#
# Listens on 127.0.0.1:9092 (clients) and 127.0.0.1:9093 (controller). State under $SUITE_VAR_DIR/kafka
# (default var/kafka): libs/, data/ (formatted once), kafka.pid; log in var/logs/kafka.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VAR="${SUITE_VAR_DIR:-$ROOT/var}"
KDIR="$VAR/kafka"
LIBS="$KDIR/libs"
DATA="$KDIR/data"
PIDFILE="$KDIR/kafka.pid"
LOG="$VAR/logs/kafka.log"
CONF="$KDIR/server.properties"
BOOTSTRAP="127.0.0.1:9092"
# Fixed cluster id: StorageTool's random-uuid prints log lines on stdout, which would pollute $(...).
CLUSTER_ID="VHJhZGluZ1N1aXRlS2Fma2"
PARTITIONS=6
TOPICS_KEYED="market.candles.v1 strategy.signals.v1 risk.decisions.v1 execution.fills.v1"
TOPICS_OTHER="risk.events.v1 registry.artifacts.v1 strategy.hyperopt-trials.v1"

log() { printf '[kafka] %s\n' "$*" >&2; }

java_tool() { # run one Kafka tool class quietly
  java -Xmx256m -XX:+UseSerialGC -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
    -cp "$LIBS/*" "$@"
}

fetch_libs() {
  if [[ -f "$LIBS/.complete" ]]; then return; fi
  log "fetching the Kafka broker jars from Maven Central into $LIBS"
  rm -rf "$LIBS"; mkdir -p "$LIBS"
  "$ROOT/mvnw" -B -ntp -f "$ROOT/deploy/local/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$LIBS" -DincludeScope=runtime >"$KDIR/fetch.log" 2>&1 \
    || { cat "$KDIR/fetch.log" >&2; log "could not fetch the broker jars"; exit 1; }
  touch "$LIBS/.complete"
}

write_config() {
  cat >"$CONF" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:9092
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=8388608
message.max.bytes=2097152
CONF
}

running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid; pid=$(cat "$PIDFILE")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

topic_specs() {
  local t
  for t in $TOPICS_KEYED; do echo "$t:$PARTITIONS"; done
  for t in $TOPICS_OTHER; do echo "$t:1"; done
  for t in $TOPICS_KEYED $TOPICS_OTHER; do echo "$t.dlq:1"; done
}

# Metadata round trip, then the topics (idempotent). Exits non-zero if the broker is not ready in time.
ensure_topics() {
  java_tool "$ROOT/deploy/local/kafka/EnsureTopics.java" "$BOOTSTRAP" "${1:-60}" $(topic_specs)
}

start() {
  if pid=$(running_pid); then log "already running (pid $pid)"; return 0; fi
  if port_open 9092; then log "port 9092 is taken by another process; stop it first"; exit 1; fi
  mkdir -p "$KDIR" "$VAR/logs"
  fetch_libs
  write_config
  if [[ ! -f "$DATA/meta.properties" ]]; then
    log "formatting storage in $DATA"
    java_tool kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$CONF" --ignore-formatted >/dev/null
  fi
  log "starting broker on $BOOTSTRAP (log: $LOG)"
  nohup java -Xms128m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
    -cp "$LIBS/*" kafka.Kafka "$CONF" </dev/null >>"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  if ! ensure_topics 60; then
    running_pid >/dev/null || tail -n 30 "$LOG" >&2
    log "broker not ready"; stop; exit 1
  fi
  log "ready (pid $(cat "$PIDFILE"))"
}

stop() {
  local pid
  if ! pid=$(running_pid); then rm -f "$PIDFILE"; log "not running"; return 0; fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "broker did not stop in 30 s; killing"; kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$PIDFILE"
  log "stopped"
}

status() {
  if pid=$(running_pid); then echo "kafka running pid=$pid bootstrap=$BOOTSTRAP"; else echo "kafka stopped"; return 1; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  topics) ensure_topics 30 ;;
  *) echo "usage: $0 start|stop|status|topics" >&2; exit 2 ;;
esac
