#!/usr/bin/env bash
# Gives the console's runtime image an AOT cache (JEP 483/514) as its default CDS archive,
# lib/server/classes.jsa, which every launch maps with no option: classes of the JDK, JavaFX,
# AtlantaFX, Jackson and the console arrive loaded and linked (first paint 2.8 s -> 1.65 s on
# the 2-core benchmark machine, see BENCHMARKS.md).
#
# The cache comes from a training run of the image itself: under its own Xvfb, against
# TrainingServer.java (canned stats API answers), to the first dashboard paint and a few seconds
# beyond, then SIGTERM, at which the JVM writes the cache. A second run checks that the launcher
# uses it. Without Xvfb or GTK 3 the image is left without a cache (slower start, nothing else
# changes) and a warning says so; with them, a failure fails the build.
#
# usage: aot-train.sh IMAGE_DIR JAVA_HOME_FOR_THE_TRAINING_SERVER
set -euo pipefail
image=$1
build_java=$2/bin/java
here=$(cd "$(dirname "$0")" && pwd)

gtk=$( { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } | grep -c 'libgtk-3\.so\.0' || true)
if ! command -v Xvfb >/dev/null 2>&1 || [ "$gtk" = 0 ]; then
  echo "[aot] WARNING: no Xvfb or GTK 3 here (apt-get install xvfb libgtk-3-0): the console image gets no AOT cache and starts about 1 s slower"
  exit 0
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill $(pgrep -P "$p") "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# A display of our own: -displayfd picks a free number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
"$build_java" "$here/TrainingServer.java" >"$work/port" 2>"$work/server.log" &
pids+=($!)
for _ in $(seq 1 300); do
  [ -s "$work/display" ] && [ -s "$work/port" ] && break
  sleep 0.1
done
display=$(head -1 "$work/display")
port=$(head -1 "$work/port")
[ -n "$display" ] && [ -n "$port" ] || { echo "[aot] Xvfb or the training server did not start"; cat "$work"/*.log; exit 1; }

# Runs the launcher with JDK_JAVA_OPTIONS=$1 to the first dashboard paint, waits $2 s, then ends
# the JVM with SIGTERM (an orderly exit) and waits for it; its log is $work/run.log.
run_console() {
  mkdir -p "$work/home"
  env -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS JDK_JAVA_OPTIONS="$1" DISPLAY=":$display" \
    FOOTFALL_SERVER="http://127.0.0.1:$port" FOOTFALL_TOKEN=training FOOTFALL_CONSOLE_HOME="$work/home" \
    "$image/bin/footfall-console" >"$work/run.log" 2>&1 &
  local launcher=$!
  pids+=("$launcher")
  for _ in $(seq 1 1800); do
    grep -q 'first dashboard paint' "$work/run.log" && break
    kill -0 "$launcher" 2>/dev/null || break
    sleep 0.1
  done
  if ! grep -q 'first dashboard paint' "$work/run.log"; then
    echo "[aot] the console did not reach its first paint"; cat "$work/run.log"; exit 1
  fi
  sleep "$2"
  kill -TERM $(pgrep -P "$launcher") 2>/dev/null || true
  for _ in $(seq 1 3000); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.1; done
  grep -o 'first dashboard paint.*' "$work/run.log" || true
}

started=$(date +%s)
run_console "-XX:AOTCacheOutput=$work/console.aot" 3
[ -s "$work/console.aot" ] || { echo "[aot] no cache written"; cat "$work/run.log"; exit 1; }
mv "$work/console.aot" "$image/lib/server/classes.jsa"

run_console "-Xlog:class+load:file=$work/classes.log" 0
total=$(wc -l <"$work/classes.log")
cached=$(grep -c 'shared objects file' "$work/classes.log" || true)
echo "[aot] $image/lib/server/classes.jsa: $(( $(stat -c %s "$image/lib/server/classes.jsa") / 1048576 )) MiB," \
  "$cached of $total classes loaded from it, trained in $(( $(date +%s) - started )) s"
if [ "$cached" -lt $(( total / 2 )) ]; then
  echo "[aot] the launcher does not use the cache"; exit 1
fi
