# Foyer worker image: dist/apps/worker/main.js (BullMQ processors, outbox relay). No port.
# Build from the repository root: docker build -f docker/worker.Dockerfile .
# Pin base images by digest as well (name:tag@sha256:...) in CI/production.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true CI=true NG_CLI_ANALYTICS=false
COPY package.json package-lock.json ./
# `npm ci` is not used: it fails on this project's registry setup (see TOOLCHAIN).
RUN --mount=type=cache,target=/root/.npm \
    npm install --no-audit --no-fund --ignore-scripts

FROM deps AS build
COPY . .
RUN npx nx build worker && test -f dist/apps/worker/main.js

FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund --ignore-scripts

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
           /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* \
           /usr/local/bin/yarn /usr/local/bin/yarnpkg
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/dist/apps/worker ./dist/apps/worker
USER node
# No HTTP port to probe; liveness is the process itself (compose restarts it on exit).
HEALTHCHECK NONE
CMD ["node", "dist/apps/worker/main.js"]
