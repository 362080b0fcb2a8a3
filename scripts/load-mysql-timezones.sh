#!/usr/bin/env bash
# Django with USE_TZ converts dates in SQL with CONVERT_TZ(..., 'UTC', 'Asia/Kolkata'), which
# MySQL/MariaDB answer with NULL until their time zone tables are loaded (Django's MySQL notes).
# Loads them once, if missing, on the server given by MYSQL_HOST/MYSQL_USER (default 127.0.0.1/root).
set -euo pipefail
host=${MYSQL_HOST:-127.0.0.1}
user=${MYSQL_USER:-root}
loaded=$(mysql -N -h "$host" -u "$user" -e "SELECT COUNT(*) FROM mysql.time_zone_name")
if [ "$loaded" != "0" ]; then
  exit 0
fi
tzinfo=$(command -v mariadb-tzinfo-to-sql || command -v mysql_tzinfo_to_sql)
echo "Loading MySQL time zone tables from /usr/share/zoneinfo"
"$tzinfo" /usr/share/zoneinfo 2>/dev/null | mysql -h "$host" -u "$user" mysql
