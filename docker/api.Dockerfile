# Foyer API image: dist/apps/api/main.js (HTTP + socket.io) and dist/apps/api/cli.js
# (operating commands; compose's one-shot `migrate` service runs it from this image).
# Build from the repository root: docker build -f docker/api.Dockerfile .
# Pin base images by digest as well (name:tag@sha256:...) in CI/production.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true CI=true NG_CLI_ANALYTICS=false
COPY package.json package-lock.json ./
# `npm ci` is not used: it fails on this project's registry setup (see TOOLCHAIN).
# --ignore-scripts matches package.json's allowScripts (no dependency install scripts).
RUN --mount=type=cache,target=/root/.npm \
    npm install --no-audit --no-fund --ignore-scripts

FROM deps AS build
COPY . .
RUN npx nx build api && test -f dist/apps/api/main.js && test -f dist/apps/api/cli.js

FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund --ignore-scripts

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    MEDIA_STORAGE_DIR=/var/lib/foyer/media
WORKDIR /app
# The runtime needs node only: drop npm/npx/corepack/yarn (smaller, fewer CVEs).
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
           /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* \
           /usr/local/bin/yarn /usr/local/bin/yarnpkg \
 && mkdir -p /var/lib/foyer/media && chown node:node /var/lib/foyer/media
# Code and dependencies stay root-owned: the process cannot rewrite them.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/dist/apps/api ./dist/apps/api
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/main.js"]
