# The API image for docker-compose.yml: seeds the graph (idempotent), then serves GraphQL.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY tsconfig.json ./
COPY schema ./schema
COPY seed ./seed
COPY src ./src
ENV NODE_ENV=production
EXPOSE 4000
CMD ["npm", "start"]
