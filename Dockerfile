# syntax=docker/dockerfile:1
# paperboy service image: build stage compiles TypeScript (and better-sqlite3 if no prebuilt
# binary fits), runtime stage carries only dist/, production node_modules and the migrations.
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 falls back to node-gyp when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# npm ci's postinstall generates both Prisma clients into src/generated from prisma/ using
# scripts/, so those come in before it; the source comes after so that a code change
# does not re-run the install layer.
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
# Fail here, not at start-up, if better-sqlite3's native addon did not build or download.
RUN npm ci --no-audit --no-fund \
 && node -e "require('better-sqlite3')(':memory:').close()"
COPY tsconfig.json ./
COPY src ./src
COPY jobs ./jobs
# --omit=optional as well: prisma and typescript are devDependencies but also optional peers of
# @prisma/client, so --omit=dev alone keeps the Prisma CLI, Studio and TypeScript (~200 MB,
# unused at run time: migrations are applied by the app). It also drops msgpackr-extract
# (BullMQ falls back to pure-JS msgpack) and pg-cloudflare (Workers only).
RUN npm run build \
 && npm prune --omit=dev --omit=optional --no-audit --no-fund \
 && npm cache clean --force

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    PAPERBOY_DATA_DIR=/data \
    DATABASE_URL=file:/data/paperboy.db
WORKDIR /app
RUN mkdir -p /data && chown node:node /data
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Committed migrations: the app applies them on start (found by walking up from dist/).
COPY --from=build /app/prisma ./prisma
COPY samples ./samples
# The image's own `node` user (uid 1000); the app writes only to /data.
USER node
VOLUME ["/data"]
EXPOSE 3000
# The slim image has no curl; Node 22 has fetch. 503 (database down) fails the check;
# 200 "degraded" (a failed ingest) does not, since a restart would not fix it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) lets in-flight deliveries finish; compose gives it stop_grace_period.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
