# syntax=docker/dockerfile:1
# casework API and worker image (production profile, see docker-compose.yml).
#   docker build -t casework .
#   docker run casework                                   # API:    node dist/apps/api/main.js
#   docker run casework node dist/apps/worker/main.js     # worker

# --- build: compile TypeScript to dist/, bundle the workflows into dist/workflow-bundle.js --------------
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node scripts/build.mjs

# --- production dependencies only -----------------------------------------------------------------
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------------------
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# NODE_ENV=production: the worker loads dist/workflow-bundle.js instead of bundling at start-up.
USER node
EXPOSE 3000
# Health check: set per service in docker-compose.yml (the worker serves no HTTP).
CMD ["node", "dist/apps/api/main.js"]
