# The Palisade CLI as a container image, for deploy/ (the in-cluster CronJob and the optional node
# scanner). Both base images are pinned by digest, and the build refuses anything else:
#
#   docker buildx build \
#     --build-arg BUILD_IMAGE=docker.io/library/node:22-bookworm-slim@sha256:<digest> \
#     --build-arg RUNTIME_IMAGE=gcr.io/distroless/nodejs22-debian12:nonroot@sha256:<digest> \
#     -t <your-registry>/palisade:0.1.0 --push .
#
# No digest is written here: it would be a guess. deploy/README.md has the command that prints
# the current one. BUILD_IMAGE is any Node.js image with npm; RUNTIME_IMAGE must be a distroless
# Node.js image of the same major version (the entrypoint is its /nodejs/bin/node).
#
# The image runs as UID/GID 65532, needs no writable path (readOnlyRootFilesystem works; reports
# go to a mounted volume) and holds only dist/, the production dependencies and deploy/rescan.mjs.

ARG BUILD_IMAGE
ARG RUNTIME_IMAGE

# --- build: compile and bundle with every dependency (TypeScript, esbuild) ---------------------
FROM ${BUILD_IMAGE} AS build
ARG BUILD_IMAGE
ARG RUNTIME_IMAGE
# name@sha256:<64 hex digits>, or the build stops here (a tag can be moved; a digest cannot)
RUN for ref in "$BUILD_IMAGE" "$RUNTIME_IMAGE"; do \
      digest="${ref##*@sha256:}"; \
      if [ "$digest" = "$ref" ] || [ "${#digest}" -ne 64 ] || [ -n "$(printf '%s' "$digest" | tr -d '0-9a-f')" ]; then \
        echo "BUILD_IMAGE and RUNTIME_IMAGE must be pinned by digest (name@sha256:<64 hex digits>), got: '$ref'" >&2; \
        exit 1; \
      fi; \
    done
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: no dependency runs code at install time (none needs to for the build)
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/postbuild.mjs scripts/code-cache.mjs scripts/
COPY src src
# the build's code cache (scripts/code-cache.mjs) is what V8 compiled for a scan of the examples;
# a runtime Node.js of another V8 version ignores it and compiles as usual
COPY examples examples
RUN npm run build

# --- production dependencies only ---------------------------------------------------------------
FROM ${BUILD_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime: distroless (no shell, no package manager), non-root -------------------------------
FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=deps /src/package.json ./
COPY --from=deps /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY deploy/rescan.mjs ./deploy/
# numeric, so that Kubernetes' runAsNonRoot can check it without an /etc/passwd lookup
USER 65532:65532
ENTRYPOINT ["/nodejs/bin/node", "/app/dist/palisade.mjs"]
CMD ["--help"]
