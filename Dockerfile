# Single-node floodnet: one container, its SQLite file in the /data volume.
FROM node:20-bookworm-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci --no-audit --no-fund && npm run build:web
ENV FLOODNET_DATA=/data FLOODNET_PORT=8080
EXPOSE 8080
VOLUME ["/data"]
CMD ["npx", "tsx", "apps/server/src/server.ts"]
