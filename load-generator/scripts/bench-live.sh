#!/usr/bin/env bash
# Live HTTP ingest of one build on a fresh embedded data folder (default writer lanes, rate limit
# off, X-Forwarded-For trusted from loopback): RUNS runs of 256 connections, 5 s warm-up + 15 s,
# each checking stored == acknowledged through JDBC. BENCHMARKS.md has results.
# usage: bench-live.sh APP TAG RUNS     (APP holds server/footfall-server.jar and load/footfall-load.jar)
set -u
APP=$1; TAG=$2; RUNS=$3
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
D=/root/ff-live-$TAG
rm -rf "$D"; mkdir -p "$D"; cd "$D"
FOOTFALL_DATA_DIR=$D/data PORT=18180 FOOTFALL_RATE_LIMIT=0 FOOTFALL_TRUSTED_PROXIES=127.0.0.1/32,::1 \
  "$J" -jar "$APP/server/footfall-server.jar" > server.log 2>&1 &
SP=$!
for _ in $(seq 1 180); do curl -sf localhost:18180/health >/dev/null && break; sleep 1; done
DB_PORT=$(grep -o 'MariaDB on 127.0.0.1:[0-9]*' server.log | cut -d: -f2)
for _ in $(seq 1 "$RUNS"); do
  "$J" -jar "$APP/load/footfall-load.jar" bench ingest --server http://127.0.0.1:18180 --connections 256 --warmup 5s --duration 15s \
    --verify-jdbc "jdbc:mysql://127.0.0.1:$DB_PORT/footfall" --db-user root 2>&1 | grep -E "events/s|PASS|FAIL|drained" | tail -4
done
kill $SP; wait $SP 2>/dev/null
