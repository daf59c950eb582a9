# syntax=docker/dockerfile:1
# The reference referral service as an image (the last stage, the default target), and the compose
# stack's migrate-and-seed job (`--target seed`). Nothing secret is in either: the token secret and
# the database URL come from the environment when a container starts.

# Production dependencies only, for the job. --ignore-scripts skips the package's `prepare` (the
# build), which needs the dev dependencies.
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# The same for the service, without optional dependencies: those are platform binaries only the
# harness uses (embedded PostgreSQL's, esbuild's; about 70 MB), none of them the service's.
FROM node:20.20.2-bookworm-slim AS service-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund

# Every dependency, to compile src/service into dist/ (`npm run build`).
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# The one-shot job: migrates and seeds DATABASE_URL, writes the k6 scripts and their context to /k6
# (scripts/seed-stack.ts). It runs the harness's TypeScript through tsx, a production dependency.
FROM node:20.20.2-bookworm-slim AS seed
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY seed ./seed
COPY scenarios ./scenarios
COPY scripts ./scripts
# A volume mounted here starts with this owner, so the job can write to it.
RUN mkdir /k6 && chown node:node /k6
USER node
CMD ["node_modules/.bin/tsx", "scripts/seed-stack.ts"]

# The service: the compiled dist/ and the production dependencies, run as the image's unprivileged
# `node` user, over files it cannot change.
FROM node:20.20.2-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
COPY --from=service-deps /app/node_modules ./node_modules
# package.json says "type": "module": dist/ is ES modules.
COPY package.json ./
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# The service shuts down gracefully on SIGTERM: in-flight requests finish, then pools close.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/service/main.js"]
