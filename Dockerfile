# syntax=docker/dockerfile:1
# paperclub: the bot (`node dist/start.js`, the default) and the workers (`node dist/worker.js`) from
# one image. Build: docker build -t paperclub .   Run: see compose.yaml and docs/operations.md.

# ---- build: install everything, compile dist/ with esbuild, then drop what only the build needed ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them. --ignore-scripts: `prepare` would
# build before the sources are here; the build runs below.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
COPY jobs ./jobs
# The seeds too: the build imports them once into dist/library-snapshot.json and indexes them into
# dist/search-index.v8 (a faster start, a quicker first search).
COPY seeds ./seeds
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime: node, production dependencies, the compiled build, the seeds; no compiler, no sources ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json LICENSE ./
COPY bin/paperclub.js bin/healthcheck.js ./bin/
COPY seeds ./seeds
# Local state (the private redis-server's data when no REDIS_URL is given) belongs to the runtime user.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# PORT (the bot: Slack, Discord, /healthz, /metrics, /admin/queues) and WORKER_PORT (a worker's
# /healthz and /metrics); both are the defaults of src/config.ts.
EXPOSE 3000 3001
# slim has no curl: node asks /healthz itself (bin/healthcheck.js). A worker's healthcheck passes
# --worker to ask WORKER_PORT instead of PORT (compose.yaml does).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "bin/healthcheck.js"]
# Exec form: node runs as PID 1 and gets SIGTERM itself; paperclub handles it (a clean shutdown).
CMD ["node", "dist/start.js"]
