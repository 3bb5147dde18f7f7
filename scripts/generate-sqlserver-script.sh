#!/usr/bin/env bash
# Regenerates deploy/sqlserver/migrate.sql: the idempotent SQL script of every SQL Server migration
# (SqlServerCloudDbContext). Run it after adding or regenerating a migration, and commit the result;
# tests/PosCloud.DeployTests fails while the committed script differs from what the migrations generate.
# No SQL Server is needed: the script is generated from the migrations alone.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet restore src/Migrations/SqlServer >/dev/null    # dotnet-ef reads project.assets.json, which a fresh clone lacks
dotnet ef migrations script --idempotent --context SqlServerCloudDbContext --project src/Migrations/SqlServer \
  -o deploy/sqlserver/migrate.sql
echo "wrote deploy/sqlserver/migrate.sql"
