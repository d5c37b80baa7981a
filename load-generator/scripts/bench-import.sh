#!/usr/bin/env bash
# Import (backfill) rate of one build on a fresh embedded data folder: starts the server from
# APP/server/footfall-server.jar, imports EVENTS simulated events over 90 days for one site with
# APP/load/footfall-load.jar, prints the summary line, stops the server. BENCHMARKS.md has results.
# usage: bench-import.sh APP EVENTS TAG     (data in /root/ff-import-TAG; port 18380)
set -u
APP=$1; EVENTS=$2; TAG=$3
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
D=/root/ff-import-$TAG
rm -rf "$D"; mkdir -p "$D"; cd "$D"
FOOTFALL_DATA_DIR=$D/data PORT=18380 FOOTFALL_ADMIN_TOKEN=bench-admin-token FOOTFALL_AUTO_SITES=false \
  "$J" -jar "$APP/server/footfall-server.jar" > server.log 2>&1 &
SP=$!
for _ in $(seq 1 180); do curl -sf localhost:18380/health >/dev/null && break; sleep 1; done
"$J" -jar "$APP/load/footfall-load.jar" simulate --server http://127.0.0.1:18380 --backfill 90d --sites 1 --events "$EVENTS" \
  --token bench-admin-token 2>&1 | grep summary
kill $SP; wait $SP 2>/dev/null
