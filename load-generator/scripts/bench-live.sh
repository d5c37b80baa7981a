#!/usr/bin/env bash
# Live HTTP ingest of one build on a fresh embedded data folder (default writer lanes, rate limit
# off, X-Forwarded-For trusted from loopback): RUNS runs of CONNS connections (default 256),
# WARMUP (default 60 s, so the JIT compiler is done) + 15 s, each checking stored == acknowledged through JDBC once the server has
# drained. Per run it also prints the server's CPU time from /proc over warm-up + run + drain,
# per stored event, and the server's peak RSS. EXTRA is passed to `bench ingest` (e.g.
# "--visitors 4000" for deep visits). BENCHMARKS.md has results.
# It also prints the CPU of the embedded MariaDB and Redis (the server's child processes).
# The server starts as the README starts it, through its launcher (APP/server/footfall-server, a
# copy of server/bin/footfall-server: bounded memory) when APP has one, else with java -jar.
# SERVER_JAVA_OPTS replaces the launcher's JVM flags (e.g. "-Xmx256m"; " " for the JVM's defaults), SERVER_ENV adds variables to the server's environment (e.g. SERVER_ENV="FOOTFALL_SPOOL_GROUP_COMMIT_US=2000").
# GOALS=0 or GOALS=10 (issue 13's ingest cost): the server gets an admin token, the 8 sites of `bench ingest`
# are created before the load, and with GOALS=10 each gets 10 goals (page patterns, custom events, a scroll
# depth) and 2 funnels, so runs with and without goals differ only in them.
# usage: bench-live.sh APP TAG RUNS [CONNS] [EXTRA]   (APP holds server/footfall-server.jar and load/footfall-load.jar)
set -u
SERVER_ENV=${SERVER_ENV:-}
WARMUP=${WARMUP:-60s}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
GOALS=${GOALS:-}
ADMIN=bench-live-admin
if [ -n "$GOALS" ]; then SERVER_ENV="$SERVER_ENV FOOTFALL_ADMIN_TOKEN=$ADMIN"; fi
APP=$1; TAG=$2; RUNS=$3; CONNS=${4:-256}; EXTRA=${5:-}
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
D=/root/ff-live-$TAG
rm -rf "$D"; mkdir -p "$D"; cd "$D"
if [ -x "$APP/server/footfall-server" ]; then
  START=(env JAVA_HOME="$(dirname "$(dirname "$J")")")
  [ -n "$SERVER_JAVA_OPTS" ] && START+=("FOOTFALL_JAVA_OPTS=$SERVER_JAVA_OPTS")
  START+=("$APP/server/footfall-server")
else
  # shellcheck disable=SC2206
  START=("$J" $SERVER_JAVA_OPTS -jar "$APP/server/footfall-server.jar")
fi
env $SERVER_ENV FOOTFALL_DATA_DIR=$D/data PORT=18180 FOOTFALL_RATE_LIMIT=0 FOOTFALL_TRUSTED_PROXIES=127.0.0.1/32,::1 \
  "${START[@]}" > server.log 2>&1 &
SP=$!
for _ in $(seq 1 180); do curl -sf localhost:18180/health >/dev/null && break; sleep 1; done
# CPU ticks of the embedded MariaDB and Redis (the server's child processes), summed.
children_ticks() {
  local t=0 c
  for c in $(pgrep -P "$SP"); do t=$((t + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}
# The sites of `bench ingest --sites 8`, and with GOALS=10 their goals and funnels, through the admin API.
admin() { curl -sf -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "$2" "localhost:18180$1"; }
if [ -n "$GOALS" ]; then
  made=0
  for i in $(seq 1 8); do
    s=site$i.example
    admin /api/v1/sites "{\"domain\":\"$s\",\"timezone\":\"Europe/Berlin\"}" > /dev/null
    if [ "$GOALS" -gt 0 ]; then
      for g in '"page_path":"/"' '"page_path":"/products/**"' '"page_path":"/posts/*|/blog/**"' '"page_path":"/checkout"' \
               '"page_path":"/pricing|/signup"' '"event_name":"Purchase"' '"event_name":"Add to Cart","custom_props":{"product":"trail-shoes"}' \
               '"event_name":"Signup"' '"event_name":"Newsletter Signup"' '"goal_type":"scroll","page_path":"/**","scroll_threshold":75'; do
        [ "$(admin /api/v1/sites/$s/goals "{$g}")" = 201 ] && made=$((made + 1))
      done
      mapfile -t ids < <(curl -s -H "Authorization: Bearer $ADMIN" "localhost:18180/api/v1/sites/$s/goals" | grep -o '"id":[0-9]*' | cut -d: -f2)
      admin /api/v1/sites/$s/funnels "{\"name\":\"Checkout\",\"steps\":[${ids[0]},${ids[1]},${ids[3]},${ids[5]}]}" > /dev/null
      admin /api/v1/sites/$s/funnels "{\"name\":\"Signup\",\"steps\":[${ids[0]},${ids[4]},${ids[7]}]}" > /dev/null
    fi
  done
  echo "  goals: $made created over 8 sites, $(curl -s -H "Authorization: Bearer $ADMIN" localhost:18180/api/v1/sites/site1.example/funnels | grep -o '"id"' | wc -l) funnels on site1.example"
fi
DB_PORT=$(grep -o 'MariaDB on 127.0.0.1:[0-9]*' server.log | cut -d: -f2)
for _ in $(seq 1 "$RUNS"); do
  T0=$(awk '{print $14 + $15}' /proc/$SP/stat)
  K0=$(awk '{print $15}' /proc/$SP/stat)
  C0=$(children_ticks)
  # shellcheck disable=SC2086
  "$J" -jar "$APP/load/footfall-load.jar" bench ingest --server http://127.0.0.1:18180 --connections "$CONNS" --warmup "$WARMUP" --duration 15s \
    --verify-jdbc "jdbc:mysql://127.0.0.1:$DB_PORT/footfall" --db-user root $EXTRA > run.log 2>&1
  T1=$(awk '{print $14 + $15}' /proc/$SP/stat)
  K=$(awk '{print $15}' /proc/$SP/stat)
  C1=$(children_ticks)
  grep -E "events/s|latency|PASS|FAIL|drained|dropped when" run.log | tail -6
  STORED=$(grep -o 'stored [0-9]*' run.log | head -1 | cut -d' ' -f2)
  awk -v t=$((T1 - T0)) -v k=$((K - K0)) -v n="${STORED:-0}" 'BEGIN { if (n > 0) printf "  server CPU   %.1f s over warm-up + run + drain (%.1f s in the kernel), %.0f µs per stored event\n", t / 100, k / 100, t * 10000 / n }'
  awk -v t=$((C1 - C0)) -v n="${STORED:-0}" 'BEGIN { if (n > 0) printf "  MariaDB + Redis CPU %.1f s, %.0f µs per stored event\n", t / 100, t * 10000 / n }'
done
echo "  server RSS   peak $(grep VmHWM /proc/$SP/status | awk '{print int($2 / 1024)}') MB"
kill $SP; wait $SP 2>/dev/null
