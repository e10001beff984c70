# Foyer web image: the static Angular SPA (dist/apps/web/browser) on unprivileged nginx,
# with the CSP header and /config.json ({"apiBaseUrl": $API_PUBLIC_URL}) made at start.
# Build from the repository root: docker build -f docker/web.Dockerfile .
# Pin base images by digest as well (name:tag@sha256:...) in CI/production.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28.0-alpine

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true CI=true NG_CLI_ANALYTICS=false
COPY package.json package-lock.json ./
# `npm ci` is not used: it fails on this project's registry setup (see TOOLCHAIN).
RUN --mount=type=cache,target=/root/.npm \
    npm install --no-audit --no-fund --ignore-scripts

FROM deps AS build
COPY . .
RUN npx nx build web && test -f dist/apps/web/browser/index.html \
 && node docker/web/render-csp.mjs dist/apps/web/browser/index.html \
      docker/web/default.conf.template /tmp/default.conf.template

FROM ${NGINX_IMAGE} AS runtime
# Only our two variables are substituted; nginx's own $uri, $host... are left alone.
ENV NGINX_ENVSUBST_FILTER="^API_(PUBLIC|WS)_URL$"
COPY --from=build /tmp/default.conf.template /etc/nginx/templates/default.conf.template
COPY --chmod=0755 docker/web/18-foyer-env.envsh /docker-entrypoint.d/18-foyer-env.envsh
COPY --from=build /app/dist/apps/web/browser /usr/share/nginx/html
# The base image already runs as the unprivileged nginx user (uid 101) on port 8080.
USER 101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
