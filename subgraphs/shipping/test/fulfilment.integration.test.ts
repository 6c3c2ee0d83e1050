import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { createShippingSubgraph } from '../src/shipping.subgraph';
import { CARRIER_WEBHOOK_ROUTE, MAX_REPORT_BYTES } from '../src/carrier-webhook/carrier-webhook.route';
import { signCarrierReport } from '../src/carrier-webhook/carrier-signature';
import { CREATE_SHIPMENT, orderEvents, SHIPMENT_FIELDS, type ShipmentResult } from './support/shipment-operations';

const MARK_DELIVERED = gql`mutation ($input: MarkShipmentDeliveredInput!) { markShipmentDelivered(input: $input) { shipment { ${SHIPMENT_FIELDS} } userErrors { code field message } } }`;

interface Payload {
  shipment: ShipmentResult | null;
  userErrors: { code: string; field: string[] | null; message: string }[];
}

const UPS_SECRET = 'ups-webhook-secret-0123456789';
const GLOBAL_SECRET = 'global-webhook-secret-0123456789';

/** Delivery (staff and carriers) and the limits a cancelled remainder puts on shipments (issue 15, item 3). */
describe('shipping subgraph: delivery, the carrier webhook and cancelled remainders', () => {
  let shipping: TestSubgraph;
  let owner: DataSource;
  const events = orderEvents(() => shipping);
  const storeId = randomUUID();
  const staffUser = randomUUID();
  const staff = tokenFor([Role.STORE_STAFF], storeId, staffUser);

  const call = async (token: string, query: string, input: Record<string, unknown>, store = storeId) => {
    const result = await shipping.client(token, { 'x-store-id': store }).rawRequest<Record<string, Payload>>(query, { input });
    return { errors: result.errors, payload: result.data ? Object.values(result.data)[0] : null };
  };
  const ship = async (orderId: string, input: Record<string, unknown> = {}) =>
    (await call(staff, CREATE_SHIPMENT, { orderId, carrierName: 'UPS', trackingNumber: randomUUID(), ...input })).payload!;
  const written = async () => ({
    shipments: await owner.query(`SELECT * FROM shipment ORDER BY id`),
    history: await owner.query(`SELECT * FROM shipment_tracking_event ORDER BY id`),
    outbox: await owner.query(`SELECT id FROM outbox_event ORDER BY seq`),
  });
  const trackingEvents = async (shipmentId: string) =>
    (
      await owner.query(
        `SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'shipping.tracking-updated' AND envelope->>'aggregateId' = $1 ORDER BY seq`,
        [shipmentId],
      )
    ).map((row: { envelope: { data: Record<string, unknown> } }) => row.envelope.data);
  /** POSTs a carrier report to the webhook, signed with `secret` at `timestamp` unless a header is given. */
  const report = async (body: unknown, options: { secret?: string; timestamp?: number; signature?: string } = {}) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = options.signature ?? signCarrierReport(options.secret ?? UPS_SECRET, timestamp, raw);
    const response = await fetch(new URL(CARRIER_WEBHOOK_ROUTE, shipping.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'carrier-signature': signature },
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as { outcomes?: { trackingNumber: string; applied: number; refused: string | null }[] } };
  };

  beforeAll(async () => {
    shipping = await startTestSubgraph(
      createShippingSubgraph({ carrierWebhook: { secretsByCarrier: new Map([['UPS', UPS_SECRET]]), defaultSecret: GLOBAL_SECRET, toleranceSeconds: 300 } }),
    );
    owner = await openOwnerConnection(shipping.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await shipping?.close();
  });

  it('lets the staff of the shipment’s store mark it delivered, once, announced with the staff member as actor; nobody else', async () => {
    const orderId = await events.confirmed(storeId, { [randomUUID()]: 1 });
    const { shipment } = await ship(orderId);
    const before = await written();
    const other = randomUUID();
    const otherStore = await call(tokenFor([Role.MERCHANT], other), MARK_DELIVERED, { shipmentId: shipment!.id }, other);
    expect(otherStore.payload?.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'shipmentId'] })]);
    const customer = await call(tokenFor([Role.CUSTOMER], storeId), MARK_DELIVERED, { shipmentId: shipment!.id });
    expect(customer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await written()).toEqual(before);

    const delivered = await call(staff, MARK_DELIVERED, { shipmentId: shipment!.id, message: 'Signed for' });
    expect(delivered.payload).toMatchObject({ shipment: { status: 'DELIVERED' }, userErrors: [] });
    expect(await trackingEvents(shipment!.id)).toEqual([
      expect.objectContaining({ status: 'DELIVERED', message: 'Signed for', orderId, actor: { userId: staffUser } }),
    ]);

    const afterDelivery = await written();
    const again = await call(staff, MARK_DELIVERED, { shipmentId: shipment!.id });
    expect(again.payload?.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(await written()).toEqual(afterDelivery);
  });

  it('takes a carrier’s signed tracking report (its own secret or the global one) and refuses a bad, stale or oversized one, changing nothing', async () => {
    const orderId = await events.confirmed(storeId, { [randomUUID()]: 1 });
    const { shipment } = await ship(orderId, { trackingNumber: '1ZWEBHOOK1' });
    const update = (status: string) => ({
      carrier: 'ups',
      updates: [{ trackingNumber: '1ZWEBHOOK1', status, message: 'Scanned', occurredAt: new Date().toISOString() }],
    });

    const before = await written();
    expect((await report(update('DELIVERED'), { secret: GLOBAL_SECRET })).status).toBe(401); // UPS has its own secret
    expect((await report(update('DELIVERED'), { signature: 't=1,v1=' + 'a'.repeat(64) })).status).toBe(401);
    expect((await report(update('DELIVERED'), { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401); // a replay
    const signedBody = JSON.stringify(update('DELIVERED'));
    const signature = signCarrierReport(UPS_SECRET, Math.floor(Date.now() / 1000), signedBody);
    expect((await report(signedBody.replace('DELIVERED', 'RETURNED'), { signature })).status).toBe(401); // tampered
    expect((await report({ carrier: 'ups', updates: [] })).status).toBe(400);
    expect((await report({ carrier: 'ups', pad: 'x'.repeat(MAX_REPORT_BYTES), updates: [] })).status).toBe(413);
    expect(await written()).toEqual(before);

    const moving = await report(update('IN_TRANSIT'));
    expect(moving).toEqual({ status: 200, body: { received: true, outcomes: [{ trackingNumber: '1ZWEBHOOK1', applied: 1, refused: null }] } });
    const delivered = await report(update('DELIVERED'));
    expect(delivered.body.outcomes).toEqual([{ trackingNumber: '1ZWEBHOOK1', applied: 1, refused: null }]);
    expect((await trackingEvents(shipment!.id)).map((data: Record<string, unknown>) => [data.status, data.actor])).toEqual([
      ['IN_TRANSIT', null],
      ['DELIVERED', null],
    ]);
    // a repeat is refused by the status table; another carrier (the global secret) cannot report UPS's parcels
    expect((await report(update('DELIVERED'))).body.outcomes).toEqual([
      { trackingNumber: '1ZWEBHOOK1', applied: 0, refused: expect.stringContaining('cannot become') },
    ]);
    const dhl = await report({ ...update('RETURNED'), carrier: 'DHL' }, { secret: GLOBAL_SECRET });
    expect(dhl.body.outcomes).toEqual([{ trackingNumber: '1ZWEBHOOK1', applied: 0, refused: 'no such parcel' }]);
  });

  it('ships no more than ordered − shipped − cancelled once orders cancelled an unshipped remainder', async () => {
    const [kettle, mug] = [randomUUID(), randomUUID()];
    const orderId = await events.confirmed(storeId, { [kettle]: 3, [mug]: 1 });
    expect((await ship(orderId, { lines: [{ variantId: kettle, quantity: 1 }] })).userErrors).toEqual([]);
    await events.publish(
      'orders.remainder-cancelled',
      storeId,
      orderId,
      {
        orderId,
        orderNumber: '#1001',
        customerId: null,
        email: null,
        lines: [
          { lineItemId: randomUUID(), variantId: kettle, quantity: 1 },
          { lineItemId: randomUUID(), variantId: mug, quantity: 1 },
        ],
        value: { amount: 5000, currencyCode: 'CAD' },
        reason: null,
        actor: { userId: staffUser },
      },
      5,
    );
    const before = await written();
    expect((await ship(orderId, { lines: [{ variantId: kettle, quantity: 2 }] })).userErrors).toEqual([
      expect.objectContaining({ code: 'QUANTITY_OVER_UNSHIPPED', message: 'Only 1 of this line is not shipped yet' }),
    ]);
    expect((await ship(orderId, { lines: [{ variantId: mug, quantity: 1 }] })).userErrors).toEqual([
      expect.objectContaining({ code: 'QUANTITY_OVER_UNSHIPPED' }),
    ]);
    expect(await written()).toEqual(before);
    const rest = await ship(orderId);
    expect(rest.shipment?.lines).toEqual([{ variantId: kettle, quantity: 1 }]);
    expect((await ship(orderId)).userErrors).toEqual([expect.objectContaining({ code: 'NOTHING_TO_SHIP' })]);
  });
});
