#!/usr/bin/env bash
# wrk against one build on a fresh embedded data folder, with the server's CPU per request split by
# thread group, for A/B comparisons of the request path (run builds alternated, several rounds):
# 60 s wrk warm-up, then 20 s measured (`wrk-events.lua`, 128 connections); prints requests/s, wrk's
# p99, the server's CPU per request in the measured window (from /proc), the ten busiest thread
# groups' share of it (thread names with digits dropped: the request path is `ForkJoinPool--`, the
# virtual threads' carriers) and the server's peak RSS. The server runs with java -jar and the
# JVM's defaults, or SERVER_JAVA_OPTS; SERVER_ENV adds variables. BENCHMARKS.md has results.
# usage: bench-wrk-threads.sh APP TAG   (APP holds server/footfall-server.jar)
APP=$1; TAG=$2
HERE=$(cd "$(dirname "$0")" && pwd)
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin
D=/root/ff-ab-$TAG; rm -rf $D; mkdir -p $D; cd $D
env ${SERVER_ENV:-} FOOTFALL_DATA_DIR=$D/data PORT=18181 FOOTFALL_RATE_LIMIT=0 FOOTFALL_TRUSTED_PROXIES=127.0.0.1/32,::1 $J/java ${SERVER_JAVA_OPTS:-} -jar $APP/server/footfall-server.jar > server.log 2>&1 &
SP=$!
for _ in $(seq 1 180); do curl -sf localhost:18181/health >/dev/null && break; sleep 1; done
wrk -t2 -c128 -d60s -s "$HERE/wrk-events.lua" http://127.0.0.1:18181 > /dev/null 2>&1
snap() { for t in /proc/$SP/task/*; do echo "$(sed 's/[0-9]//g; s/ /_/g' $t/comm) $(awk '{print $14+$15}' $t/stat)"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort; }
T0=$(awk '{print $14 + $15}' /proc/$SP/stat); snap > t0
wrk -t2 -c128 -d20s --latency -s "$HERE/wrk-events.lua" http://127.0.0.1:18181 > wrk.log 2>&1
T1=$(awk '{print $14 + $15}' /proc/$SP/stat); snap > t1
RPS=$(awk '/Requests\/sec/ {print int($2)}' wrk.log)
P99=$(awk '/ 99%/ {print $2}' wrk.log)
echo "$TAG: wrk $RPS req/s p99 $P99; server $(awk -v t=$((T1-T0)) -v r=$RPS 'BEGIN {printf "%.0f", t*10000/(r*20)}') µs/request; errors: $(grep -E 'Non-2xx|Socket errors' wrk.log | tr '\n' ' ')"
join -a2 -e0 -o 0,1.2,2.2 t0 t1 | awk -v r=$RPS '{d=$3-$2; if (d > 0) printf "   %-22s %6.1f µs/request\n", $1, d*10000/(r*20)}' | sort -k2 -rn | head -10
echo "   peak RSS $(awk '/VmHWM/ {print int($2/1024)}' /proc/$SP/status) MB"
kill $SP; wait $SP 2>/dev/null
