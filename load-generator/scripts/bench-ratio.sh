#!/usr/bin/env bash
# Footfall's live ingest as a share of bare Helidon, both measured in the same session, builds
# alternated: ROUNDS rounds, each of
#   1. bare Helidon under `bench ingest --target baseline` (the load generator's own in-process
#      ceiling server: same routes, reads the body, answers 202),
#   2. APP's server on a fresh embedded data folder under `bench-live.sh APP ratio 1` (one run,
#      stored == acknowledged checked),
#   3. wrk against `baseline-server`, then wrk against a fresh APP server (`wrk-events.lua`,
#      128 connections), when wrk is installed;
#   4. on that server, once its spool has drained, an open-loop `bench ingest --rate` at 80 % of
#      step 2's rate (10 s warm-up, 20 s measured): its latency percentiles, counted from each
#      request's scheduled time (the p99 target is at 80 % of the closed-loop rate).
# Every run, bare or not, gets the same warm-up (WARMUP, default 60 s) before its measured
# 15 s (wrk: 20 s): a fresh Footfall server's JIT compiler threads still used 8.4 s of CPU in the
# 19 s after a 30 s warm-up, against 0.4-0.8 s after 60 s (per-thread CPU from /proc), so a
# shorter warm-up measures the compiler, not the steady state a running server is in. Ends with the medians and their ratio. BENCHMARKS.md has results.
# Footfall's servers start through APP/server/footfall-server (the README's launcher) when APP has it.
# usage: bench-ratio.sh APP [ROUNDS=3]   (APP holds server/footfall-server.jar and load/footfall-load.jar)
set -u
APP=$1; ROUNDS=${2:-3}
WARMUP=${WARMUP:-60s}
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mktemp -d)
median() { sort -n | awk '{a[NR] = $1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

wrk_run() { # PORT: a wrk warm-up for WARMUP, then the measured 20 s; prints requests/s
  wrk -t2 -c128 -d"$WARMUP" -s "$HERE/wrk-events.lua" "http://127.0.0.1:$1" > /dev/null 2>&1
  wrk -t2 -c128 -d20s -s "$HERE/wrk-events.lua" "http://127.0.0.1:$1" 2>&1 | tee -a "$OUT/wrk.log" | awk '/Requests\/sec/ {print int($2)}'
}

for r in $(seq 1 "$ROUNDS"); do
  echo "=== round $r $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  BARE=$("$J" -jar "$APP/load/footfall-load.jar" bench ingest --target baseline --connections 256 --warmup "$WARMUP" --duration 15s 2>&1 \
    | awk '/throughput/ {v = $2} END {print v}')
  echo "bare Helidon, bench ingest  $BARE events/s"
  echo "$BARE" >> "$OUT/bare"
  WARMUP=$WARMUP "$HERE/bench-live.sh" "$APP" ratio 1 256 > "$OUT/live" 2>&1
  grep -E "throughput|sustained|PASS|FAIL|server CPU|MariaDB|RSS|p99" "$OUT/live" | sed 's/^/  /'
  FF=$(awk '/throughput/ {v = $2} END {print v}' "$OUT/live")
  echo "$FF" >> "$OUT/ff"
  awk -v f="$FF" -v b="$BARE" 'BEGIN {if (b > 0) printf "Footfall, bench ingest      %s events/s = %.2f of bare\n", f, f / b}'
  if command -v wrk > /dev/null; then
    "$J" -jar "$APP/load/footfall-load.jar" baseline-server --port 18590 > /dev/null 2>&1 &
    BP=$!
    for _ in $(seq 1 60); do curl -s -o /dev/null -X POST localhost:18590/api/event && break; sleep 0.5; done
    WB=$(wrk_run 18590)
    kill $BP; wait $BP 2>/dev/null
    D=/root/ff-ratio-wrk; rm -rf $D; mkdir -p $D
    START=("$J" -jar "$APP/server/footfall-server.jar")
    [ -x "$APP/server/footfall-server" ] && START=(env JAVA_HOME="$(dirname "$(dirname "$J")")" "$APP/server/footfall-server")
    (cd $D && exec env FOOTFALL_DATA_DIR=$D/data PORT=18580 FOOTFALL_RATE_LIMIT=0 FOOTFALL_TRUSTED_PROXIES=127.0.0.1/32,::1 \
      "${START[@]}" > server.log 2>&1) &
    SP=$!
    for _ in $(seq 1 180); do curl -sf localhost:18580/health > /dev/null && break; sleep 1; done
    WF=$(wrk_run 18580)
    NON202=$(grep -c 'Non-2xx\|Socket errors' "$OUT/wrk.log" || true)
    for _ in $(seq 1 60); do [ "$(curl -s localhost:18580/metrics | awk '/^footfall_spool_depth/ {print $2}')" = "0.0" ] && break; sleep 1; done
    RATE=$(awk -v f="$FF" 'BEGIN {print int(f * 0.8)}')
    "$J" -jar "$APP/load/footfall-load.jar" bench ingest --server http://127.0.0.1:18580 --rate "$RATE" --connections 256 \
      --warmup 10s --duration 20s --quiet 2>&1 | grep -E "throughput|latency" | tail -2 | sed "s|^|  open loop at $RATE/s (80 %): |" | tee "$OUT/open"
    awk '/latency/ {for (i = 1; i < NF; i++) if ($i == "p99") print $(i + 1)}' "$OUT/open" | tr -d 'ms' >> "$OUT/p99"
    kill $SP; wait $SP 2>/dev/null
    echo "$WB" >> "$OUT/wrkbare"; echo "$WF" >> "$OUT/wrkff"
    awk -v f="$WF" -v b="$WB" 'BEGIN {if (b > 0) printf "wrk: bare %d, Footfall %d requests/s = %.2f of bare\n", b, f, f / b}'
    [ "$NON202" -gt 0 ] && echo "wrk: some answers were not 2xx or sockets failed, see $OUT/wrk.log"
  fi
done
B=$(median < "$OUT/bare"); F=$(median < "$OUT/ff")
awk -v f="$F" -v b="$B" -v n="$ROUNDS" 'BEGIN {if (b > 0) printf "=== medians of %d rounds: bench ingest bare %d, Footfall %d events/s = %.2f of bare\n", n, b, f, f / b}'
[ -s "$OUT/p99" ] && echo "=== open-loop p99 at 80 %: $(paste -sd' ' "$OUT/p99") ms (median $(median < "$OUT/p99"))"
if [ -s "$OUT/wrkbare" ]; then
  WB=$(median < "$OUT/wrkbare"); WF=$(median < "$OUT/wrkff")
  awk -v f="$WF" -v b="$WB" 'BEGIN {if (b > 0) printf "=== medians: wrk bare %d, Footfall %d requests/s = %.2f of bare\n", b, f, f / b}'
fi
