import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { inventorySubgraph } from '../src/inventory.subgraph';
import { inventoryEvents } from './support/inventory-events';

type UserErrors = { code: string; field: string[] | null; message: string }[];
interface StockChanged {
  aggregateVersion: number;
  data: {
    variantId: string;
    locationId: string;
    available: number;
    delta: number;
    reason: string;
    variant: { onHand: number; reserved: number; available: number };
    location: { onHand: number; available: number };
  };
}

const UPDATE_LOCATION = `mutation ($input: UpdateLocationInput!) { updateLocation(input: $input) { location { id active } userErrors { code field message } } }`;
const CREATE_LOCATION = `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { location { id } userErrors { code } } }`;
const ADJUST = `mutation ($input: AdjustStockInput!) { adjustStock(input: $input) { userErrors { code } } }`;

/**
 * A location's (de)activation changes every variant kept there across the store's active locations:
 * inventory.stock-changed for each item there, in the transaction of the status change, with the
 * variant's new totals; nothing when the status does not change or the change is refused.
 */
describe('inventory: stock events when a location is deactivated or reactivated', () => {
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  let inventory: TestSubgraph;
  let owner: DataSource;
  const events = inventoryEvents(
    () => inventory,
    () => owner,
  );
  const productId = randomUUID();
  const [small, large] = [randomUUID(), randomUUID()];
  let northId: string;

  const ask = async <T>(query: string, input: Record<string, unknown>): Promise<T> => {
    const result = await inventory.client(merchant).rawRequest<Record<string, T>>(query, { input });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data)[0];
  };
  const setActive = (active: boolean) =>
    ask<{ location: { id: string; active: boolean } | null; userErrors: UserErrors }>(UPDATE_LOCATION, { id: northId, active });
  const adjust = async (variantId: string, delta: number, locationId?: string) =>
    expect(await ask<{ userErrors: UserErrors }>(ADJUST, { variantId, locationId, delta, reason: 'received', idempotencyKey: randomUUID() })).toEqual({
      userErrors: [],
    });
  /** The product's inventory.stock-changed events with this reason, in the order written. */
  const changes = async (reason: string): Promise<StockChanged[]> =>
    (
      await owner.query(
        `SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'inventory.stock-changed' AND envelope->>'aggregateId' = $1
            AND envelope->'data'->>'reason' = $2 ORDER BY seq`,
        [productId, reason],
      )
    ).map((row: { envelope: StockChanged }) => row.envelope);
  const summary = (event: StockChanged) => ({
    variantId: event.data.variantId,
    locationId: event.data.locationId,
    delta: event.data.delta,
    variantAvailable: event.data.variant.available,
    productAvailable: event.data.available,
    itemAvailable: event.data.location.available,
  });

  beforeAll(async () => {
    inventory = await startTestSubgraph(inventorySubgraph);
    owner = await openOwnerConnection(inventory.runtime.config);
    await events.product('created', storeId, productId, [{ variantId: small }, { variantId: large }]);
    const created = await ask<{ location: { id: string } | null; userErrors: unknown[] }>(CREATE_LOCATION, { name: 'North', code: 'north', priority: 5 });
    expect(created.userErrors).toEqual([]);
    northId = created.location!.id;
    // small: 3 at the default location and 5 at North; large: 2 at North only
    await adjust(small, 3);
    await adjust(small, 5, northId);
    await adjust(large, 2, northId);
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('publishes inventory.stock-changed per item kept at a location it deactivates, with the totals of the remaining active locations', async () => {
    const versionBefore = Number((await owner.query(`SELECT version FROM product_stock_version WHERE product_id = $1`, [productId]))[0].version);
    expect(await setActive(false)).toEqual({ location: { id: northId, active: false }, userErrors: [] });
    const deactivated = await changes('location deactivated');
    const expected = [
      { variantId: small, locationId: northId, delta: -5, variantAvailable: 3, productAvailable: 3, itemAvailable: 5 },
      { variantId: large, locationId: northId, delta: -2, variantAvailable: 0, productAvailable: 3, itemAvailable: 2 },
    ].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
    expect(deactivated.map(summary)).toEqual(expected);
    // one product stock version per event, so the gateway's subscription takes each as newer
    expect(deactivated.map((event) => event.aggregateVersion)).toEqual([versionBefore + 1, versionBefore + 2]);
    // the item stays as it was: no low-stock alarm for a location switched off
    expect(
      await owner.query(`SELECT 1 FROM outbox_event WHERE envelope->>'type' = 'inventory.low-stock' AND envelope->>'aggregateId' = $1`, [productId]),
    ).toEqual([]);

    // already inactive: nothing changes, nothing is published
    expect(await setActive(false)).toEqual({ location: { id: northId, active: false }, userErrors: [] });
    expect(await changes('location deactivated')).toHaveLength(2);
  });

  it('publishes them again when it reactivates the location, the units back in the totals', async () => {
    expect(await setActive(true)).toEqual({ location: { id: northId, active: true }, userErrors: [] });
    expect((await changes('location reactivated')).map(summary)).toEqual(
      [
        { variantId: small, locationId: northId, delta: 5, variantAvailable: 8, productAvailable: 10, itemAvailable: 5 },
        { variantId: large, locationId: northId, delta: 2, variantAvailable: 2, productAvailable: 10, itemAvailable: 2 },
      ].sort((a, b) => (a.variantId < b.variantId ? -1 : 1)),
    );
  });

  it('publishes nothing for a rename, nor for a deactivation refused because units there are reserved', async () => {
    const count = async () =>
      Number(
        (
          await owner.query(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'type' = 'inventory.stock-changed' AND envelope->>'aggregateId' = $1`, [
            productId,
          ])
        )[0].n,
      );
    const before = await count();
    expect(await ask<{ userErrors: UserErrors }>(UPDATE_LOCATION, { id: northId, name: 'North hub' })).toMatchObject({ userErrors: [] });
    expect(await count()).toBe(before);

    // large is kept at North only, so its reservation holds units there
    const orderId = randomUUID();
    await events.order(storeId, orderId, [{ productId, variantId: large, quantity: 1 }]);
    const reserved = await count();
    expect(reserved).toBe(before + 1);
    expect(await setActive(false)).toEqual({
      location: null,
      userErrors: [{ code: 'LOCATION_IN_USE', field: ['input', 'active'], message: expect.any(String) }],
    });
    expect(await count()).toBe(reserved);
    expect(await owner.query(`SELECT active FROM location WHERE id = $1`, [northId])).toEqual([{ active: true }]);
  });
});
