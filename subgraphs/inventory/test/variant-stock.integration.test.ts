import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { inventorySubgraph } from '../src/inventory.subgraph';
import { inventoryEvents } from './support/inventory-events';

type UserErrors = { code: string; field: string[] | null; message: string }[];
type Item = { variantId: string; locationId: string; onHand: number; reserved: number; available: number; incoming: number; lowStockThreshold: number };

const ITEM = 'variantId locationId onHand reserved available incoming lowStockThreshold';
const mutationOf = (name: string, payload = `inventoryItem { ${ITEM} }`) =>
  `mutation ($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${payload} userErrors { code field message } } }`;
const LOCATIONS = `query { locations(first: 100) { totalCount nodes { id name code priority active isDefault city } } }`;
const VARIANTS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ProductVariant { id available inStock
  inventoryLevels { locationId onHand reserved available incoming lowStockThreshold location { name code } } } } }`;
const PRODUCTS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id stock inStock inventory { onHand reserved available incoming } } } }`;

/** Stock per variant and per location: catalog's variants, locations, the staff's changes, transfers and reservations across locations. */
describe('inventory: stock per variant and per location', () => {
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  let inventory: TestSubgraph;
  let owner: DataSource;
  const events = inventoryEvents(
    () => inventory,
    () => owner,
  );

  const ask = async <T = Record<string, { userErrors: UserErrors } & Record<string, unknown>>>(
    query: string,
    variables: Record<string, unknown> = {},
    token = merchant,
  ) => {
    const result = await inventory.client(token).rawRequest<T>(query, variables);
    return result;
  };
  const mutate = async (name: string, input: Record<string, unknown>, payload?: string) => {
    const result = await ask(mutationOf(name, payload), { input: { reason: 'test', idempotencyKey: randomUUID(), ...input } });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data[name] as { userErrors: UserErrors; inventoryItem?: Item } & Record<string, unknown>;
  };
  const createLocation = async (code: string, priority: number) => {
    const result = await ask(mutationOf('createLocation', 'location { id code priority active isDefault }'), {
      input: { name: `Warehouse ${code}`, code, priority },
    });
    const payload = result.data.createLocation as { location: { id: string } | null; userErrors: UserErrors };
    expect(payload.userErrors).toEqual([]);
    return payload.location!.id;
  };
  const variants = async (ids: string[], token = merchant) =>
    (await ask<{ _entities: Record<string, unknown>[] }>(VARIANTS, { r: ids.map((id) => ({ __typename: 'ProductVariant', id })) }, token)).data._entities;
  const products = async (ids: string[], token = merchant) =>
    (await ask<{ _entities: Record<string, unknown>[] }>(PRODUCTS, { r: ids.map((id) => ({ __typename: 'Product', id })) }, token)).data._entities;
  const items = (variantId: string): Promise<{ location_id: string; on_hand: number; reserved: number }[]> =>
    owner.query(`SELECT location_id, on_hand, reserved FROM inventory_item WHERE variant_id = $1 ORDER BY location_id`, [variantId]);
  const count = async (sql: string, parameters: unknown[] = []) => Number((await owner.query(sql, parameters))[0].n);
  const outbox = async (type: string, aggregateId: string): Promise<Record<string, unknown>[]> =>
    (
      await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = $1 AND envelope->>'aggregateId' = $2 ORDER BY seq`, [type, aggregateId])
    ).map((row: { envelope: Record<string, unknown> }) => row.envelope);
  /** A product with two tracked variants and one that does not track inventory, as catalog announces it. */
  const tee = async () => {
    const productId = randomUUID();
    const [small, large, giftWrap] = [randomUUID(), randomUUID(), randomUUID()];
    await events.product('created', storeId, productId, [{ variantId: small }, { variantId: large }, { variantId: giftWrap, trackInventory: false }]);
    return { productId, small, large, giftWrap };
  };

  let defaultLocationId: string;
  let northId: string;
  let southId: string;

  beforeAll(async () => {
    inventory = await startTestSubgraph(inventorySubgraph);
    owner = await openOwnerConnection(inventory.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('creates the store’s default location and an empty item per tracked variant on the first catalog event', async () => {
    const { productId, small, large, giftWrap } = await tee();
    const locations = (await ask<{ locations: { totalCount: number; nodes: Record<string, unknown>[] } }>(LOCATIONS)).data.locations;
    expect(locations).toEqual({
      totalCount: 1,
      nodes: [{ id: expect.any(String), name: 'Default', code: 'default', priority: 0, active: true, isDefault: true, city: null }],
    });
    defaultLocationId = locations.nodes[0].id as string;
    expect(await count(`SELECT count(*) AS n FROM inventory_item WHERE product_id = $1`, [productId])).toBe(2);
    expect(await items(giftWrap)).toEqual([]);
    const [smallStock, , giftStock] = await variants([small, large, giftWrap]);
    expect(smallStock).toEqual({
      id: small,
      available: 0,
      inStock: false,
      inventoryLevels: [
        {
          locationId: defaultLocationId,
          onHand: 0,
          reserved: 0,
          available: 0,
          incoming: 0,
          lowStockThreshold: 5,
          location: { name: 'Default', code: 'default' },
        },
      ],
    });
    // a variant that does not track inventory is always in stock, with no levels
    expect(giftStock).toEqual({ id: giftWrap, available: 0, inStock: true, inventoryLevels: [] });
    expect(await products([productId])).toEqual([{ id: productId, stock: 0, inStock: true, inventory: { onHand: 0, reserved: 0, available: 0, incoming: 0 } }]);
  });

  it('follows product updates by version: a newer event adds and unlists variants, an older one changes nothing', async () => {
    const { productId, small, large, giftWrap } = await tee();
    const added = randomUUID();
    await events.product('updated', storeId, productId, [{ variantId: small }, { variantId: added }, { variantId: giftWrap, trackInventory: false }], 3);
    await events.product('updated', storeId, productId, [{ variantId: small }, { variantId: large }], 2);
    expect((await items(added)).length).toBe(1);
    const listed: { variant_id: string; listed: boolean; product_version: number }[] = await owner.query(
      `SELECT variant_id, listed, product_version FROM catalog_variant WHERE product_id = $1`,
      [productId],
    );
    expect(Object.fromEntries(listed.map((row) => [row.variant_id, [row.listed, row.product_version]]))).toEqual({
      [small]: [true, 3],
      [large]: [false, 3],
      [added]: [true, 3],
      [giftWrap]: [true, 3],
    });
    expect((await mutate('adjustStock', { variantId: large, delta: 5 })).userErrors).toEqual([]);
    // stock of a variant catalog no longer lists is kept, but not sold
    expect(await variants([large])).toEqual([expect.objectContaining({ available: 0, inStock: false })]);
    expect((await products([productId]))[0]).toMatchObject({ stock: 0 });
  });

  it('creates, renames, re-prioritises and refuses duplicate or malformed locations', async () => {
    northId = await createLocation('north', 1);
    southId = await createLocation('south', 2);
    const taken = await ask(mutationOf('createLocation', 'location { id }'), { input: { name: 'Again', code: 'north' } });
    expect(taken.data.createLocation).toEqual({ location: null, userErrors: [{ code: 'CODE_TAKEN', field: ['input', 'code'], message: expect.any(String) }] });
    const before = await count(`SELECT count(*) AS n FROM location`);
    const bad = await ask(mutationOf('createLocation', 'location { id }'), { input: { name: '', code: 'Not A Code', countryCode: 'gbr' } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count(`SELECT count(*) AS n FROM location`)).toBe(before);
    const renamed = await ask(mutationOf('updateLocation', 'location { id name priority city }'), {
      input: { id: southId, name: 'South hub', priority: 3, city: 'Leeds' },
    });
    expect(renamed.data.updateLocation).toEqual({ location: { id: southId, name: 'South hub', priority: 3, city: 'Leeds' }, userErrors: [] });
    const missing = await ask(mutationOf('updateLocation', 'location { id }'), { input: { id: randomUUID(), name: 'Ghost' } });
    expect(missing.data.updateLocation).toEqual({ location: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }] });
    const customer = await ask(mutationOf('createLocation', 'location { id }'), { input: { name: 'Mine', code: 'mine' } }, tokenFor([Role.CUSTOMER], storeId));
    expect(customer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('adjusts, sets, expects and thresholds stock per variant and location, publishing each item’s change', async () => {
    const { productId, small, large } = await tee();
    const atNorth = await mutate('adjustStock', { variantId: small, locationId: northId, delta: 7 });
    expect(atNorth).toEqual({ inventoryItem: expect.objectContaining({ variantId: small, locationId: northId, onHand: 7, available: 7 }), userErrors: [] });
    expect((await mutate('adjustStock', { variantId: small, delta: 3 })).inventoryItem).toMatchObject({ locationId: defaultLocationId, onHand: 3 });
    expect((await mutate('setStock', { variantId: small, locationId: northId, onHand: 4 })).inventoryItem).toMatchObject({ onHand: 4 });
    expect((await mutate('setIncoming', { variantId: large, locationId: southId, incoming: 12 })).inventoryItem).toMatchObject({ onHand: 0, incoming: 12 });
    expect((await mutate('setLowStockThreshold', { variantId: small, locationId: northId, lowStockThreshold: 4 })).inventoryItem).toMatchObject({
      lowStockThreshold: 4,
    });
    // a product with several variants is named by variant
    const ambiguous = await mutate('adjustStock', { productId, delta: 1 });
    expect(ambiguous.userErrors).toEqual([{ code: 'VARIANT_REQUIRED', field: ['input', 'productId'], message: expect.any(String) }]);
    const both = await ask(mutationOf('adjustStock'), { input: { variantId: small, productId, delta: 1, reason: 'x', idempotencyKey: randomUUID() } });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknownLocation = await mutate('adjustStock', { variantId: small, locationId: randomUUID(), delta: 1 });
    expect(unknownLocation.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'locationId'], message: expect.any(String) }]);

    expect(await variants([small])).toEqual([
      expect.objectContaining({
        available: 7,
        inStock: true,
        inventoryLevels: [
          expect.objectContaining({ locationId: defaultLocationId, onHand: 3 }),
          expect.objectContaining({ locationId: northId, onHand: 4, lowStockThreshold: 4 }),
        ],
      }),
    ]);
    expect((await products([productId]))[0]).toMatchObject({ stock: 7, inventory: { onHand: 7, reserved: 0, available: 7, incoming: 12 } });

    const changes = await outbox('inventory.stock-changed', productId);
    expect(changes.map((event) => event.aggregateVersion)).toEqual(changes.map((_, index) => index + 1));
    expect(changes[2]).toMatchObject({
      data: {
        productId,
        variantId: small,
        locationId: northId,
        onHand: 7,
        available: 7,
        delta: -3,
        variant: { onHand: 7, reserved: 0, available: 7 },
        location: { onHand: 4, reserved: 0, available: 4, incoming: 0, lowStockThreshold: 5 },
      },
    });
    // raising the threshold to the available units counts as falling to it
    expect((await outbox('inventory.low-stock', productId)).map((event) => (event.data as { locationId: string }).locationId)).toEqual([northId]);
    const adjustments: { kind: string; delta: number; set_to: number | null }[] = await owner.query(
      `SELECT kind, delta, set_to FROM stock_adjustment WHERE product_id = $1 ORDER BY created_at`,
      [productId],
    );
    expect(adjustments).toEqual([
      { kind: 'ADJUST', delta: 7, set_to: null },
      { kind: 'ADJUST', delta: 3, set_to: null },
      { kind: 'SET', delta: -3, set_to: 4 },
      { kind: 'INCOMING', delta: 0, set_to: 12 },
      { kind: 'THRESHOLD', delta: 0, set_to: 4 },
    ]);
  });

  it('keeps one-variant products working by product id', async () => {
    const productId = randomUUID();
    await events.publish('catalog.product-created', storeId, productId, { productId }).then(events.handled);
    expect((await mutate('adjustStock', { productId, delta: 2 })).inventoryItem).toMatchObject({
      variantId: productId,
      locationId: defaultLocationId,
      onHand: 2,
    });
    expect(await products([productId])).toEqual([{ id: productId, stock: 2, inStock: true, inventory: { onHand: 2, reserved: 0, available: 2, incoming: 0 } }]);
  });

  it('refuses setStock below reserved units and a first negative adjustment at a new location, writing nothing', async () => {
    const { productId, small } = await tee();
    await mutate('adjustStock', { variantId: small, delta: 3 });
    await events.order(storeId, randomUUID(), [{ productId, variantId: small, quantity: 2 }]);
    const adjustments = await count(`SELECT count(*) AS n FROM stock_adjustment`);
    const below = await mutate('setStock', { variantId: small, onHand: 1 });
    expect(below.userErrors).toEqual([{ code: 'INSUFFICIENT_STOCK', field: ['input', 'onHand'], message: expect.any(String) }]);
    const elsewhere = await mutate('adjustStock', { variantId: small, locationId: southId, delta: -1 });
    expect(elsewhere.userErrors).toEqual([{ code: 'INSUFFICIENT_STOCK', field: ['input', 'delta'], message: expect.any(String) }]);
    expect(await count(`SELECT count(*) AS n FROM stock_adjustment`)).toBe(adjustments);
    // the item at the south location was never created
    expect((await items(small)).map((item) => [item.location_id, item.on_hand, item.reserved])).toEqual([[defaultLocationId, 3, 2]]);
  });

  it('transfers stock atomically and logged, never below the source’s available units', async () => {
    const { productId, small } = await tee();
    await mutate('adjustStock', { variantId: small, locationId: northId, delta: 6 });
    const idempotencyKey = randomUUID();
    const transfer = await mutate(
      'transferStock',
      { variantId: small, fromLocationId: northId, toLocationId: southId, quantity: 4, idempotencyKey },
      `transfer { id variantId fromLocationId toLocationId quantity reason } from { ${ITEM} } to { ${ITEM} }`,
    );
    expect(transfer).toMatchObject({
      transfer: { variantId: small, fromLocationId: northId, toLocationId: southId, quantity: 4, reason: 'test' },
      from: { locationId: northId, onHand: 2 },
      to: { locationId: southId, onHand: 4 },
      userErrors: [],
    });
    // the same request again moves nothing more; the key for another transfer is refused
    const again = await mutate(
      'transferStock',
      { variantId: small, fromLocationId: northId, toLocationId: southId, quantity: 4, idempotencyKey },
      'transfer { id }',
    );
    expect(again).toEqual({ transfer: { id: (transfer.transfer as { id: string }).id }, userErrors: [] });
    const reused = await mutate(
      'transferStock',
      { variantId: small, fromLocationId: northId, toLocationId: southId, quantity: 1, idempotencyKey },
      'transfer { id }',
    );
    expect(reused.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');

    const before = {
      transfers: await count(`SELECT count(*) AS n FROM stock_transfer`),
      adjustments: await count(`SELECT count(*) AS n FROM stock_adjustment`),
    };
    const tooMany = await mutate(
      'transferStock',
      { variantId: small, fromLocationId: northId, toLocationId: defaultLocationId, quantity: 3 },
      'transfer { id }',
    );
    expect(tooMany).toEqual({ transfer: null, userErrors: [{ code: 'INSUFFICIENT_STOCK', field: ['input', 'quantity'], message: expect.any(String) }] });
    const same = await mutate('transferStock', { variantId: small, fromLocationId: northId, toLocationId: northId, quantity: 1 }, 'transfer { id }');
    expect(same.userErrors[0].code).toBe('SAME_LOCATION');
    const nowhere = await mutate('transferStock', { variantId: small, fromLocationId: northId, toLocationId: randomUUID(), quantity: 1 }, 'transfer { id }');
    expect(nowhere.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'toLocationId'], message: expect.any(String) }]);
    expect({
      transfers: await count(`SELECT count(*) AS n FROM stock_transfer`),
      adjustments: await count(`SELECT count(*) AS n FROM stock_adjustment`),
    }).toEqual(before);
    expect((await items(small)).map((item) => item.on_hand).sort()).toEqual([0, 2, 4]);

    const logged: { kind: string; delta: number; location_id: string }[] = await owner.query(
      `SELECT kind, delta, location_id FROM stock_adjustment WHERE product_id = $1 AND kind LIKE 'TRANSFER%' ORDER BY kind`,
      [productId],
    );
    expect(logged).toEqual([
      { kind: 'TRANSFER_IN', delta: 4, location_id: southId },
      { kind: 'TRANSFER_OUT', delta: -4, location_id: northId },
    ]);
    const changed = (await outbox('inventory.stock-changed', productId)).slice(-2).map((event) => event.data as { locationId: string; delta: number });
    expect(changed.map((data) => [data.locationId, data.delta]).sort()).toEqual(
      [
        [northId, -4],
        [southId, 4],
      ].sort(),
    );
  });

  it('reserves by variant from the lowest-priority location that can fill the line, splits when none can, and commits where it reserved', async () => {
    const { productId, small, large, giftWrap } = await tee();
    await mutate('adjustStock', { variantId: small, delta: 2 }); // default, priority 0
    await mutate('adjustStock', { variantId: small, locationId: northId, delta: 5 }); // priority 1
    await mutate('adjustStock', { variantId: large, locationId: southId, delta: 1 });

    const whole = randomUUID();
    await events.order(storeId, whole, [
      { productId, variantId: small, quantity: 3 },
      { productId, variantId: giftWrap, quantity: 1 },
    ]);
    const [reserved] = await outbox('inventory.reserved', whole);
    expect((reserved.data as { lines: unknown[] }).lines).toEqual(
      expect.arrayContaining([
        { productId, variantId: small, quantity: 3, allocations: [{ locationId: northId, quantity: 3 }] },
        { productId, variantId: giftWrap, quantity: 1, allocations: [] },
      ]),
    );
    const split = randomUUID();
    await events.order(storeId, split, [{ productId, variantId: small, quantity: 4 }]);
    const [splitReserved] = await outbox('inventory.reserved', split);
    expect((splitReserved.data as { lines: unknown[] }).lines).toEqual([
      {
        productId,
        variantId: small,
        quantity: 4,
        allocations: [
          { locationId: defaultLocationId, quantity: 2 },
          { locationId: northId, quantity: 2 },
        ],
      },
    ]);
    expect((await items(small)).map((item) => [item.location_id, item.on_hand, item.reserved]).sort()).toEqual(
      [
        [defaultLocationId, 2, 2],
        [northId, 5, 5],
      ].sort(),
    );

    await events.saga('payments.succeeded', storeId, split, { paymentId: randomUUID() });
    await events.saga('orders.cancelled', storeId, whole, { reason: 'changed their mind' });
    expect((await items(small)).map((item) => [item.location_id, item.on_hand, item.reserved]).sort()).toEqual(
      [
        [defaultLocationId, 0, 0],
        [northId, 3, 0],
      ].sort(),
    );
  });

  it('reserves nothing when a variant is short, unlisted or unknown, and says which', async () => {
    const { productId, small, large } = await tee();
    await mutate('adjustStock', { variantId: small, delta: 5 });
    await events.product('updated', storeId, productId, [{ variantId: small }], 2);
    for (const [lines, variantIds] of [
      [[{ productId, variantId: small, quantity: 6 }], [small]],
      [
        [
          { productId, variantId: small, quantity: 1 },
          { productId, variantId: large, quantity: 1 },
        ],
        [large],
      ],
      [[{ productId, variantId: randomUUID(), quantity: 1 }], null],
    ] as const) {
      const orderId = randomUUID();
      await events.order(storeId, orderId, [...lines]);
      const [failed] = await outbox('inventory.reservation-failed', orderId);
      expect(failed.data).toMatchObject({ orderId, productIds: [productId], ...(variantIds ? { variantIds } : {}) });
    }
    expect(await items(small)).toEqual([expect.objectContaining({ on_hand: 5, reserved: 0 })]);
  });

  it('refuses to deactivate a location while units there are reserved, and sells nothing from an inactive one', async () => {
    const { productId, small } = await tee();
    const east = await createLocation('east', 0);
    await mutate('adjustStock', { variantId: small, locationId: east, delta: 2 });
    const orderId = randomUUID();
    await events.order(storeId, orderId, [{ productId, variantId: small, quantity: 1 }]);
    const deactivate = () => ask(mutationOf('updateLocation', 'location { id active }'), { input: { id: east, active: false } });
    expect((await deactivate()).data.updateLocation).toEqual({
      location: null,
      userErrors: [{ code: 'LOCATION_IN_USE', field: ['input', 'active'], message: expect.any(String) }],
    });
    expect(await count(`SELECT count(*) AS n FROM location WHERE id = $1 AND active`, [east])).toBe(1);
    await events.saga('orders.cancelled', storeId, orderId);
    expect((await deactivate()).data.updateLocation).toEqual({ location: { id: east, active: false }, userErrors: [] });
    const afterwards = randomUUID();
    await events.order(storeId, afterwards, [{ productId, variantId: small, quantity: 1 }]);
    expect((await outbox('inventory.reservation-failed', afterwards)).length).toBe(1);
    expect(await variants([small])).toEqual([expect.objectContaining({ available: 0, inStock: false })]);
  });
  it('sets the on-hand a catalog CSV import gives at the default location, once per event, waiting for a variant it has not heard of yet', async () => {
    const { productId, small, large } = await tee();
    const later = randomUUID();
    const imported = await events.publish('catalog.inventory-imported', storeId, productId, {
      productId,
      levels: [
        { variantId: small, sku: 'TEE-S', onHand: 7 },
        { variantId: large, sku: 'TEE-L', onHand: 0 },
        { variantId: later, sku: 'TEE-XL', onHand: 4 },
      ],
    });
    // the product event listing the new variant comes after the import on its own consumer: the import waits for it
    await events.product('updated', storeId, productId, [{ variantId: small }, { variantId: large }, { variantId: later }], 2);
    await events.handled(imported);
    const onHand = async (variantId: string) => (await items(variantId)).map((item) => Number(item.on_hand));
    expect([await onHand(small), await onHand(large), await onHand(later)]).toEqual([[7], [0], [4]]);
    expect(await count(`SELECT count(*) AS n FROM stock_adjustment WHERE idempotency_key LIKE $1`, [`import:${imported.id}:%`])).toBe(3);
    expect(
      await count(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'type' = 'inventory.stock-changed' AND envelope->'data'->>'variantId' = $1`, [
        later,
      ]),
    ).toBe(1);
  });

  it('skips an imported level below the units held for orders while the product’s other levels are set, each with its adjustment and stock event', async () => {
    const { productId, small, large } = await tee();
    await mutate('adjustStock', { variantId: small, delta: 5 });
    await events.order(storeId, randomUUID(), [{ productId, variantId: small, quantity: 3 }]);
    await mutate('adjustStock', { variantId: large, delta: 9 });
    const before = (await outbox('inventory.stock-changed', productId)).length;
    const imported = await events.publish('catalog.inventory-imported', storeId, productId, {
      productId,
      levels: [
        { variantId: small, sku: 'TEE-S', onHand: 2 },
        { variantId: large, sku: 'TEE-L', onHand: 4 },
      ],
    });
    await events.handled(imported);
    expect((await items(small)).map((item) => [Number(item.on_hand), Number(item.reserved)])).toEqual([[5, 3]]);
    expect((await items(large)).map((item) => Number(item.on_hand))).toEqual([4]);
    const adjustments: { variant_id: string; kind: string; delta: number; set_to: number; reason: string }[] = await owner.query(
      `SELECT variant_id, kind, delta, set_to, reason FROM stock_adjustment WHERE idempotency_key LIKE $1`,
      [`import:${imported.id}:%`],
    );
    expect(adjustments).toEqual([{ variant_id: large, kind: 'SET', delta: -5, set_to: 4, reason: 'CSV import' }]);
    const changed = (await outbox('inventory.stock-changed', productId)).slice(before);
    expect(changed.map((event) => event.data)).toEqual([
      expect.objectContaining({ variantId: large, delta: -5, reason: 'CSV import', location: expect.objectContaining({ onHand: 4, available: 4 }) }),
    ]);
    // the low-stock threshold (5) is crossed from above: as setStock would, the import says so
    expect((await outbox('inventory.low-stock', productId)).map((event) => (event.data as { variantId: string }).variantId)).toContain(large);
  });
});
