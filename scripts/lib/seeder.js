'use strict';
/**
 * Seeds the demo store through the gateway, like any client would. Idempotent: the store is found
 * among its owner's stores, products are recognised by handle, and every stock change carries an
 * idempotency key derived from its product, so running it again creates nothing and adds no stock.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DEMO_OWNER_ID, DEMO_STORE, demoProducts } = require('./seed-data');

const root = path.resolve(__dirname, '../..');
const DEV_TOKEN_CLI = path.join(root, 'subgraphs', 'kit', 'dist', 'cli', 'dev-token.js');

/** The command a developer pastes to get a token of the demo store's owner, acting for it. */
function tokenCommand(storeId) {
  return `npm run --silent token -- --role MERCHANT --store ${storeId} --user ${DEMO_OWNER_ID}`;
}

/** A development token of the demo store's owner (for `storeId`, or for no store), from the same CLI as `npm run token`. */
function devToken(storeId, ttlSeconds = 3600) {
  if (!fs.existsSync(DEV_TOKEN_CLI)) throw new Error(`${path.relative(root, DEV_TOKEN_CLI)} is missing: run \`npm run build\` first`);
  const role = storeId ? ['--role', 'MERCHANT', '--store', storeId] : ['--role', 'CUSTOMER'];
  return execFileSync(process.execPath, [DEV_TOKEN_CLI, ...role, '--user', DEMO_OWNER_ID, '--ttl', String(ttlSeconds)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

function graphqlClient(url, token) {
  return async function request(query, variables = {}) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
    }
    if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((error) => error.message).join('; ')}`);
    return body.data;
  };
}

const MY_STORES = `query SeedMyStores { myStores { id name } }`;
const CREATE_STORE = `mutation SeedCreateStore($input: CreateStoreInput!) {
  createStore(input: $input) { store { id } userErrors { code field message } }
}`;

/** The demo store's id: found among its owner's stores, or created (the owner becomes its merchant). */
async function ensureDemoStore(gatewayUrl) {
  const request = graphqlClient(gatewayUrl, devToken(null));
  const { myStores } = await request(MY_STORES);
  const found = myStores.find((store) => store.name === DEMO_STORE.name);
  if (found) return { storeId: found.id, created: false };
  const { createStore } = await request(CREATE_STORE, { input: DEMO_STORE });
  const [error] = createStore.userErrors;
  if (error) throw new Error(`createStore: ${error.code} ${error.message}`);
  return { storeId: createStore.store.id, created: true };
}

const PRODUCTS_PAGE = `query SeedProducts($after: String) {
  products(first: 100, after: $after) { totalCount nodes { id handle } pageInfo { hasNextPage endCursor } }
}`;
const CREATE_PRODUCT = `mutation SeedCreateProduct($input: CreateProductInput!) {
  createProduct(input: $input) { product { id handle } userErrors { code field message } }
}`;
const ADJUST_STOCK = `mutation SeedAdjustStock($input: AdjustStockInput!) {
  adjustStock(input: $input) { inventoryItem { onHand } userErrors { code field message } }
}`;

/** handle → id of every product the caller's store already has. */
async function existingProducts(request) {
  const byHandle = new Map();
  let after = null;
  for (;;) {
    const { products } = await request(PRODUCTS_PAGE, { after });
    for (const node of products.nodes) byHandle.set(node.handle, node.id);
    if (!products.pageInfo.hasNextPage) return byHandle;
    after = products.pageInfo.endCursor;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task` over `items`, `limit` at a time. */
async function eachLimited(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Gives a product its demo stock. The inventory item appears asynchronously (from the
 * catalog.product-created event), so NOT_FOUND is retried for a while.
 */
async function stockProduct(request, productId, product, timeoutMs) {
  const input = { productId, delta: product.stock, reason: 'Demo data', idempotencyKey: `demo-seed:stock:${productId}` };
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const { adjustStock } = await request(ADJUST_STOCK, { input });
    const [error] = adjustStock.userErrors;
    if (!error) return adjustStock.inventoryItem.onHand;
    if (error.code !== 'NOT_FOUND' || Date.now() > deadline) throw new Error(`adjustStock for ${product.handle}: ${error.code} ${error.message}`);
    await sleep(Math.min(100 * 2 ** attempt, 1000));
  }
}

/**
 * @param {object} options
 * @param {string} options.gatewayUrl e.g. http://127.0.0.1:4000/graphql
 * @param {(message: string) => void} [options.log]
 * @param {number} [options.stockTimeoutMs] how long to wait for each inventory item to appear
 * @returns {Promise<{ storeId: string, created: number, existing: number, stocked: number, totalCount: number }>}
 */
async function seedDemoStore(options) {
  const log = options.log ?? (() => {});
  const store = await ensureDemoStore(options.gatewayUrl);
  const storeId = store.storeId;
  log(`store ${storeId} (${store.created ? 'created' : 'already there'})`);
  const request = graphqlClient(options.gatewayUrl, devToken(storeId));
  const products = demoProducts();

  const existing = await existingProducts(request);
  const ids = new Map();
  let created = 0;
  let alreadyThere = 0;
  await eachLimited(products, 4, async (product) => {
    if (existing.has(product.handle)) {
      ids.set(product.handle, existing.get(product.handle));
      alreadyThere++;
      return;
    }
    const { createProduct } = await request(CREATE_PRODUCT, { input: product.input });
    const [error] = createProduct.userErrors;
    if (error?.code === 'HANDLE_TAKEN') {
      // created concurrently, or archived and not listed: leave it as it is
      alreadyThere++;
      return;
    }
    if (error) throw new Error(`createProduct ${product.handle}: ${error.code} ${error.message}`);
    ids.set(product.handle, createProduct.product.id);
    created++;
  });
  log(`products: ${created} created, ${alreadyThere} already there`);

  let stocked = 0;
  await eachLimited(
    products.filter((product) => ids.has(product.handle)),
    4,
    async (product) => {
      await stockProduct(request, ids.get(product.handle), product, options.stockTimeoutMs ?? 30000);
      stocked++;
    },
  );
  const { products: after } = await request(PRODUCTS_PAGE, { after: null });
  log(`stock: set for ${stocked} products (fixed idempotency keys: a repeat adds nothing); the store has ${after.totalCount} products`);
  return { storeId, created, existing: alreadyThere, stocked, totalCount: after.totalCount };
}

module.exports = { seedDemoStore, devToken, tokenCommand };
