'use strict';
const { allNodes, eachLimited, sleep } = require('./client');

// pages of 25: each product brings its variants, images and categories, and the page stays within the query-cost limit
const PRODUCTS_PAGE = `query SeedProducts($after: String) {
  products(first: 25, after: $after) {
    totalCount
    nodes { id handle inventory { onHand } variants { id } media { id } categories { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CREATE_PRODUCT = `mutation SeedCreateProduct($input: CreateProductInput!) {
  createProduct(input: $input) { product { id handle variants { id } media { id } categories { id } } userErrors { code field message } }
}`;
const ADJUST_STOCK = `mutation SeedAdjustStock($input: AdjustStockInput!) {
  adjustStock(input: $input) { inventoryItem { onHand } userErrors { code field message } }
}`;

/**
 * Gives a variant its demo stock (at the store's default location). The inventory item appears
 * asynchronously (from the catalog.product-created event), so NOT_FOUND is retried for a while. The
 * key names the variant, which for a product's default variant is the product id, as it always was.
 */
async function stockVariant(request, variantId, product, timeoutMs) {
  const input = { variantId, delta: product.stock, reason: 'Demo data', idempotencyKey: `demo-seed:stock:${variantId}` };
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
 * Creates the `products` the store `request` acts for does not have yet (recognised by handle) and
 * stocks the ones it created. Stock changes carry an idempotency key derived from the product, so a
 * product stocked before gains nothing.
 *
 * @returns {Promise<{ ids: Map<string, string>, nodes: Map<string, object>, created: number, existing: number, stocked: number, totalCount: number }>}
 *   ids: handle → id of every product of `products` the store has; nodes: handle → that product's
 *   `{ id, handle, variants, media, categories }`
 */
async function seedProducts(request, products, { stockTimeoutMs = 30000 } = {}) {
  const listed = await allNodes(request, PRODUCTS_PAGE, (data) => data.products);
  const existing = new Map(listed.map((node) => [node.handle, node.id]));
  const nodes = new Map(listed.map((node) => [node.handle, node]));
  const ids = new Map();
  const fresh = [];
  // created by a run that stopped before stocking them (the stock's idempotency key keeps the rest from gaining twice)
  const unstocked = products.filter((product) => listed.some((node) => node.handle === product.handle && node.inventory?.onHand === 0));
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
    nodes.set(product.handle, createProduct.product);
    fresh.push(product);
  });
  // a product stocked before would gain nothing (same idempotency key): only new or empty ones are asked
  const toStock = [...fresh, ...unstocked];
  const variantsToStock = toStock.flatMap((product) => nodes.get(product.handle).variants.map((variant) => ({ variantId: variant.id, product })));
  await eachLimited(variantsToStock, 4, ({ variantId, product }) => stockVariant(request, variantId, product, stockTimeoutMs));
  const totalCount = fresh.length > 0 ? (await request(PRODUCTS_PAGE, { after: null })).products.totalCount : existing.size;
  return { ids, nodes, fresh, created: fresh.length, existing: alreadyThere, stocked: toStock.length, totalCount };
}

module.exports = { seedProducts };
