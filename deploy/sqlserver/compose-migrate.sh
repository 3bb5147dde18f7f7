#!/usr/bin/env bash
# The one-shot `migrate` service of docker-compose.yml. Runs inside the SQL Server image (it ships sqlcmd):
#   1. creates the database if it does not exist,
#   2. applies deploy/sqlserver/migrate.sql (idempotent: applies only the migrations not yet recorded),
#   3. creates or updates the least-privilege login the Api and Workers use (db_datareader + db_datawriter).
# Safe to run any number of times. The Api and Workers start only after it exits 0.
set -euo pipefail
: "${MSSQL_SA_PASSWORD:?MSSQL_SA_PASSWORD is required}"
: "${POSCLOUD_DB_APP_PASSWORD:?POSCLOUD_DB_APP_PASSWORD is required}"
host="${SQLSERVER_HOST:-sqlserver}"
db="${POSCLOUD_DB_NAME:-PosCloud}"
app_user="${POSCLOUD_DB_APP_USER:-poscloud_app}"
export SQLCMDPASSWORD="$MSSQL_SA_PASSWORD"   # keeps the password off the command line
if [ -x /opt/mssql-tools18/bin/sqlcmd ]; then
  run() { /opt/mssql-tools18/bin/sqlcmd -S "$host" -U sa -C -b -l 30 "$@"; }   # -C: trust the self-signed certificate
else
  run() { /opt/mssql-tools/bin/sqlcmd -S "$host" -U sa -b -l 30 "$@"; }        # older images: tools 17, no -C
fi

echo "migrate: database [$db] on $host"
run -Q "IF DB_ID(N'$db') IS NULL CREATE DATABASE [$db];"
echo "migrate: applying /migrate/migrate.sql"
run -d "$db" -i /migrate/migrate.sql
echo "migrate: login [$app_user] (read/write, no DDL)"
run -d "$db" -v AppUser="$app_user" AppPassword="$POSCLOUD_DB_APP_PASSWORD" -i /migrate/app-login.sql
echo "migrate: done"
