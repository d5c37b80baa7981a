#!/usr/bin/env bash
# Start-up benchmark of console images: launches each launcher in turn, ROUNDS times, each time
# with an empty settings folder, against a running server, and reports launch to the dashboard's
# first paint. The clock starts in this script just before the launch and stops at the log
# timestamp of the console's "[startup] first dashboard paint" line (so it holds JVM start too and
# does not trust the process's own idea of when it started); the app's own figure is shown beside.
# Between launches the machine idles GAP seconds, as it would before a user opens the app.
#
# usage: FOOTFALL_SERVER=http://127.0.0.1:8080 FOOTFALL_TOKEN=... DISPLAY=:99 \
#          bench-startup.sh ROUNDS GAP LABEL=LAUNCHER [LABEL=LAUNCHER ...]
# e.g.   bench-startup.sh 9 6 before=/tmp/old/bin/footfall-console after=desktop-client/target/footfall-console/bin/footfall-console
set -euo pipefail
rounds=$1; gap=$2; shift 2
: "${FOOTFALL_SERVER:?}" "${FOOTFALL_TOKEN:?}" "${DISPLAY:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every log line starts with its epoch milliseconds.
printf '%s\n' handlers=java.util.logging.ConsoleHandler .level=INFO \
  'java.util.logging.SimpleFormatter.format=EPOCHMS=%1$tQ %4$s: %5$s%6$s%n' > "$work/logging.properties"

launch() { # label launcher
  local home log t0 pid end app
  home=$(mktemp -d -p "$work"); log=$home.log
  t0=$(date +%s%3N)
  JDK_JAVA_OPTIONS="-Djava.util.logging.config.file=$work/logging.properties" FOOTFALL_CONSOLE_HOME=$home \
    setsid "$2" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q 'first dashboard paint' "$log" && break; sleep 0.05; done
  kill -TERM -- -"$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- -"$pid" 2>/dev/null || true
  end=$(grep -o 'EPOCHMS=[0-9]* .*first dashboard paint' "$log" | grep -o '^EPOCHMS=[0-9]*' | cut -d= -f2 || true)
  app=$(grep -o 'first dashboard paint [0-9]*' "$log" | grep -o '[0-9]*$' || true)
  [ -n "$end" ] || { echo "$1: no first paint within 30 s"; cat "$log"; exit 1; }
  echo "$1 $((end - t0)) $app $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/results"
}

for _ in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    sleep "$gap"
    launch "${spec%%=*}" "${spec#*=}"
  done
done

echo "label: launch to first paint, median (min-max) over $rounds runs; the app's own figure; load average"
for spec in "$@"; do
  awk -v l="${spec%%=*}" '$1 == l { n++; t[n] = $2; a[n] = $3; load = load " " $4 }
    function med(x, k,   i, j, v) { for (i = 2; i <= k; i++) { v = x[i]; for (j = i - 1; j > 0 && x[j] > v; j--) x[j + 1] = x[j]; x[j + 1] = v }
                                   return k % 2 ? x[(k + 1) / 2] : (x[k / 2] + x[k / 2 + 1]) / 2 }
    END { lo = t[1]; hi = t[1]; for (i = 1; i <= n; i++) { if (t[i] < lo) lo = t[i]; if (t[i] > hi) hi = t[i] }
          printf "%s: %d ms (%d-%d); app %d ms; load%s\n", l, med(t, n), lo, hi, med(a, n), load }' "$work/results"
done
