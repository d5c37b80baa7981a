#!/usr/bin/env bash
# A database outage under steady live load, end to end: starts the server of APP on a fresh
# embedded data folder, sends RATE events/s with `simulate` for WARM + OUTAGE + AFTER seconds,
# kills its MariaDB process with SIGKILL after WARM seconds and starts it again (same command
# line, same data) OUTAGE seconds later. Prints the simulator's summary (every answer by status),
# how long after the database's return the spool had drained, and the check that every
# acknowledged event is stored exactly once and that the rollups agree with the raw rows.
# usage: fault-db-outage.sh APP [OUTAGE_S=60] [RATE=1000] [TAG=outage]
#        (APP holds server/footfall-server.jar and load/footfall-load.jar; port 18480; data in /root/ff-fault-TAG)
set -u
APP=$1; OUTAGE=${2:-60}; RATE=${3:-1000}; TAG=${4:-outage}
WARM=20; AFTER=40
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
D=/root/ff-fault-$TAG
rm -rf "$D"; mkdir -p "$D"; cd "$D"
FOOTFALL_DATA_DIR=$D/data PORT=18480 FOOTFALL_RATE_LIMIT=0 FOOTFALL_TRUSTED_PROXIES=127.0.0.1/32,::1 FOOTFALL_ADMIN_TOKEN=fault-token \
  "$J" -jar "$APP/server/footfall-server.jar" > server.log 2>&1 &
SP=$!
for _ in $(seq 1 180); do curl -sf localhost:18480/health >/dev/null && break; sleep 1; done
DB_PORT=$(grep -o 'MariaDB on 127.0.0.1:[0-9]*' server.log | cut -d: -f2)
MP=$(pgrep -f "$D/data/mariadb/base/bin/mariadbd" | head -1)
CMD=$(tr '\0' ' ' < /proc/$MP/cmdline)
sql() { "$D/data/mariadb/base/bin/mariadb" -uroot -h127.0.0.1 -P"$DB_PORT" -N footfall -e "$1" 2>/dev/null; }
"$J" -jar "$APP/load/footfall-load.jar" simulate --server http://127.0.0.1:18480 --rate "$RATE/s" --sites 8 \
  --duration "$((WARM + OUTAGE + AFTER))s" --quiet > sim.log 2>&1 &
LP=$!
sleep "$WARM"
echo "outage: SIGKILL MariaDB (pid $MP) at $(date +%T), spool depth $(curl -s localhost:18480/metrics | grep '^footfall_spool_depth' | cut -d' ' -f2)"
kill -9 "$MP"
MAXDEPTH=0
UNTIL=$(( $(date +%s) + OUTAGE ))
while [ "$(date +%s)" -lt "$UNTIL" ]; do
  sleep 1
  DEPTH=$(curl -s -m 2 localhost:18480/metrics | grep '^footfall_spool_depth' | cut -d' ' -f2 | cut -d. -f1)
  [ -n "$DEPTH" ] && [ "$DEPTH" -gt "$MAXDEPTH" ] && MAXDEPTH=$DEPTH
done
echo "outage: restarting MariaDB at $(date +%T) after ${OUTAGE} s; spool depth peaked at $MAXDEPTH events"
setsid $CMD > mariadb-restart.log 2>&1 &
BACK=$(date +%s)
DRAINED=""
for _ in $(seq 1 120); do
  sleep 1
  DEPTH=$(curl -s -m 2 localhost:18480/metrics | grep '^footfall_spool_depth' | cut -d' ' -f2 | cut -d. -f1)
  if [ -n "$DEPTH" ] && [ "$DEPTH" -lt "$((RATE / 2 + 1))" ]; then DRAINED=$(( $(date +%s) - BACK )); break; fi
done
echo "outage: backlog drained (to under half a second of traffic) ${DRAINED:-never} s after the database's return"
wait $LP
# The last events of the run drain within moments; wait for the count to stand still.
LAST=-1
for _ in $(seq 1 60); do
  NOW=$(sql "SELECT COUNT(*) FROM events")
  [ "$NOW" = "$LAST" ] && [ "$(curl -s -m 2 localhost:18480/metrics | grep '^footfall_spool_depth' | cut -d' ' -f2 | cut -d. -f1)" = "0" ] && break
  LAST=$NOW; sleep 1
done
curl -s -m 30 -H 'Authorization: Bearer fault-token' "localhost:18480/api/v1/stats/aggregate?site_id=site1.example&period=day&metrics=pageviews" > /dev/null
cat sim.log | grep -v WARNING
sleep 3
ACK=$(grep -o 'acknowledged [0-9]*' sim.log | head -1 | cut -d' ' -f2)
ACCEPTED=$(grep -o 'accepted [0-9]*' sim.log | head -1 | cut -d' ' -f2)
LATE=$(curl -s localhost:18480/metrics | grep '^footfall_events_dropped_after_ack_total' | cut -d' ' -f2 | cut -d. -f1)
STORED=$(sql "SELECT COUNT(*) FROM events")
ROLLUP=$(sql "SELECT COALESCE(SUM(pageviews),0) FROM rollup_daily WHERE dim = 0")
RAWPV=$(sql "SELECT COUNT(*) FROM events WHERE kind = 1")
echo "check: accepted (202/201, not dropped at the door) $ACCEPTED, dropped when drained ${LATE:-0}, stored $STORED (expected $((ACCEPTED - ${LATE:-0})))"
echo "check: pageviews in rollups $ROLLUP, in raw rows $RAWPV"
kill "$SP"; wait "$SP" 2>/dev/null
pkill -f "$D/data/mariadb/base/bin/mariadbd" 2>/dev/null
[ "$STORED" = "$((ACCEPTED - ${LATE:-0}))" ] && [ "$ROLLUP" = "$RAWPV" ] && echo "PASS" || echo "FAIL"
