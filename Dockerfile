# syntax=docker/dockerfile:1
# One image for every UltraMarket service; docker-compose.yml picks the entry with `command`:
#   node subgraphs/<name>/dist/main.js (accounts, stores, catalog, inventory, cart, orders, payments, customers, notifications, shipping, analytics, apps, reviews) · node gateway/dist/main.js
ARG NODE_IMAGE=node:24-bookworm-slim

# --- dependencies of every workspace (dev ones included: the build needs TypeScript) ----------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/accounts/package.json subgraphs/accounts/
COPY subgraphs/stores/package.json subgraphs/stores/
COPY subgraphs/catalog/package.json subgraphs/catalog/
COPY subgraphs/inventory/package.json subgraphs/inventory/
COPY subgraphs/cart/package.json subgraphs/cart/
COPY subgraphs/orders/package.json subgraphs/orders/
COPY subgraphs/notifications/package.json subgraphs/notifications/
COPY subgraphs/payments/package.json subgraphs/payments/
COPY subgraphs/customers/package.json subgraphs/customers/
COPY subgraphs/shipping/package.json subgraphs/shipping/
COPY subgraphs/apps/package.json subgraphs/apps/
COPY subgraphs/analytics/package.json subgraphs/analytics/
COPY subgraphs/reviews/package.json subgraphs/reviews/
COPY schema/package.json schema/
COPY schema/client/package.json schema/client/
COPY gateway/package.json gateway/
RUN npm ci --no-audit --no-fund

# --- compile the workspaces to dist/ (kit first: npm follows the "workspaces" order) ----------
FROM deps AS build
COPY tsconfig.json lerna.json ./
COPY subgraphs subgraphs
COPY schema schema
COPY gateway gateway
RUN npm run build --workspaces --if-present

# --- production dependencies only ------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/accounts/package.json subgraphs/accounts/
COPY subgraphs/stores/package.json subgraphs/stores/
COPY subgraphs/catalog/package.json subgraphs/catalog/
COPY subgraphs/inventory/package.json subgraphs/inventory/
COPY subgraphs/cart/package.json subgraphs/cart/
COPY subgraphs/orders/package.json subgraphs/orders/
COPY subgraphs/notifications/package.json subgraphs/notifications/
COPY subgraphs/payments/package.json subgraphs/payments/
COPY subgraphs/customers/package.json subgraphs/customers/
COPY subgraphs/shipping/package.json subgraphs/shipping/
COPY subgraphs/apps/package.json subgraphs/apps/
COPY subgraphs/analytics/package.json subgraphs/analytics/
COPY subgraphs/reviews/package.json subgraphs/reviews/
COPY schema/package.json schema/
COPY schema/client/package.json schema/client/
COPY gateway/package.json gateway/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true
WORKDIR /app
# package.json files and node_modules (root and per workspace), then what was built
COPY --from=prod-deps /app ./
COPY --from=build /app/subgraphs/kit/dist subgraphs/kit/dist
COPY --from=build /app/subgraphs/accounts/dist subgraphs/accounts/dist
COPY --from=build /app/subgraphs/stores/dist subgraphs/stores/dist
COPY --from=build /app/subgraphs/catalog/dist subgraphs/catalog/dist
COPY --from=build /app/subgraphs/inventory/dist subgraphs/inventory/dist
COPY --from=build /app/subgraphs/cart/dist subgraphs/cart/dist
COPY --from=build /app/subgraphs/orders/dist subgraphs/orders/dist
COPY --from=build /app/subgraphs/payments/dist subgraphs/payments/dist
COPY --from=build /app/subgraphs/customers/dist subgraphs/customers/dist
COPY --from=build /app/subgraphs/notifications/dist subgraphs/notifications/dist
COPY --from=build /app/subgraphs/shipping/dist subgraphs/shipping/dist
COPY --from=build /app/subgraphs/apps/dist subgraphs/apps/dist
COPY --from=build /app/subgraphs/analytics/dist subgraphs/analytics/dist
COPY --from=build /app/subgraphs/reviews/dist subgraphs/reviews/dist
COPY --from=build /app/gateway/dist gateway/dist
# read at run time: the committed supergraph and the explorer's browser script
COPY schema/supergraph.graphql schema/
# the event contracts: webhook bodies name them (dataSchema); EVENT_CONTRACT_CHECK reads them when it is on
COPY schema/events schema/events
COPY gateway/src/explorer/explorer.browser.js gateway/src/explorer/
# the development key pair lands here (a volume in docker-compose.yml) unless JWT_PUBLIC_KEY is set
RUN mkdir -p /app/.dev-keys && chown node:node /app/.dev-keys
USER node
EXPOSE 4000 4001 4002 4003 4004 4006 4007 4008 4009
CMD ["node", "gateway/dist/main.js"]
