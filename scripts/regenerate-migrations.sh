#!/usr/bin/env bash
# Regenerates the Initial migration of each provider (SQLite, PostgreSQL, SQL Server) from the model
# in src/Core, into that provider's migrations project (src/Migrations/<Provider>, namespace
# PosCloud.Migrations.<Provider>). Before the first production release there is one migration per provider;
# after it, use `dotnet ef migrations add <Name> --project src/Migrations/<Provider>` instead of this script.
set -euo pipefail
scripts_dir="$(cd "$(dirname "$0")" && pwd)"
cd "$scripts_dir/.."
dotnet tool restore >/dev/null
for pair in Sqlite:SqliteCloudDbContext PostgreSql:PostgresCloudDbContext SqlServer:SqlServerCloudDbContext; do
  name=${pair%%:*}; context=${pair##*:}
  project="src/Migrations/$name"
  # Keep the project file and the design-time factory; drop the generated files.
  find "$project" -maxdepth 1 -name '*.cs' ! -name '*DesignFactory.cs' -delete
  dotnet ef migrations add Initial --context "$context" --project "$project" --output-dir . \
    --namespace "PosCloud.Migrations.$name"
done
# The committed SQL Server script must follow the model (a test checks it).
"$scripts_dir/generate-sqlserver-script.sh"
