#!/usr/bin/env bash
# Load test of a packaged Errand: starts the app in a fresh temporary working directory, drives it
# with bench/load/LoadTest.java (signed DingTalk callbacks, a local session-webhook sink), stops it
# and prints the report. Builds nothing: build the jar first (see bench/load/README.md).
#
#   bench/load/run.sh <path/to/quarkus-run.jar> <embedded|server> [LoadTest options...]
#
# e.g. bench/load/run.sh workplace-bot/target/quarkus-app/quarkus-run.jar embedded --sink-delay-ms 40
#
# server: PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) and RabbitMQ at 127.0.0.1:5672
# (guest/guest) must be up (.ci/run starts both). The database errand_bench is dropped and created
# again on every run; queues are named errand-bench.*; commits per run are measured first.
set -euo pipefail

jar=${1:?usage: $0 <quarkus-run.jar> <embedded|server> [LoadTest options...]}
profile=${2:?usage: $0 <quarkus-run.jar> <embedded|server> [LoadTest options...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
[[ -f $jar ]] || { echo "run.sh: no jar at $jar" >&2; exit 2; }
case $profile in embedded|server) ;; *) echo "run.sh: profile must be embedded or server" >&2; exit 2 ;; esac

db=errand_bench
pg=(psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -qtA)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
app_port=$(free_port)
sink_port=$(free_port)
secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
work=$(mktemp -d /tmp/errand-load-XXXXXX)

env_vars=(
  QUARKUS_HTTP_PORT="$app_port"
  ERRAND_DATA_DIR="$work/data"
  ERRAND_DINGTALK_APP_SECRET="$secret"
  # the app posts replies only to allowed hosts; the sink is one
  ERRAND_DINGTALK_WEBHOOK_HOSTS="localhost:$sink_port"
)
load_opts=(--app "http://127.0.0.1:$app_port" --secret "$secret" --sink-port "$sink_port" --profile "$profile")

if [[ $profile == server ]]; then
  # a database of its own, fresh every run, so commit counters and run tables hold only this run's work
  "${pg[@]}" -c "drop database if exists $db with (force)" -c "create database $db" >/dev/null
  # a durable queue left by an aborted run would feed its run ids to the new app: start from none
  if command -v rabbitmqctl >/dev/null; then
    rabbitmqctl -q delete_queue errand-bench.chat-inbound >/dev/null 2>&1 || true
  fi
  env_vars+=(
    ERRAND_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
    ERRAND_DB_USER=postgres
    ERRAND_BROKER_PREFIX=errand-bench
  )
  # no QUARKUS_PROFILE: a jar built with -Dquarkus.profile=server starts in that profile
  load_opts+=(--pg-db "$db")
fi

echo "run.sh: $profile app from $jar on port $app_port, sink on $sink_port, working directory $work"
(cd "$work" && exec env "${env_vars[@]}" java -jar "$jar" >"$work/app.log" 2>&1) &
app_pid=$!

stop_app() {
  if kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid"
    # a graceful stop may wait for queued work; give it 30 s, then kill
    for _ in $(seq 30); do kill -0 "$app_pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$app_pid" 2>/dev/null && kill -9 "$app_pid"
  fi
  wait "$app_pid" 2>/dev/null || true
}
trap stop_app EXIT

for i in $(seq 90); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$app_port/q/health/ready" 2>/dev/null; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then echo "run.sh: the app exited; see $work/app.log" >&2; tail -20 "$work/app.log" >&2; exit 1; fi
  [[ $i == 90 ]] && { echo "run.sh: the app is not ready after 90 s; see $work/app.log" >&2; exit 1; }
  sleep 1
done

status=0
# /api/chat acts as the employee of an API key: the demo policy's admin, whose key the app generated
export ERRAND_LOAD_API_KEY="$(cat "$work/data/api-key")"
java "$here/LoadTest.java" "${load_opts[@]}" "$@" | tee "$work/report.txt" || status=$?
stop_app
trap - EXIT

# what the app stored, read after it stopped (H2 allows one process at a time): runs still PENDING were
# acknowledged but not processed when the app stopped; messages still PENDING were not delivered
echo
echo "stored runs by status, and messages by delivery:"
queries=("select status, count(*) as runs from wf_run group by status order by status"
  "select delivery_status, count(*) as messages from chat_message group by delivery_status order by delivery_status")
for query in "${queries[@]}"; do
  if [[ $profile == server ]]; then
    "${pg[@]}" -d "$db" -F ' ' -c "$query" | sed 's/^/  /' || echo "  (could not read them)"
  else
    h2=$(ls "$(dirname "$jar")"/lib/main/com.h2database.h2-*.jar | head -n1)
    java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$work/data/errand;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
      -user errand -password "" -sql "$query" | grep -v '^(' | sed 's/^/  /' || echo "  (could not read them)"
  fi
done
echo "app log: $work/app.log ($(grep -c ' ERROR ' "$work/app.log" || true) ERROR lines, $(grep -c ' WARN ' "$work/app.log" || true) WARN lines)"
grep -m1 ' ERROR ' "$work/app.log" || true
exit "$status"
