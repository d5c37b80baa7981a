#!/usr/bin/env bash
# Per-thread CPU of a Footfall server under `bench ingest` (256 connections): starts APP's server on
# a fresh embedded data folder (SERVER_ENV and SERVER_JAVA_OPTS are passed to it), warms up for
# WARM seconds (default 8; use 60 for the steady state), then prints the CPU each server thread
# group, MariaDB and Redis used in the next 19 s (from /proc), per acknowledged event, and
# MariaDB's handler counters. The load generator checks stored == acknowledged at the end.
# usage: bench-threads.sh APP TAG [EXTRA bench ingest options]   (needs the mysql client)
APP=$1; TAG=$2; EXTRA=${3:-}
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin
D=${BENCH_DIR:-$HOME}/ff-thr-$TAG; rm -rf $D; mkdir -p $D; cd $D
env ${SERVER_ENV:-} FOOTFALL_DATA_DIR=$D/data PORT=18182 FOOTFALL_RATE_LIMIT=0 FOOTFALL_TRUSTED_PROXIES=127.0.0.1/32,::1 $J/java ${SERVER_JAVA_OPTS:-} -jar $APP/server/footfall-server.jar > server.log 2>&1 &
SP=$!
for _ in $(seq 1 180); do curl -sf localhost:18182/health >/dev/null && break; sleep 1; done
DB_PORT=$(grep -o 'MariaDB on 127.0.0.1:[0-9]*' server.log | cut -d: -f2)
snap() { for t in /proc/$SP/task/*; do n=$(tr ' ' '_' < $t/comm); echo "$(awk '{print $14+$15}' $t/stat 2>/dev/null) $n"; done | awk '{c=$1; n=$2; gsub(/[0-9]+/,"N",n); s[n]+=c} END {for (k in s) print s[k], k}'; }
$J/java -jar $APP/load/footfall-load.jar bench ingest --server http://127.0.0.1:18182 --connections 256 --warmup ${WARM:-8}s --duration 20s --verify-jdbc "jdbc:mysql://127.0.0.1:$DB_PORT/footfall" --db-user root $EXTRA > run.log 2>&1 &
LP=$!
sleep $((${WARM:-8}+1)); snap > s0; for c in $(pgrep -P $SP); do echo "$(awk '{print $14+$15}' /proc/$c/stat) $(cat /proc/$c/comm)"; done > k0; mysql -h127.0.0.1 -P$DB_PORT -uroot -N -e "SHOW GLOBAL STATUS" > g0; CH0=$(for c in $(pgrep -P $SP); do awk '{print $14+$15}' /proc/$c/stat; done | paste -sd+ | bc); 
sleep 19; snap > s1; for c in $(pgrep -P $SP); do echo "$(awk '{print $14+$15}' /proc/$c/stat) $(cat /proc/$c/comm)"; done > k1; mysql -h127.0.0.1 -P$DB_PORT -uroot -N -e "SHOW GLOBAL STATUS" > g1; CH1=$(for c in $(pgrep -P $SP); do awk '{print $14+$15}' /proc/$c/stat; done | paste -sd+ | bc); 
wait $LP
grep -E "events/s|PASS|FAIL|drained" run.log | tail -4
join -1 2 -2 2 <(sort -k2 s0) <(sort -k2 s1) 2>/dev/null | awk '{d=$3-$2; if (d>0) printf "%6.2f s  %s\n", d/100, $1}' | sort -rn | head -14
ACK=$(grep -o 'throughput *[0-9]*' run.log | tail -1 | awk '{print $2}')
echo "children (MariaDB+Redis) $(( (CH1-CH0) )) ticks; over 19 s; acked/s $ACK"; paste <(cat k0) <(cat k1) | awk -v a="$ACK" '{printf "  %s %.1f s = %.0f us per acked event\n", $2, ($3-$1)/100, ($3-$1)*10000/(a*19)}'
join -1 2 -2 2 <(sort -k2 s0) <(sort -k2 s1) | awk -v a="$ACK" '{t+=$3-$2} END {printf "server total %.1f s = %.0f us per acked event\n", t/100, t*10000/(a*19)}' 
join g0 g1 | awk '$3 ~ /^[0-9]+$/ && $3-$2 > 1000 {printf "  %-40s %d\n", $1, $3-$2}' | grep -E "Com_|Handler_|Innodb_rows|Innodb_data_fsyncs|Innodb_log_writes|Bytes|Questions" ; kill $SP; wait $SP 2>/dev/null
