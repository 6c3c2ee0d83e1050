'use strict';
/**
 * Seeds a bench stack through its gateway: ACTIVE products of one store with distinct prices, in
 * shuffled order (so creation, title and price orders differ), each with stock on hand.
 */
const { randomInt, randomUUID } = require('node:crypto');
const { graphql } = require('./graphql-client');

const CREATE_PRODUCT = `mutation Create($input: CreateProductInput!) {
  createProduct(input: $input) { product { id } userErrors { code message } }
}`;
const ADJUST_STOCK = `mutation Adjust($input: AdjustStockInput!) {
  adjustStock(input: $input) { inventoryItem { available } userErrors { code message } }
}`;
const WORDS = ['linen', 'oak', 'copper', 'wool', 'ceramic', 'walnut', 'cotton', 'steel', 'glass', 'leather', 'bamboo', 'marble'];
const ITEMS = ['shirt', 'lamp', 'mug', 'scarf', 'table', 'bowl', 'chair', 'jacket', 'vase', 'bag', 'shelf', 'clock'];

function shuffle(items) {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Runs `task` over `items` with at most `concurrency` at a time. */
async function inParallel(items, concurrency, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

async function createProduct(gatewayUrl, token, spec) {
  const data = await graphql(
    gatewayUrl,
    CREATE_PRODUCT,
    { input: { title: spec.title, price: { amount: spec.price, currencyCode: 'USD' }, status: 'ACTIVE' } },
    token,
  );
  const { product, userErrors } = data.createProduct;
  if (!product) throw new Error(`createProduct failed: ${JSON.stringify(userErrors)}`);
  return product.id;
}

/** The inventory item appears once inventory has consumed catalog.product-created: retry until then. */
async function addStock(gatewayUrl, token, productId, delta, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  const input = { productId, delta, reason: 'bench seed', idempotencyKey: randomUUID() };
  for (;;) {
    const { userErrors, inventoryItem } = (await graphql(gatewayUrl, ADJUST_STOCK, { input }, token)).adjustStock;
    if (inventoryItem && userErrors.length === 0) return inventoryItem.available;
    if (!userErrors.every((error) => error.code === 'NOT_FOUND') || Date.now() > deadline) {
      throw new Error(`adjustStock(${productId}) failed: ${JSON.stringify(userErrors)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Returns the products created, `{ id, title, price, stock }`, in creation order. */
async function seedProducts(gatewayUrl, token, count) {
  const specs = shuffle(
    Array.from({ length: count }, (_, i) => ({
      title: `${WORDS[randomInt(WORDS.length)]} ${ITEMS[randomInt(ITEMS.length)]} ${i + 1}`,
      price: 100 + i * 100 + randomInt(100),
      stock: 1 + randomInt(500),
    })),
  );
  // sequential creation keeps created_at distinct and in spec order
  for (const spec of specs) spec.id = await createProduct(gatewayUrl, token, spec);
  await inParallel(specs, 8, (spec) => addStock(gatewayUrl, token, spec.id, spec.stock));
  return specs;
}

module.exports = { seedProducts, addStock, inParallel, shuffle };
