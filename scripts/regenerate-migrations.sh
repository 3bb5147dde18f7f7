#!/usr/bin/env bash
# Regenerates the Initial migration of each provider (SQLite, PostgreSQL, SQL Server) from the model
# in src/Core. Before the first production release there is one migration per provider; after it,
# use `dotnet ef migrations add <Name> --context <Context>` instead of this script.
set -euo pipefail
scripts_dir="$(cd "$(dirname "$0")" && pwd)"
cd "$scripts_dir/../src/Core"
dotnet tool restore >/dev/null
rm -rf Persistence/Migrations
for pair in Sqlite:SqliteCloudDbContext PostgreSql:PostgresCloudDbContext SqlServer:SqlServerCloudDbContext; do
  name=${pair%%:*}; context=${pair##*:}
  dotnet ef migrations add Initial --context "$context" --output-dir "Persistence/Migrations/$name" \
    --namespace "PosCloud.Core.Persistence.Migrations.$name"
  # dotnet-ef places the model snapshot by namespace, not by --output-dir; move it beside its migration.
  mv "PosCloud/Core/Persistence/Migrations/$name/"*.cs "Persistence/Migrations/$name/"
done
rm -rf PosCloud
# The committed SQL Server script must follow the model (a test checks it).
"$scripts_dir/generate-sqlserver-script.sh"
