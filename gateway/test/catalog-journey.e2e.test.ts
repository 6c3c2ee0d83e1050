import { randomUUID } from 'node:crypto';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { UNTHROTTLED } from './support/unthrottled';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';
import { parseCsv } from '../../subgraphs/catalog/src/bulk/csv';
import type { InventoryItemFieldsFragment, OrderSummaryFragment, ProductWithVariantsFragment } from '../../schema/generated/sdk';

const USD = (amount: number) => ({ amount, currencyCode: 'USD' });
const SIZES = ['S', 'M', 'L'];
const COLOURS = ['Red', 'Blue'];
/** Each variant's price: the larger sizes cost more, blue a little more than red. */
const priceOf = (size: string, colour: string) => 1800 + SIZES.indexOf(size) * 200 + (colour === 'Blue' ? 100 : 0);
const skuOf = (size: string, colour: string) => `TEE-${colour.toUpperCase()}-${size}`;

/**
 * Issue 13's journey through the gateway, as a merchant and shoppers do it with the generated SDK:
 * a T-shirt in three sizes and two colours, priced per variant, stocked at two locations, ordered by
 * variant, 200 shoppers racing for the 10 units of one variant kept 6 + 4 across the locations, an
 * automated collection following its tags, a misspelt search finding it with facet counts (the
 * category facet named), and a CSV export carrying its stock into a second store.
 */
describe('catalog journey: a product with variants, stocked at two locations, sold by variant', () => {
  let stack: Stack;
  let store: Storefront;
  let tee: ProductWithVariantsFragment;
  let defaultLocationId: string;
  let warehouseId: string;
  const variant = (size: string, colour: string) => tee.variants.find((one) => one.sku === skuOf(size, colour))!;
  /** Every stock row of the store (at most 6 variants × 2 locations), by "variant@location". */
  const levels = async (): Promise<Map<string, InventoryItemFieldsFragment>> => {
    const { inventory } = await store.merchant.InventoryLevels({ first: 20 });
    return new Map(inventory.nodes.map((item) => [`${item.variantId}@${item.locationId}`, item]));
  };
  const level = (all: Map<string, InventoryItemFieldsFragment>, variantId: string, locationId: string) => {
    const item = all.get(`${variantId}@${locationId}`);
    return item ? { onHand: item.onHand, reserved: item.reserved, available: item.available } : undefined;
  };

  beforeAll(async () => {
    // 200 concurrent buyers and a merchant polling their orders: the query-cost budgets are out of the way
    // here (rate-limits.e2e.test.ts is about them)
    stack = await acquireStack({ name: 'journey', env: UNTHROTTLED });
    store = new Storefront(stack);
  }, 120_000);
  afterAll(async () => {
    await releaseStack(stack);
  });

  it('creates a 2×3 product, one variant per combination, each with its own SKU and price', async () => {
    const combinations = COLOURS.flatMap((colour) => SIZES.map((size) => ({ size, colour })));
    const { createProduct } = await store.merchant.CreateProductWithVariants({
      input: {
        title: 'Summer T-shirt',
        description: 'Soft organic cotton tee',
        status: 'ACTIVE',
        price: USD(1800),
        vendor: 'Acme Apparel',
        productType: 'T-shirt',
        tags: ['cotton'],
        options: [
          { name: 'Size', values: SIZES },
          { name: 'Colour', values: COLOURS },
        ],
        variants: combinations.map(({ size, colour }) => ({
          sku: skuOf(size, colour),
          price: USD(priceOf(size, colour)),
          options: [
            { name: 'Size', value: size },
            { name: 'Colour', value: colour },
          ],
        })),
      },
    });
    expect(createProduct.userErrors).toEqual([]);
    tee = createProduct.product!;
    expect(tee.options.map((option) => [option.name, option.values])).toEqual([
      ['Size', SIZES],
      ['Colour', COLOURS],
    ]);
    expect(tee.variants).toHaveLength(6);
    expect(tee.variants.map((one) => [one.title, one.sku, one.price.amount]).sort()).toEqual(
      combinations.map(({ size, colour }) => [`${size} / ${colour}`, skuOf(size, colour), priceOf(size, colour)]).sort(),
    );
    expect(tee.price).toEqual(USD(1800));
    expect(tee.priceRange).toEqual({ min: USD(1800), max: USD(2300) });
    // the product's own id names its first variant
    expect(tee.variants[0].id).toBe(tee.id);
  });

  it('stocks variants at two locations: set at the default one, moved to a second "Warehouse"', async () => {
    const { createLocation } = await store.merchant.CreateLocation({ input: { name: 'Warehouse', code: 'warehouse', priority: 10 } });
    expect(createLocation.userErrors).toEqual([]);
    warehouseId = createLocation.location!.id;

    // inventory learns the variants from catalog's event
    const mediumRed = variant('M', 'Red');
    await eventually(
      async () => {
        const { setStock } = await store.merchant.SetStock({
          input: { variantId: mediumRed.id, onHand: 10, reason: 'received', idempotencyKey: randomUUID() },
        });
        return setStock.userErrors.length === 0 ? setStock.inventoryItem : undefined;
      },
      15_000,
      'inventory to know the variants',
    );
    const { locations } = await store.merchant.Locations({ first: 10 });
    defaultLocationId = locations.nodes.find((location) => location.isDefault)!.id;
    expect(locations.nodes.map((location) => location.name).sort()).toEqual(['Default', 'Warehouse'].sort());

    const { transferStock } = await store.merchant.TransferStock({
      input: {
        variantId: mediumRed.id,
        fromLocationId: defaultLocationId,
        toLocationId: warehouseId,
        quantity: 4,
        reason: 'rebalance',
        idempotencyKey: randomUUID(),
      },
    });
    expect(transferStock.userErrors).toEqual([]);
    expect(transferStock.from).toMatchObject({ onHand: 6, available: 6 });
    expect(transferStock.to).toMatchObject({ onHand: 4, available: 4 });

    // small blue is kept only at the warehouse, large red only at the default location
    const small = await store.merchant.SetStock({
      input: { variantId: variant('S', 'Blue').id, locationId: warehouseId, onHand: 5, reason: 'received', idempotencyKey: randomUUID() },
    });
    expect(small.setStock.userErrors).toEqual([]);
    const large = await store.merchant.SetStock({ input: { variantId: variant('L', 'Red').id, onHand: 7, reason: 'received', idempotencyKey: randomUUID() } });
    expect(large.setStock.userErrors).toEqual([]);

    const all = await levels();
    expect(level(all, mediumRed.id, defaultLocationId)).toEqual({ onHand: 6, reserved: 0, available: 6 });
    expect(level(all, mediumRed.id, warehouseId)).toEqual({ onHand: 4, reserved: 0, available: 4 });
    expect(level(all, variant('S', 'Blue').id, warehouseId)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(level(all, variant('L', 'Red').id, defaultLocationId)).toEqual({ onHand: 7, reserved: 0, available: 7 });
    // the product's stock is the sum over its variants and locations
    expect(await store.stock(tee.id)).toEqual({ stock: 22, onHand: 22, reserved: 0 });
  });

  it('sells a variant: the line shows its title, SKU and price, and the stock is held where the variant is kept', async () => {
    const smallBlue = variant('S', 'Blue');
    const shopper = store.customer();
    const placed = await store.placeOrder(shopper.sdk, [{ variantId: smallBlue.id, quantity: 2 }]);
    await store.orderUntil(placed.id, (order) => order.reservationStatus === 'RESERVED', 'the reservation');
    const { order } = await shopper.sdk.OrderById({ id: placed.id });
    expect(order!.lineItems).toEqual([
      expect.objectContaining({
        productId: tee.id,
        variantId: smallBlue.id,
        title: 'Summer T-shirt',
        variantTitle: 'S / Blue',
        sku: 'TEE-BLUE-S',
        selectedOptions: [
          { name: 'Size', value: 'S' },
          { name: 'Colour', value: 'Blue' },
        ],
        variant: { id: smallBlue.id },
        quantity: 2,
        unitPrice: USD(priceOf('S', 'Blue')),
      }),
    ]);
    expect(order!.subtotal.amount).toBe(2 * priceOf('S', 'Blue'));
    const all = await levels();
    expect(level(all, smallBlue.id, warehouseId)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    expect(level(all, smallBlue.id, defaultLocationId)?.reserved ?? 0).toBe(0);
  });

  it('races 200 shoppers for one variant kept 6 + 4 at two locations: exactly 10 orders hold stock, the other variants untouched', async () => {
    const mediumRed = variant('M', 'Red');
    const before = await levels();
    const placed = await Promise.all(Array.from({ length: 200 }, () => store.placeOrder(store.customer().sdk, [{ variantId: mediumRed.id, quantity: 1 }])));
    const settled: OrderSummaryFragment[] = await store.ordersUntil(
      placed.map((order) => order.id),
      (order) => order.reservationStatus !== 'PENDING',
      'every order to settle',
    );
    const holding = settled.filter((order) => order.reservationStatus === 'RESERVED');
    const cancelled = settled.filter((order) => order.status === 'CANCELLED');
    expect(holding).toHaveLength(10);
    expect(cancelled).toHaveLength(190);
    expect(cancelled.every((order) => order.reservationStatus === 'FAILED' && /Not enough stock/.test(order.cancelReason ?? ''))).toBe(true);

    const after = await levels();
    expect(level(after, mediumRed.id, defaultLocationId)).toEqual({ onHand: 6, reserved: 6, available: 0 });
    expect(level(after, mediumRed.id, warehouseId)).toEqual({ onHand: 4, reserved: 4, available: 0 });
    for (const [key, item] of before) {
      if (item.variantId !== mediumRed.id) expect(after.get(key)).toEqual(item);
    }
  });
  it('puts the product in an automated "Summer sale" collection when it is tagged summer, and takes it out when the tag goes', async () => {
    const { createCollection } = await store.merchant.CreateCollection({
      input: { title: 'Summer sale', kind: 'AUTOMATED', match: 'ALL', rules: [{ field: 'TAG', relation: 'EQUALS', value: 'summer' }], published: true },
    });
    expect(createCollection.userErrors).toEqual([]);
    const collectionId = createCollection.collection!.id;
    const members = async () => {
      const { collection } = await store.merchant.CollectionById({ id: collectionId, first: 10 });
      return collection!.products.nodes.map((product) => product.id);
    };
    expect(await members()).toEqual([]);

    const tagged = await store.merchant.UpdateProduct({ input: { id: tee.id, tags: ['cotton', 'summer'] } });
    expect(tagged.updateProduct.userErrors).toEqual([]);
    // membership follows catalog.product-updated, not a recomputation per read
    await eventually(async () => (await members()).includes(tee.id), 15_000, 'the tee to join Summer sale');
    const { collection } = await store.merchant.CollectionById({ id: collectionId, first: 10 });
    expect(collection).toMatchObject({ productsCount: 1, products: { totalCount: 1 } });

    const untagged = await store.merchant.UpdateProduct({ input: { id: tee.id, tags: ['cotton'] } });
    expect(untagged.updateProduct.userErrors).toEqual([]);
    await eventually(async () => (await members()).length === 0, 15_000, 'the tee to leave Summer sale');
  });
  it('finds the tee by a misspelt search, with facet counts from what was created and stocked', async () => {
    // a second product, out of stock, so the facets have something to tell apart
    const { createProduct } = await store.merchant.CreateProductWithVariants({
      input: { title: 'Ceramic Mug', status: 'ACTIVE', price: USD(1200), vendor: 'Hearth & Table', productType: 'Mug' },
    });
    expect(createProduct.userErrors).toEqual([]);
    const mugId = createProduct.product!.id;
    await eventually(
      async () => {
        const { setStock } = await store.merchant.SetStock({ input: { productId: mugId, onHand: 0, reason: 'count', idempotencyKey: randomUUID() } });
        return setStock.userErrors.length === 0;
      },
      15_000,
      'inventory to know the mug',
    );

    // search documents follow catalog's and inventory's events
    const misspelt = await eventually(
      async () => {
        const { productSearch } = await store.merchant.ProductSearch({ query: 'tshrit', first: 10 });
        return productSearch.products.nodes.some((product) => product.id === tee.id) ? productSearch : undefined;
      },
      15_000,
      'the tee to be found as "tshrit"',
    );
    expect(misspelt.textMatch).toBe('SIMILAR_SPELLING');
    expect(misspelt.totalCount).toBe(1);
    expect(misspelt.products.nodes.map((product) => product.title)).toEqual(['Summer T-shirt']);
    const byName = (values: { value: string; count: number }[]) => Object.fromEntries(values.map(({ value, count }) => [value, count]));
    const options = Object.fromEntries(misspelt.facets.options.map((option) => [option.name, byName(option.values)]));
    expect(options).toEqual({ Size: { S: 1, M: 1, L: 1 }, Colour: { Red: 1, Blue: 1 } });
    expect(byName(misspelt.facets.vendors)).toEqual({ 'Acme Apparel': 1 });
    expect(byName(misspelt.facets.productTypes)).toEqual({ 'T-shirt': 1 });
    // the race sold M / Red out, but its other variants are in stock
    expect(misspelt.facets.inStock).toEqual({ inStock: 1, outOfStock: 0 });

    const everything = await eventually(
      async () => {
        const { productSearch } = await store.merchant.ProductSearch({ first: 10 });
        return productSearch.totalCount === 2 && productSearch.facets.inStock.outOfStock === 1 ? productSearch : undefined;
      },
      15_000,
      'the mug to count as out of stock',
    );
    expect(everything.facets.inStock).toEqual({ inStock: 1, outOfStock: 1 });
    expect(byName(everything.facets.vendors)).toEqual({ 'Acme Apparel': 1, 'Hearth & Table': 1 });

    const blueInStock = await store.merchant.ProductSearch({ filter: { options: [{ name: 'Colour', value: 'Blue' }], inStock: true }, first: 10 });
    expect(blueInStock.productSearch.products.nodes.map((product) => product.id)).toEqual([tee.id]);
  });
  it('names the category facet’s values for shoppers: the category’s name and handle, not only its id', async () => {
    const { createCategory } = await store.merchant.CreateCategory({ input: { name: 'Tops', handle: 'tops' } });
    expect(createCategory.userErrors).toEqual([]);
    const topsId = createCategory.category!.id;
    const { assignProductCategories } = await store.merchant.AssignProductCategories({ input: { productId: tee.id, categoryIds: [topsId] } });
    expect(assignProductCategories.userErrors).toEqual([]);

    const shopper = store.sdkFor();
    const { productSearch } = await eventually(
      async () => {
        const found = await shopper.ProductSearch({ first: 10 });
        return found.productSearch.facets.categories.length > 0 ? found : undefined;
      },
      15_000,
      'the category facet',
    );
    expect(productSearch.facets.categories).toEqual([{ value: topsId, count: 1, category: { id: topsId, name: 'Tops', handle: 'tops' } }]);
  });

  it('exports the store with each variant’s on-hand (summed over its locations) and imports it into a second store with the same on-hand', async () => {
    /** On-hand per variant (by SKU, or the product's handle for a variant without one), summed over a store's locations. */
    const onHandOf = async (front: Storefront): Promise<Record<string, number>> => {
      const { products } = await front.merchant.Products({ first: 10 });
      const keyOf = new Map<string, string>();
      for (const { node } of products.edges) {
        const { product } = await front.merchant.ProductWithVariants({ id: node.id });
        for (const one of product!.variants) keyOf.set(one.id, one.sku ?? product!.handle);
      }
      const { inventory } = await front.merchant.InventoryLevels({ first: 50 });
      const sums: Record<string, number> = Object.fromEntries([...keyOf.values()].map((key) => [key, 0]));
      for (const item of inventory.nodes) sums[keyOf.get(item.variantId!)!] += item.onHand;
      return sums;
    };
    const inA = await onHandOf(store);
    // M / Red is kept 6 + 4 at two locations (all reserved by the race: on hand is still 10)
    expect(inA).toMatchObject({ [skuOf('M', 'Red')]: 10, [skuOf('S', 'Blue')]: 5, [skuOf('L', 'Red')]: 7 });

    /** "Variant Inventory Qty" per variant key of an exported file. */
    const quantitiesOf = (csv: string): Record<string, string> => {
      const [header, ...rows] = parseCsv(csv).map((record) => record.cells);
      const [handle, sku, quantity] = ['Handle', 'Variant SKU', 'Variant Inventory Qty'].map((column) => header.indexOf(column));
      return Object.fromEntries(rows.map((cells) => [cells[sku] || cells[handle], cells[quantity]]));
    };
    const finished = (front: Storefront, id: string) =>
      eventually(
        async () => {
          const { bulkOperation } = await front.merchant.BulkOperation({ id });
          return bulkOperation?.status === 'COMPLETED' ? bulkOperation : undefined;
        },
        60_000,
        'the bulk operation to complete',
      );
    // catalog's copy of stock follows inventory's events: the export carries every count once they have arrived
    const file = await eventually(
      async () => {
        const { startProductExport } = await store.merchant.StartProductExport({ input: { jobKey: randomUUID() } });
        expect(startProductExport.userErrors).toEqual([]);
        const csv = (await finished(store, startProductExport.bulkOperation!.id)).resultCsv!;
        const quantities = quantitiesOf(csv);
        const complete = Object.entries(inA).every(([key, onHand]) => quantities[key] === String(onHand) || (onHand === 0 && quantities[key] === ''));
        return complete ? csv : undefined;
      },
      30_000,
      'an export with every variant’s on-hand',
    );
    expect(quantitiesOf(file)).toMatchObject({ [skuOf('M', 'Red')]: '10', [skuOf('S', 'Blue')]: '5', [skuOf('L', 'Red')]: '7' });

    const copy = await Storefront.open(stack, 'Journey Copy');
    const { startProductImport } = await copy.merchant.StartProductImport({ input: { jobKey: randomUUID(), csv: file } });
    expect(startProductImport.userErrors).toEqual([]);
    expect(await finished(copy, startProductImport.bulkOperation!.id)).toMatchObject({ failedRows: 0, succeededRows: 7 });
    // inventory sets the imported counts at the copy's default location from catalog's event
    const inB = await eventually(
      async () => {
        const sums = await onHandOf(copy);
        const sorted = (counts: Record<string, number>) => JSON.stringify(Object.entries(counts).sort());
        return sorted(sums) === sorted(inA) ? sums : undefined;
      },
      30_000,
      'the copy’s stock to match',
    );
    expect(inB).toEqual(inA);
  });
});
