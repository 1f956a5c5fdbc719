#!/usr/bin/env bash
# Start/stop/check the local backing services for ticketsim without Docker (README.md, The services).
#
#   scripts/services.sh start  [redis|mysql|kafka|all]   (default: all)
#   scripts/services.sh stop   [kafka]                   (only the broker this script started)
#   scripts/services.sh status                           (exit 1 if any service is down)
#   scripts/services.sh owns kafka                       (prints the broker's pid; exit 1 unless
#                                                         this script started the running broker)
#   scripts/services.sh tool <name> [args…]              (Kafka's own CLI tools, e.g. to inspect a
#                                                         topic a run kept with --keep-topic)
#
# Redis (127.0.0.1:6379) and MariaDB (127.0.0.1:3306) belong to the machine: they are started
# if down, never stopped. Kafka runs as a single-node KRaft broker from Maven Central jars,
# cached outside the work tree in $TICKETSIM_KAFKA_HOME
# (default ~/.cache/ticketsim/kafka-<version>; version: $TICKETSIM_KAFKA_VERSION or the pom's).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"

KAFKA_VERSION="${TICKETSIM_KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM")}"
KAFKA_HOME_DIR="${TICKETSIM_KAFKA_HOME:-$HOME/.cache/ticketsim/kafka-$KAFKA_VERSION}"
KAFKA_LIBS="$KAFKA_HOME_DIR/libs"
KAFKA_DATA="$KAFKA_HOME_DIR/data"
KAFKA_CONF="$KAFKA_HOME_DIR/server.properties"
KAFKA_LOG4J="$KAFKA_HOME_DIR/log4j2.properties"
KAFKA_LOG="$KAFKA_HOME_DIR/kafka.log"
KAFKA_PID="$KAFKA_HOME_DIR/kafka.pid"
KAFKA_MARKER="$KAFKA_LIBS/.complete"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { echo "[services] $*"; }
die() { echo "[services] ERROR: $*" >&2; exit 1; }

# True if something accepts TCP connections on host:port (no nc needed).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# wait_for <seconds> <description> <command...>: poll once a second until the command succeeds.
wait_for() {
  local secs=$1 what=$2; shift 2
  local i
  for ((i = 0; i < secs; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  log "$what did not come up within ${secs}s"
  return 1
}

# ---------------------------------------------------------------- Redis

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

start_redis() {
  if redis_up; then log "redis: already running on 127.0.0.1:6379"; return 0; fi
  log "redis: not answering, starting redis-server"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for 20 redis redis_up || { tail -n 40 /var/log/redis/ci.log >&2 || true; exit 1; }
  log "redis: up on 127.0.0.1:6379"
}

# ---------------------------------------------------------------- MariaDB

mysql_up() {
  local admin
  admin="$(command -v mariadb-admin || command -v mysqladmin)" || return 1
  "$admin" -h127.0.0.1 -uroot --connect-timeout=2 ping >/dev/null 2>&1
}

start_mysql() {
  if mysql_up; then log "mysql: already running on 127.0.0.1:3306"; return 0; fi
  log "mysql: not answering, starting /usr/sbin/mariadbd"
  if [ ! -d /run/mysqld ]; then mkdir -p /run/mysqld; chown mysql:mysql /run/mysqld 2>/dev/null || true; fi
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for 30 mysql mysql_up || exit 1
  log "mysql: up on 127.0.0.1:3306"
}

# ---------------------------------------------------------------- Kafka

# Pid of the broker this script started, if it is still alive (guards against pid reuse).
kafka_pid() {
  local pid
  [ -f "$KAFKA_PID" ] || return 1
  pid="$(cat "$KAFKA_PID")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

kafka_up() { port_open 127.0.0.1 9092; }

kafka_fail() {
  log "kafka: $1; last 40 lines of $KAFKA_LOG:"
  tail -n 40 "$KAFKA_LOG" >&2 || true
  # The broker dumps its whole config while shutting down, which can push the cause out of
  # the tail; repeat the first errors.
  if grep -qE '^\[[^]]*\] (ERROR|FATAL) ' "$KAFKA_LOG" 2>/dev/null; then
    log "kafka: first errors in $KAFKA_LOG:"
    grep -E -A1 --no-group-separator '^\[[^]]*\] (ERROR|FATAL) ' "$KAFKA_LOG" | head -n 6 >&2
  fi
  exit 1
}

fetch_kafka_jars() {
  # The marker records what was fetched; a changed pom or version triggers a fresh fetch.
  local want
  want="$KAFKA_VERSION $(sha256sum "$KAFKA_POM" | cut -d' ' -f1)"
  if [ -f "$KAFKA_MARKER" ] && [ "$(cat "$KAFKA_MARKER")" = "$want" ]; then
    log "kafka: jars cached in $KAFKA_LIBS"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (needed to fetch the Kafka jars)"
  log "kafka: fetching kafka_2.13:$KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS"
  rm -rf "$KAFKA_LIBS.tmp"
  # (sed: Debian's Maven 3.8 prints stray ANSI resets even in batch mode)
  mvn -q -B -f "$KAFKA_POM" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$KAFKA_LIBS.tmp" 2>&1 |
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' || die "kafka: mvn could not fetch the jars (see above)"
  rm -rf "$KAFKA_LIBS"
  mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
  echo "$want" >"$KAFKA_MARKER"
  log "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars fetched"
}

write_kafka_config() {
  cat >"$KAFKA_CONF" <<EOF
# Generated by scripts/services.sh on every start: single-node KRaft broker+controller.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:9093
# PROXIED is for tests that put a proxy of their own before the broker (worker-outage.test.ts): it
# listens on 9094 and tells clients to come back through 9095, where the test's proxy listens, so
# every connection of such a client goes through the proxy (on 9092 they would be sent past it).
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093,PROXIED://127.0.0.1:9094
advertised.listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093,PROXIED://127.0.0.1:9095
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,PROXIED:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$KAFKA_DATA
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
# One partition for consumer offsets: a single-node test broker needs no more, and the first
# consumer group on a fresh cluster then joins in well under a second instead of ~3 s.
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  # Kafka 4 logs via log4j2; without a config it prints errors only. The broker logs at info to
  # stdout (redirected to kafka.log); the storage tool passes warn/SYSTEM_ERR so its stdout stays
  # clean (random-uuid prints the id there).
  cat >"$KAFKA_LOG4J" <<'EOF'
status = warn
appender.console.type = Console
appender.console.name = CONSOLE
appender.console.target = ${sys:ticketsim.log.target:-SYSTEM_OUT}
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = ${sys:ticketsim.log.level:-info}
rootLogger.appenderRef.console.ref = CONSOLE
logger.request.name = kafka.request.logger
logger.request.level = warn
EOF
}

storage_tool() {
  "$JAVA" -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$KAFKA_LOG4J" \
    -Dticketsim.log.level=warn -Dticketsim.log.target=SYSTEM_ERR kafka.tools.StorageTool "$@"
}

format_kafka_storage() {
  if [ -f "$KAFKA_DATA/meta.properties" ]; then return 0; fi
  local uuid
  uuid="$(storage_tool random-uuid | tail -n 1)"
  # The format command accepts any string as cluster id, so check it here.
  [[ "$uuid" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka: StorageTool random-uuid printed '$uuid'"
  log "kafka: formatting storage in $KAFKA_DATA (cluster id $uuid)"
  storage_tool format --standalone -t "$uuid" -c "$KAFKA_CONF" 2>&1 | sed 's/^/[services]   /' ||
    die "kafka: formatting $KAFKA_DATA failed"
}

# Serialise start/stop calls sharing this cache dir (held until the script exits).
lock_kafka() {
  [ -z "${KAFKA_LOCKED:-}" ] || return 0
  KAFKA_LOCKED=1
  mkdir -p "$KAFKA_HOME_DIR"
  exec 9>"$KAFKA_HOME_DIR/.lock"
  flock -w 600 9 || die "kafka: could not lock $KAFKA_HOME_DIR/.lock"
}

start_kafka() {
  local pid="" i
  lock_kafka

  # A broker this script started before it configured the PROXIED listener (9094) is restarted
  # with the current configuration, so the tests that need that listener run.
  if pid="$(kafka_pid)" && kafka_up && ! port_open 127.0.0.1 9094; then
    log "kafka: pid $pid runs an older configuration (no PROXIED listener on 127.0.0.1:9094); restarting it"
    stop_kafka
  fi
  if pid="$(kafka_pid)"; then
    if kafka_up; then log "kafka: already running (pid $pid) on 127.0.0.1:9092"; return 0; fi
    log "kafka: pid $pid alive but 127.0.0.1:9092 not answering yet, waiting"
  elif kafka_up; then
    log "kafka: something not started by this script already listens on 127.0.0.1:9092; treating it as running"
    return 0
  else
    command -v "$JAVA" >/dev/null || die "java not found (set JAVA_HOME or install Java 17)"
    fetch_kafka_jars
    write_kafka_config
    format_kafka_storage
    [ -f "$KAFKA_LOG" ] && mv -f "$KAFKA_LOG" "$KAFKA_LOG.1"
    log "kafka: starting broker $KAFKA_VERSION (log: $KAFKA_LOG)"
    # setsid: the broker outlives this shell and its process group; the inner bash writes
    # its own pid and then execs java, so the pid file names the JVM itself. 9>&-: the broker
    # must not inherit (and so hold forever) the start lock.
    setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$KAFKA_PID" \
      "$JAVA" -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_LOG4J" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF" \
      >"$KAFKA_LOG" 2>&1 </dev/null 9>&- &
    for ((i = 0; i < 10; i++)); do
      pid="$(kafka_pid)" && break
      sleep 0.5
    done
    [ -n "$pid" ] || kafka_fail "broker exited right after start"
  fi

  # The listener accepts TCP a moment before the broker serves requests; "Kafka Server
  # started" marks the end of startup.
  for ((i = 0; i < 90; i++)); do
    if kafka_up && grep -q 'Kafka Server started' "$KAFKA_LOG" 2>/dev/null; then
      log "kafka: up on 127.0.0.1:9092 (pid $pid)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || kafka_fail "broker (pid $pid) died during startup"
    sleep 1
  done
  if kafka_up; then
    log "kafka: 127.0.0.1:9092 answers but the log never said 'Kafka Server started'; assuming up"
    return 0
  fi
  stop_kafka >/dev/null
  kafka_fail "127.0.0.1:9092 not answering after 90s; broker stopped"
}

stop_kafka() {
  local pid i
  lock_kafka
  if ! pid="$(kafka_pid)"; then
    rm -f "$KAFKA_PID"
    log "kafka: no broker started by this script is running"
    return 0
  fi
  log "kafka: stopping broker (pid $pid)"
  kill -TERM "$pid"
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "kafka: still alive after 30s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$KAFKA_PID"
  log "kafka: stopped"
}

# ---------------------------------------------------------------- main

status() {
  local rc=0 pid note
  if redis_up; then log "redis  up    127.0.0.1:6379"; else log "redis  down  127.0.0.1:6379"; rc=1; fi
  if mysql_up; then log "mysql  up    127.0.0.1:3306"; else log "mysql  down  127.0.0.1:3306"; rc=1; fi
  if pid="$(kafka_pid)"; then note=" (pid $pid, $KAFKA_HOME_DIR)"; else note=""; fi
  if kafka_up; then log "kafka  up    127.0.0.1:9092$note"; else log "kafka  down  127.0.0.1:9092$note"; rc=1; fi
  return $rc
}

# ---------------------------------------------------------------- Kafka's own tools

TOOLS_POM="$SCRIPT_DIR/kafka/tools-pom.xml"
TOOLS_LIBS="$KAFKA_HOME_DIR/tools-libs"

# tool <name> [args…]: runs one of Kafka's command-line tools against the local broker's versions.
run_tool() {
  local name="${1:-}" class
  case "$name" in
    consumer-groups) class=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    console-producer) class=org.apache.kafka.tools.ConsoleProducer ;;
    console-consumer) class=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    topics) class=org.apache.kafka.tools.TopicCommand ;;
    get-offsets) class=org.apache.kafka.tools.GetOffsetShell ;;
    *) die "unknown tool '$name' (consumer-groups|console-producer|console-consumer|topics|get-offsets)" ;;
  esac
  shift
  local want
  want="$KAFKA_VERSION $(sha256sum "$TOOLS_POM" | cut -d' ' -f1)"
  if [ ! -f "$TOOLS_LIBS/.complete" ] || [ "$(cat "$TOOLS_LIBS/.complete")" != "$want" ]; then
    command -v mvn >/dev/null || die "mvn not found (needed to fetch Kafka's tools)"
    log "kafka: fetching kafka-tools:$KAFKA_VERSION into $TOOLS_LIBS" >&2
    rm -rf "$TOOLS_LIBS.tmp"
    mvn -q -B -f "$TOOLS_POM" dependency:copy-dependencies \
      -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$TOOLS_LIBS.tmp" 2>&1 |
      sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2 || die "kafka: mvn could not fetch the tools (see above)"
    rm -rf "$TOOLS_LIBS" && mv "$TOOLS_LIBS.tmp" "$TOOLS_LIBS" && echo "$want" >"$TOOLS_LIBS/.complete"
  fi
  exec "$JAVA" -Xmx256m -Dlog4j2.level=warn -cp "$TOOLS_LIBS/*" "$class" "$@"
}

cmd="${1:-}"
what="${2:-all}"
case "$cmd" in
  tool) shift; run_tool "$@" ;;
  start)
    case "$what" in
      redis) start_redis ;;
      mysql) start_mysql ;;
      kafka) start_kafka ;;
      all) start_redis; start_mysql; start_kafka ;;
      *) die "unknown service '$what' (redis|mysql|kafka|all)" ;;
    esac ;;
  stop)
    case "$what" in
      kafka | all) stop_kafka ;;
      redis | mysql) log "$what belongs to the machine; not stopping it" ;;
      *) die "unknown service '$what' (kafka)" ;;
    esac ;;
  status) status ;;
  owns)
    # Only the broker is ever ours; Redis and MariaDB belong to the machine.
    [ "$what" = kafka ] || exit 1
    pid="$(kafka_pid)" && kafka_up && echo "$pid" ;;
  *) echo "usage: $0 start [redis|mysql|kafka|all] | stop [kafka] | status | owns kafka | tool <name> [args…]" >&2; exit 2 ;;
esac
