#!/usr/bin/env bash
# Scale-out end to end, on loopback with Debian's own processes: MariaDB (mariadbd), a single
# redis-server and a Redis Cluster of 3 masters + 3 replicas, three Footfall servers and nginx
# balancing them round-robin. Load goes through nginx with a hot pool of visitors (the old embed's
# format: pageviews of VISITORS users over 4 sites), so each visitor's events land on all three
# servers within milliseconds of each other.
#   1. cost: the same load against single Redis, then against the Cluster (fresh database each),
#      measuring acknowledged and drained rates and CPU per event of the servers and of Redis;
#   2. kill -9: on the Cluster, one server is killed mid-run and started again on its spool;
#   3. failover: a Redis master is killed mid-run and its replica takes over.
# Asserts exact totals (stored == acknowledged, extra rows only within unacknowledged requests),
# one visit per visitor, rollups equal to raw rows and no duplicate dimension rows after phase 2;
# states what the failover window did. Needs redis-server, redis-tools, nginx-light and
# mariadb-server (`.ci/install-packages.sh --scale` installs them). Ports 17100-17290.
# usage: scale-out.sh [SECONDS=30] [CONNS=48] [VISITORS=300]   (builds the jars when missing)
set -u
SECONDS_RUN=${1:-30}; CONNS=${2:-48}; VISITORS=${3:-300}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
D=${SCALE_DIR:-/tmp/ff-scale-out}
SERVER_JAR=$ROOT/server/target/footfall-server.jar
LOAD_JAR=$ROOT/load-generator/target/footfall-load.jar
DB_PORT=17200; LB_PORT=17280; SINGLE_PORT=17100; CLUSTER_PORTS="17101 17102 17103 17104 17105 17106"
FAILED=0
declare -A SERVER_PID REDIS_PID

if [ ! -f "$SERVER_JAR" ] || [ ! -f "$LOAD_JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl server,load-generator -am -Dconsole.aot.skip=true) || exit 1
fi
for tool in mariadbd mariadb-install-db redis-server redis-cli nginx; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run .ci/install-packages.sh --scale"; exit 1; }
done

cleanup() {
  for pid in "${SERVER_PID[@]}" "${REDIS_PID[@]}" ${NGINX_PID:-} ${DB_PID:-}; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "check: $1: $3 PASS"; else echo "check: $1: expected $2, got $3 FAIL"; FAILED=1; fi
}
sql() { mariadb --socket="$D/db.sock" -uroot -N "$DB" -e "$1"; }
metric() { curl -s -m 2 "127.0.0.1:$1/metrics" | awk -v n="$2" '$1 == n {s += $2} END {printf "%d", s}'; }
ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }

rm -rf "$D"; mkdir -p "$D/nginx/logs"; cd "$D" || exit 1

# MariaDB: Debian's server on its own data folder, root over the socket, footfall over TCP.
mariadb-install-db --no-defaults --user=root --datadir="$D/db" --auth-root-authentication-method=normal --skip-test-db > db-install.log 2>&1
mariadbd --no-defaults --user=root --datadir="$D/db" --socket="$D/db.sock" --port=$DB_PORT --bind-address=127.0.0.1 \
  --innodb-buffer-pool-size=256M --max-connections=400 --skip-log-bin > db.log 2>&1 &
DB_PID=$!
for _ in $(seq 1 60); do mariadb-admin --socket="$D/db.sock" -uroot ping >/dev/null 2>&1 && break; sleep 0.5; done
mariadb --socket="$D/db.sock" -uroot -e "CREATE USER footfall@'127.0.0.1' IDENTIFIED BY 'footfall'; GRANT ALL ON *.* TO footfall@'127.0.0.1';"

# Redis: one server, and a cluster of 3 masters + 3 replicas (2 s node timeout: a dead master is
# replaced in a few seconds).
redis_start() { # redis_start PORT [cluster args]
  mkdir -p "$D/redis-$1"
  # Above the rest of the run in CPU priority, as on a machine of its own (2 shared cores here).
  nice -n -10 redis-server --port "$1" --bind 127.0.0.1 --dir "$D/redis-$1" --save '' --appendonly no "${@:2}" > "$D/redis-$1/log" 2>&1 &
  REDIS_PID[$1]=$!
}
redis_start $SINGLE_PORT
for p in $CLUSTER_PORTS; do redis_start "$p" --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000; done
sleep 1
redis-cli --cluster create $(for p in $CLUSTER_PORTS; do printf '127.0.0.1:%s ' "$p"; done) --cluster-replicas 1 --cluster-yes > cluster-create.log 2>&1
for _ in $(seq 1 60); do redis-cli -p 17101 cluster info | grep -q 'cluster_state:ok' && break; sleep 0.5; done
echo "redis: cluster $(redis-cli -p 17101 cluster info | grep -E 'cluster_state|cluster_known_nodes' | tr -d '\r' | tr '\n' ' ')"

cat > nginx/nginx.conf <<EOF
worker_processes 1;
daemon off;
pid $D/nginx/nginx.pid;
error_log $D/nginx/logs/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path $D/nginx/body; proxy_temp_path $D/nginx/proxy;
  fastcgi_temp_path $D/nginx/fastcgi; uwsgi_temp_path $D/nginx/uwsgi; scgi_temp_path $D/nginx/scgi;
  upstream footfall {
    server 127.0.0.1:17281 max_fails=1 fail_timeout=2s;
    server 127.0.0.1:17282 max_fails=1 fail_timeout=2s;
    server 127.0.0.1:17283 max_fails=1 fail_timeout=2s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://footfall;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
    }
  }
}
EOF
nginx -p "$D/nginx" -c "$D/nginx/nginx.conf" &
NGINX_PID=$!

server_start() { # server_start N REDIS_URL
  local port=$((17280 + $1))
  env -i PATH="$PATH" HOME="$HOME" PORT=$port MYSQL_URL="jdbc:mysql://127.0.0.1:$DB_PORT/$DB" MYSQL_USER=footfall MYSQL_PASSWORD=footfall \
    REDIS_URL="$2" FOOTFALL_DATA_DIR="$D/$DB/data-$1" FOOTFALL_SPOOL_DIR="$D/$DB/spool-$1" FOOTFALL_AUTO_SITES=true \
    FOOTFALL_RATE_LIMIT=0 FOOTFALL_TRUSTED_PROXIES=127.0.0.1/32,::1 FOOTFALL_ADMIN_TOKEN=scale-token \
    "$J" -Xmx384m -XX:+UseSerialGC -jar "$SERVER_JAR" >> "$D/$DB/server-$1.log" 2>&1 &
  SERVER_PID[$1]=$!
}
await_health() { for _ in $(seq 1 240); do curl -sf "127.0.0.1:$((17280 + $1))/health" >/dev/null && return 0; sleep 0.5; done; echo "server $1 did not start"; return 1; }
servers_up() { # servers_up DATABASE REDIS_URL: a fresh database, server 1 migrates it, then 2 and 3
  DB=$1; mkdir -p "$D/$DB"
  mariadb --socket="$D/db.sock" -uroot -e "CREATE DATABASE $DB"
  server_start 1 "$2"; await_health 1 || exit 1
  server_start 2 "$2"; server_start 3 "$2"; await_health 2 || exit 1; await_health 3 || exit 1
}
drained() { # every server's spool empty and the rollup log folded (a stats read folds it)
  for _ in $(seq 1 240); do
    [ "$(for n in 1 2 3; do metric $((17280 + n)) footfall_spool_depth; done | tr -d '\n')" = 000 ] && break; sleep 0.5
  done
  for n in 1 2 3; do curl -s -m 30 -H 'Authorization: Bearer scale-token' \
    "127.0.0.1:$((17280 + n))/api/v1/stats/aggregate?site_id=site1.example&period=day&metrics=pageviews" > /dev/null; done
}
servers_down() { for n in 1 2 3; do kill "${SERVER_PID[$n]}" 2>/dev/null; done; for n in 1 2 3; do wait "${SERVER_PID[$n]}" 2>/dev/null; done; }
bench() { # bench TAG SECONDS: closed-loop load through nginx; bench-TAG.log
  "$J" -jar "$LOAD_JAR" bench ingest --server "http://127.0.0.1:$LB_PORT" --format session --sites 4 --visitors "$VISITORS" \
    --connections "$CONNS" --warmup 2s --duration "${2}s" --quiet \
    --verify-jdbc "jdbc:mysql://127.0.0.1:$DB_PORT/$DB" --db-user footfall --db-password footfall > "$D/bench-$1.log" 2>&1
}
bench_line() { grep -E "$2" "$D/bench-$1.log" | tail -1 | sed 's/^ *//'; }

# 1. The cost of the Cluster: the same load, single Redis against the Cluster.
COST=""
for topology in single cluster; do
  if [ "$topology" = single ]; then URL="redis://127.0.0.1:$SINGLE_PORT"; RP="${REDIS_PID[$SINGLE_PORT]}"
  else URL="redis-cluster://127.0.0.1:17101,127.0.0.1:17102,127.0.0.1:17103"; RP=$(for p in $CLUSTER_PORTS; do printf '%s ' "${REDIS_PID[$p]}"; done); fi
  servers_up "ff_$topology" "$URL"
  S0=$(ticks "${SERVER_PID[@]}"); R0=$(ticks $RP); E0=$(sql "SELECT COUNT(*) FROM events")
  bench "cost-$topology" "$SECONDS_RUN"
  S1=$(ticks "${SERVER_PID[@]}"); R1=$(ticks $RP); E1=$(sql "SELECT COUNT(*) FROM events")
  N=$((E1 - E0))
  COST+="$(printf '%-8s %s | %s | stored %d | servers %.2f ms CPU/event | redis %.3f ms CPU/event' "$topology" \
    "$(bench_line "cost-$topology" 'throughput' | sed 's/throughput *//')" "$(bench_line "cost-$topology" 'database sustained' | sed 's/.*sustained //')" \
    "$N" "$(awk -v t=$((S1 - S0)) -v n="$N" 'BEGIN {print t * 10 / n}')" "$(awk -v t=$((R1 - R0)) -v n="$N" 'BEGIN {print t * 10 / n}')")"$'\n'
  echo "cost: $topology: $(bench_line "cost-$topology" 'count check')"
  grep -q 'count check PASS' "$D/bench-cost-$topology.log" || FAILED=1
  [ "$topology" = single ] && servers_down
done
printf 'cost (acknowledged through nginx | drained into MariaDB | rows | CPU):\n%s' "$COST"

# 2. kill -9 of one server mid-run, on the Cluster (the cost run's servers and database go on).
bench kill "$SECONDS_RUN" &
BP=$!
sleep $((SECONDS_RUN / 3))
echo "kill: kill -9 server 2 (pid ${SERVER_PID[2]}) at $(date +%T), its spool holds $(metric 17282 footfall_spool_depth) events"
kill -9 "${SERVER_PID[2]}"; wait "${SERVER_PID[2]}" 2>/dev/null
# Started again at once, as a supervisor would, on the same spool; it drains what it acknowledged.
server_start 2 "$URL"; await_health 2 && echo "kill: server 2 back on its spool at $(date +%T)"
wait $BP
drained
echo "kill: $(bench_line kill 'requests ')"
# The bench's own check may run before server 2 is back; this one runs once every spool is empty.
BEFORE=$(grep -o 'events [0-9]* →' "$D/bench-kill.log" | grep -o '[0-9]*')
ACKED=$(bench_line kill 'count check' | grep -o 'acknowledged [0-9]*' | grep -o '[0-9]*')
UNACKED=$(grep -o 'failed [0-9]*' "$D/bench-kill.log" | awk '{s += $2} END {print s + 0}')
STORED=$(( $(sql "SELECT COUNT(*) FROM events") - BEFORE ))
echo "kill: acknowledged $ACKED, stored $STORED, unacknowledged requests (502 from nginx while server 2 died, may have been spooled) $UNACKED"
check "acknowledged events lost" 0 "$(( ACKED > STORED ? ACKED - STORED : 0 ))"
check "stored beyond acknowledged within the unacknowledged requests" yes "$([ $((STORED - ACKED)) -le "$UNACKED" ] && echo yes || echo no)"
SPLIT="SELECT COUNT(*) FROM (SELECT site_id, visitor_id FROM visits GROUP BY site_id, visitor_id HAVING COUNT(*) > 1) s"
check "visitors with more than one visit (all within the 30 min idle window)" 0 "$(sql "$SPLIT")"
check "rollup pageviews = raw pageviews" "$(sql "SELECT COUNT(*) FROM events WHERE kind = 1")" "$(sql "SELECT SUM(pageviews) FROM rollup_daily WHERE dim = 0")"
check "rollup events = raw events" "$(sql "SELECT COUNT(*) FROM events")" "$(sql "SELECT SUM(events) FROM rollup_daily WHERE dim = 0")"
check "rollup visits = visit rows" "$(sql "SELECT COUNT(*) FROM visits")" "$(sql "SELECT SUM(visits) FROM rollup_daily WHERE dim = 0")"
check "rollup visit pageviews = visit rows' pageviews" "$(sql "SELECT SUM(pageviews) FROM visits")" "$(sql "SELECT SUM(visit_pageviews) FROM rollup_daily WHERE dim = 0")"
check "rollup visitors = distinct visitors per site and day" \
  "$(sql "SELECT COUNT(*) FROM (SELECT DISTINCT e.site_id, e.visitor_id, r.bucket_day FROM events e JOIN (SELECT DISTINCT site_id, bucket_day FROM rollup_daily WHERE dim = 0) r ON r.site_id = e.site_id AND r.bucket_day = FLOOR(e.ts / 86400000)) d")" \
  "$(sql "SELECT SUM(visitors) FROM rollup_daily WHERE dim = 0")"
DUPS=0
for t in $(sql "SELECT table_name FROM information_schema.tables WHERE table_schema = '$DB' AND table_name LIKE 'dim\\_%'"); do
  DUPS=$((DUPS + $(sql "SELECT COUNT(*) FROM (SELECT value FROM $t GROUP BY value HAVING COUNT(*) > 1) d")))
done
check "duplicate dimension rows" 0 "$DUPS"
echo "kill: lock waits $(for n in 1 2 3; do metric $((17280 + n)) footfall_visitor_lock_waits_total; printf ' '; done)(servers 1 2 3; server 2 counts since its restart)"

# 3. Redis master failover mid-run: kill -9 the master on 17101, its replica takes over.
SPLIT0=$(sql "$SPLIT"); VISITS0=$(sql "SELECT COUNT(*) FROM visits")
bench failover "$SECONDS_RUN" &
BP=$!
sleep $((SECONDS_RUN / 3))
T0=$(date +%s%N)
echo "failover: kill -9 Redis master 127.0.0.1:17101 at $(date +%T.%3N)"
kill -9 "${REDIS_PID[17101]}"
PROMOTED=""; DOWN_SEEN=""; UP_AGAIN=""; PEAK=0
for _ in $(seq 1 200); do
  sleep 0.1
  DEPTH=$(( $(metric 17281 footfall_spool_depth) + $(metric 17282 footfall_spool_depth) + $(metric 17283 footfall_spool_depth) ))
  [ "$DEPTH" -gt "$PEAK" ] && PEAK=$DEPTH
  STATE=$(redis-cli -p 17102 cluster info 2>/dev/null | grep -o 'cluster_state:[a-z]*' | cut -d: -f2)
  [ -z "$PROMOTED" ] && [ "$STATE" = ok ] && redis-cli -p 17102 cluster nodes | grep -v 17101 | grep -c master | grep -q 3 \
    && PROMOTED=$(( ($(date +%s%N) - T0) / 1000000 ))
  UP=$(for n in 1 2 3; do metric $((17280 + n)) footfall_redis_up; done | tr -d '\n')
  [ -z "$DOWN_SEEN" ] && [ "$UP" != 111 ] && DOWN_SEEN=$(( ($(date +%s%N) - T0) / 1000000 ))
  [ -n "$PROMOTED" ] && [ -n "$DOWN_SEEN" ] && [ "$UP" = 111 ] && { UP_AGAIN=$(( ($(date +%s%N) - T0) / 1000000 )); break; }
  [ -n "$PROMOTED" ] && [ -z "$DOWN_SEEN" ] && [ $(( ($(date +%s%N) - T0) / 1000000 )) -gt 15000 ] && break
done
wait $BP
drained
echo "failover: replica promoted and cluster ok ${PROMOTED:-never} ms after the kill; servers saw Redis down after ${DOWN_SEEN:-never} ms, all back on Redis ${UP_AGAIN:-n/a} ms after the kill; undrained events peaked at $PEAK (acknowledged, waiting in the spools)"
echo "failover: $(bench_line failover 'requests ')"
echo "failover: $(bench_line failover 'count check')"
grep -q 'count check PASS' "$D/bench-failover.log" || FAILED=1
echo "failover: visitors with a second visit opened during the window $(( $(sql "$SPLIT") - SPLIT0 )) of $(sql "SELECT COUNT(DISTINCT site_id, visitor_id) FROM visits"); new visit rows $(( $(sql "SELECT COUNT(*) FROM visits") - VISITS0 ))"
echo "failover: rollup pageviews $(sql "SELECT SUM(pageviews) FROM rollup_daily WHERE dim = 0") / raw $(sql "SELECT COUNT(*) FROM events WHERE kind = 1"); rollup visits $(sql "SELECT SUM(visits) FROM rollup_daily WHERE dim = 0") / visit rows $(sql "SELECT COUNT(*) FROM visits")"
[ "$(sql "SELECT SUM(pageviews) FROM rollup_daily WHERE dim = 0")" = "$(sql "SELECT COUNT(*) FROM events WHERE kind = 1")" ] || FAILED=1
[ -n "$PROMOTED" ] || FAILED=1
servers_down
[ "$FAILED" = 0 ] && echo "PASS" || { echo "FAIL"; exit 1; }
