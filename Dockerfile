# The API image for docker-compose.yml: seeds the graph (idempotent), then serves GraphQL, from
# the compiled build (dist/) with production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
# Read at run time from the repository root (src/paths.ts): the schema, the seed articles, the
# Browser style and guide, the trained models.
COPY schema ./schema
COPY seed ./seed
COPY neo4j ./neo4j
COPY models ./models
EXPOSE 4000
CMD ["node", "--enable-source-maps", "dist/cli/start.js"]
