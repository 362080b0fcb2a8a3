#!/usr/bin/env bash
# mysqlclient compiles against libmysqlclient: it needs pkg-config, gcc and the client headers.
# Installs them with apt-get when running as root; otherwise says exactly what to run.
set -euo pipefail
missing=()
command -v gcc >/dev/null || missing+=(gcc)
command -v pkg-config >/dev/null || missing+=(pkg-config)
pkg-config --exists mysqlclient 2>/dev/null || pkg-config --exists mariadb 2>/dev/null || missing+=(default-libmysqlclient-dev)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages for mysqlclient: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "mysqlclient needs system packages that are missing: ${missing[*]}" >&2
  echo "Install them, e.g.: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
