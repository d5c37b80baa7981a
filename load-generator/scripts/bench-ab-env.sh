#!/usr/bin/env bash
# Two server environments alternated on the same jars, ROUNDS rounds of bench-threads.sh each:
# how a setting moves the server's, MariaDB's and Redis's CPU per acknowledged event.
# usage: WARM=60 bench-ab-env.sh "A ENV" "B ENV" [ROUNDS=2]   (APP, default /tmp/current, holds the jars)
#   e.g. bench-ab-env.sh "FOOTFALL_ROLLUP_FOLD_MS=1000 FOOTFALL_BATCH_SIZE=2000" ""
HERE=$(cd "$(dirname "$0")" && pwd)
APP=${APP:-/tmp/current}; A_ENV=$1; B_ENV=$2; ROUNDS=${3:-2}
for r in $(seq 1 "$ROUNDS"); do
  for v in A B; do
    if [ $v = A ]; then E=$A_ENV; else E=$B_ENV; fi
    echo "=== round $r $v [$E] $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    WARM=${WARM:-60} SERVER_ENV="$E" SERVER_JAVA_OPTS="${JOPTS:-}" bash "$HERE/bench-threads.sh" "$APP" "ab$v" 2>&1 \
      | grep -E "throughput|drained|PASS|FAIL|mariadbd|redis-server|server total|CN_Comp|ForkJoin|spool-|redisson-netty|rollup"
  done
done
