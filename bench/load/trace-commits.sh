#!/usr/bin/env bash
# Where the commits of one run go: starts a server-profile jar on a fresh database errand_trace with
# log_statement=all on its own connections only (the JDBC URL's options), sends three warm-up requests,
# then one POST /api/chat and one signed DingTalk callback, and prints the statements PostgreSQL logged
# for each (BEGIN ... COMMIT per transaction). The poll interval is 60 s so that no timed poll interleaves.
#
#   bench/load/trace-commits.sh <path/to/server/quarkus-run.jar> [postgresql log file]
#
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) logging to a file this user can read
# (default /var/log/postgresql/postgresql-15-main.log), RabbitMQ at 127.0.0.1:5672, python3, openssl.
set -euo pipefail
jar=${1:?usage: $0 <server quarkus-run.jar> [postgresql log file]}
log=${2:-/var/log/postgresql/postgresql-15-main.log}
here=$(cd "$(dirname "$0")" && pwd)
db=errand_trace
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
app_port=$(free_port)
sink_port=$(free_port)
secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
work=$(mktemp -d /tmp/errand-trace-XXXXXX)
psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $db with (force)" -c "create database $db"

python3 -c '
import http.server as h, sys
class H(h.BaseHTTPRequestHandler):
    def do_POST(s):
        s.rfile.read(int(s.headers["Content-Length"])); s.send_response(200); s.end_headers(); s.wfile.write(b"{\"errcode\":0,\"errmsg\":\"ok\"}")
    def log_message(s, *a): pass
h.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()' "$sink_port" &
sink_pid=$!
(cd "$work" && exec env QUARKUS_HTTP_PORT="$app_port" ERRAND_DATA_DIR="$work/data" ERRAND_DINGTALK_APP_SECRET="$secret" \
  ERRAND_DINGTALK_WEBHOOK_HOSTS="localhost:$sink_port" ERRAND_ENGINE_NODE_ID=trace ERRAND_ENGINE_POLL_INTERVAL=60s \
  "ERRAND_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db?options=-c%20log_statement%3Dall" ERRAND_DB_USER=postgres \
  ERRAND_BROKER_PREFIX=errand-trace java -jar "$jar" >"$work/app.log" 2>&1) &
app_pid=$!
trap 'kill $app_pid $sink_pid 2>/dev/null || true' EXIT
for i in $(seq 90); do
  curl -fsS -o /dev/null "http://127.0.0.1:$app_port/q/health/ready" 2>/dev/null && break
  [[ $i == 90 ]] && { echo "trace-commits.sh: the app is not ready; see $work/app.log" >&2; exit 1; }
  sleep 1
done

chat() { curl -sS -o /dev/null "http://127.0.0.1:$app_port/api/chat" -H 'Content-Type: application/json' \
  -d '{"tenant":"acme","user":"trace","text":"/order 8812"}'; }
callback() { ERRAND_URL="http://127.0.0.1:$app_port" ERRAND_DINGTALK_APP_SECRET="$secret" \
  "$here/../../scripts/dingtalk-callback.sh" "/order 8812" "http://localhost:$sink_port/robot/sendBySession?session=$1" \
  >/dev/null 2>&1; }
for i in 1 2 3; do chat; callback "warm-$i"; sleep 1; done
sleep 2
a=$(wc -l <"$log"); chat; sleep 2
b=$(wc -l <"$log"); callback measured; sleep 3
c=$(wc -l <"$log")
statements() { sed -n "$(($1 + 1)),${2}p" "$log" | grep "@$db " | grep -v 'DETAIL:' | sed -E 's/^.* \[([0-9]+)\] [^ ]+ LOG: +/[\1] /' | cut -c1-140; }
echo "=== POST /api/chat: $(statements "$a" "$b" | grep -c 'COMMIT') commits"; statements "$a" "$b"
echo "=== DingTalk callback: $(statements "$b" "$c" | grep -c 'COMMIT') commits"; statements "$b" "$c"
