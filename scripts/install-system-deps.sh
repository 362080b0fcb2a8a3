#!/usr/bin/env bash
# System packages a make target needs, by group:
#   mysql: mysqlclient compiles against libmysqlclient (gcc, pkg-config, the client headers);
#   bench: the benchmarks drive wrk, compare against nginx and reset MariaDB with the mysql client;
#   e2e:   the end-to-end tests that run deploy/nginx/ in front of gunicorn (skipped without nginx),
#          and the browser tests: Chromium, its driver, and npm for tus-js-client (skipped without).
# Installs what is missing with apt-get when running as root; otherwise says exactly what to run.
set -euo pipefail
missing=()
for group in "$@"; do
  case "$group" in
    mysql)
      command -v gcc >/dev/null || missing+=(gcc)
      command -v pkg-config >/dev/null || missing+=(pkg-config)
      pkg-config --exists mysqlclient 2>/dev/null || pkg-config --exists mariadb 2>/dev/null \
        || missing+=(default-libmysqlclient-dev) ;;
    bench)
      command -v wrk >/dev/null || missing+=(wrk)
      command -v nginx >/dev/null || missing+=(nginx-light)
      command -v mysql >/dev/null || missing+=(mariadb-client) ;;
    e2e)
      command -v nginx >/dev/null || missing+=(nginx-light)
      command -v chromium >/dev/null || missing+=(chromium)
      command -v chromedriver >/dev/null || missing+=(chromium-driver)
      command -v npm >/dev/null || missing+=(npm) ;;
    *) echo "unknown group: $group (mysql, bench, e2e)" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them, e.g.: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
