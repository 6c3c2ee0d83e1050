import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role, type EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { inventorySubgraph } from '../src/inventory.subgraph';

const ADJUST = `mutation ($input: AdjustStockInput!) { adjustStock(input: $input) { userErrors { code } } }`;
const HOUR_MS = 3_600_000;

/** A manual payment's hold: payments.initiated with holdReservationUntil moves the order's reservation later, once, and only a held one. */
describe('inventory: holding a reservation for a manual payment', () => {
  const storeId = randomUUID();
  let inventory: TestSubgraph;
  let owner: DataSource;

  const publish = async (type: string, orderId: string, data: Record<string, unknown>): Promise<EventEnvelope> => {
    const { js, names } = inventory.runtime;
    const event = envelopeFor({ type, storeId, aggregateId: orderId, data: { orderId, ...data } }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    await eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length > 0, 10_000, `${type} handled`);
    return event;
  };
  const initiated = (orderId: string, holdReservationUntil: Date | null) =>
    publish('payments.initiated', orderId, {
      paymentId: randomUUID(),
      amount: { amount: 1000, currencyCode: 'USD' },
      provider: holdReservationUntil ? 'manual' : 'simulated',
      method: holdReservationUntil ? 'BANK_TRANSFER' : 'CARD',
      instructions: null,
      holdReservationUntil: holdReservationUntil?.toISOString() ?? null,
      customerId: null,
      email: null,
    });
  const expiresAt = async (orderId: string): Promise<Date> =>
    (await owner.query(`SELECT expires_at FROM reservation WHERE order_id = $1`, [orderId]))[0].expires_at as Date;
  const extensions = async (orderId: string) =>
    (
      await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' = 'inventory.reservation-extended'`, [
        orderId,
      ])
    ).map((row: { envelope: { data: Record<string, unknown> } }) => row.envelope.data);
  /** An order of one unit of a freshly stocked product, reserved. */
  const reservedOrder = async (): Promise<string> => {
    const productId = randomUUID();
    await publish('catalog.product-created', productId, { productId });
    const adjusted = await inventory
      .client(tokenFor([Role.MERCHANT], storeId))
      .rawRequest<{ adjustStock: { userErrors: unknown[] } }>(ADJUST, { input: { productId, delta: 5, reason: 'test', idempotencyKey: randomUUID() } });
    expect(adjusted.data.adjustStock.userErrors).toEqual([]);
    const orderId = randomUUID();
    await publish('orders.created', orderId, { orderNumber: '#1001', customerId: randomUUID(), lines: [{ productId, quantity: 1 }] });
    return orderId;
  };

  beforeAll(async () => {
    inventory = await startTestSubgraph(inventorySubgraph);
    owner = await openOwnerConnection(inventory.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('extends a held reservation to the hold and tells orders and payments once; a card payment or a shorter hold changes nothing', async () => {
    const orderId = await reservedOrder();
    const before = await expiresAt(orderId);
    await initiated(orderId, null);
    expect(await expiresAt(orderId)).toEqual(before);
    expect(await extensions(orderId)).toEqual([]);

    const hold = new Date(Date.now() + 72 * HOUR_MS);
    await initiated(orderId, hold);
    expect((await expiresAt(orderId)).getTime()).toBe(hold.getTime());
    expect(await extensions(orderId)).toEqual([{ orderId, expiresAt: hold.toISOString() }]);

    // an earlier hold (a second, shorter method) never shortens it, and says nothing
    await initiated(orderId, new Date(Date.now() + HOUR_MS));
    expect((await expiresAt(orderId)).getTime()).toBe(hold.getTime());
    expect(await extensions(orderId)).toHaveLength(1);
  });

  it('does not bring back a reservation that was released', async () => {
    const orderId = await reservedOrder();
    await publish('orders.cancelled', orderId, { reason: 'customer changed their mind' });
    const released = await expiresAt(orderId);
    await initiated(orderId, new Date(Date.now() + 72 * HOUR_MS));
    expect(await expiresAt(orderId)).toEqual(released);
    expect((await owner.query(`SELECT status FROM reservation WHERE order_id = $1`, [orderId]))[0].status).toBe('RELEASED');
    expect(await extensions(orderId)).toEqual([]);
  });
});
