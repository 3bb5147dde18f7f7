# syntax=docker/dockerfile:1
# PosCloud store agent (one per register). Image name by convention: poscloud/offline-agent
# Build from the repository root:
#   docker build -f deploy/docker/OfflineAgent.Dockerfile -t poscloud/offline-agent:local .
# The agent references src/Contracts, src/Invoicing (e-invoice numbers, proof) and src/Printing (printer driver). Its SQLite
# queue lives in Agent:DataPath (/data here): mount a volume there, or every queued (not yet uploaded) sale is
# lost with the container — and with it the register's invoice number state.
# Runtime: chiseled Ubuntu 24.04 "extra" (ICU + tzdata for zh-TW and the +08:00 invoice dates), non-root
# "app" user ($APP_UID = 1654), no shell/curl. Health: the image's HEALTHCHECK runs the bundled probe
# (/probe/PosCloud.HealthProbe.dll) against /health/live. The chiseled image has no package manager and no CJK
# font, so the build stage installs WenQuanYi Micro Hei from the distribution and the runtime gets that one file:
# the proof preview (/receipts/{id}.png) draws its Chinese text with it; printed proofs use the printer's own font.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# 0) The CJK font for the proof preview (see the header), from the distribution's package.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*
# 1) Restore layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Contracts/PosCloud.Contracts.csproj src/Contracts/
COPY src/Invoicing/PosCloud.Invoicing.csproj src/Invoicing/
COPY src/Printing/PosCloud.Printing.csproj src/Printing/
COPY src/OfflineAgent/PosCloud.OfflineAgent.csproj src/OfflineAgent/
COPY deploy/healthprobe/PosCloud.HealthProbe.csproj deploy/healthprobe/
RUN dotnet restore src/OfflineAgent/PosCloud.OfflineAgent.csproj \
 && dotnet restore deploy/healthprobe/PosCloud.HealthProbe.csproj
# 2) Sources and publish.
COPY src/Contracts/ src/Contracts/
COPY src/Invoicing/ src/Invoicing/
COPY src/Printing/ src/Printing/
COPY src/OfflineAgent/ src/OfflineAgent/
COPY deploy/healthprobe/ deploy/healthprobe/
RUN dotnet publish src/OfflineAgent/PosCloud.OfflineAgent.csproj -c Release --no-restore -o /out/app -p:UseAppHost=false \
 && dotnet publish deploy/healthprobe/PosCloud.HealthProbe.csproj -c Release --no-restore -o /out/probe -p:UseAppHost=false \
 && mkdir -p /out/data

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /out/app ./
COPY --from=build /out/probe /probe/
COPY --from=build /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
# The agent's data directory, owned by the app user (1654 = $APP_UID) so a fresh named volume inherits it.
COPY --from=build --chown=1654:1654 /out/data /data
# The agent listens where ASPNETCORE_URLS says; clear the image's ASPNETCORE_HTTP_PORTS so they do not compete.
ENV ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_URLS=http://+:8080 \
    Agent__AllowNonLoopback=true \
    Agent__DataPath=/data
# 8080: HTTP — the checkout screen, its local API and /health/live.
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=6s --start-period=30s --retries=3 \
  CMD ["dotnet", "/probe/PosCloud.HealthProbe.dll", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["dotnet", "PosCloud.OfflineAgent.dll"]
