# syntax=docker/dockerfile:1
# PosCloud Workers (reconciliation consumers on RabbitMQ). Image name by convention: poscloud/workers
# Build from the repository root:
#   docker build -f deploy/docker/Workers.Dockerfile -t poscloud/workers:local .
# Runs any number of replicas: they compete on one queue. Never migrates the database.
# Runtime: chiseled Ubuntu 24.04 "extra" (ICU + tzdata), non-root "app" user ($APP_UID = 1654), no shell/curl.
# Health: the web host serves only /health/live and /health/ready on 8080. The image's HEALTHCHECK runs the
# bundled probe (/probe/PosCloud.HealthProbe.dll); Kubernetes uses httpGet probes instead.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# 1) Restore layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Contracts/PosCloud.Contracts.csproj src/Contracts/
COPY src/Core/PosCloud.Core.csproj src/Core/
COPY src/Reconciliation/PosCloud.Reconciliation.csproj src/Reconciliation/
COPY src/Workers/PosCloud.Workers.csproj src/Workers/
COPY deploy/healthprobe/PosCloud.HealthProbe.csproj deploy/healthprobe/
RUN dotnet restore src/Workers/PosCloud.Workers.csproj \
 && dotnet restore deploy/healthprobe/PosCloud.HealthProbe.csproj
# 2) Sources and publish.
COPY src/Contracts/ src/Contracts/
COPY src/Core/ src/Core/
COPY src/Reconciliation/ src/Reconciliation/
COPY src/Workers/ src/Workers/
COPY deploy/healthprobe/ deploy/healthprobe/
RUN dotnet publish src/Workers/PosCloud.Workers.csproj -c Release --no-restore -o /out/app -p:UseAppHost=false \
 && dotnet publish deploy/healthprobe/PosCloud.HealthProbe.csproj -c Release --no-restore -o /out/probe -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /out/app ./
COPY --from=build /out/probe /probe/
ENV ASPNETCORE_HTTP_PORTS=8080
# Every method JIT-compiled fully optimised, the framework's precompiled (ReadyToRun) code included: with tiered
# compilation off (the csproj, issue 15) ReadyToRun code is never recompiled, and it is slower (no inlining across
# assemblies). bench/ReconciliationBench, warm storm: Api ~97 → ~74 µs/order, workers ~116 → ~96; start ~1–2 s
# slower; the HEALTHCHECK's probe process inherits it too (~0.3 s CPU a run instead of ~0.1). An environment
# variable only: the runtime reads no runtimeconfig.json setting for it.
ENV DOTNET_ReadyToRun=0
# 8080: HTTP — only /health/live and /health/ready (no API). Not published to the host.
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=6s --start-period=40s --retries=3 \
  CMD ["dotnet", "/probe/PosCloud.HealthProbe.dll", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["dotnet", "PosCloud.Workers.dll"]
