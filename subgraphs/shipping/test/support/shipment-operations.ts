import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import { envelopeFor, inScope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';
import { eventually } from '../../../kit/test/support/test-names';

export const SHIPMENT_FIELDS = `id orderId storeId shippingMethodId carrierCode carrierName trackingNumber trackingUrl status
  lines { variantId quantity } trackingEvents { status message occurredAt } order { id }`;
const PAYLOAD = `shipment { ${SHIPMENT_FIELDS} } userErrors { code field message }`;

export const CREATE_SHIPMENT = gql`mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { ${PAYLOAD} } }`;
export const UPDATE_TRACKING = gql`mutation ($input: UpdateShipmentTrackingInput!) { updateShipmentTracking(input: $input) { ${PAYLOAD} } }`;
export const DISPATCH_ORDER = gql`mutation ($input: DispatchOrderInput!) { dispatchOrder(input: $input) { order { id } ${PAYLOAD} } }`;
export const SHIPMENT = gql`query ($id: ID!) { shipment(id: $id) { ${SHIPMENT_FIELDS} } }`;
export const ORDER_SHIPMENTS = gql`
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order {
        id
        carrier
        trackingNumber
        shipments {
          id
          carrierName
          trackingNumber
          status
        }
      }
    }
  }
`;

export interface ShipmentResult {
  id: string;
  orderId: string;
  storeId: string;
  shippingMethodId: string | null;
  carrierCode: string;
  carrierName: string;
  trackingNumber: string;
  trackingUrl: string | null;
  status: string;
  lines: { variantId: string; quantity: number }[];
  trackingEvents: { status: string; message: string | null; occurredAt: string }[];
  order: { id: string };
}

/** What orders publishes about an order, sent straight to JetStream in the suite's namespace. */
export function orderEvents(subgraph: () => TestSubgraph) {
  const versions = new Map<string, number>();
  const publish = async (type: string, storeId: string, orderId: string, data: Record<string, unknown>, aggregateVersion: number) => {
    const { js, names } = subgraph().runtime;
    const event = envelopeFor({ type, storeId, aggregateId: orderId, aggregateVersion, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    await eventually(
      async () =>
        (await inScope(subgraph().runtime.dataSource, storeId, (manager) => manager.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])))
          .length > 0,
      10_000,
      `${type} handled`,
    );
    return event;
  };
  const party = (orderId: string) => ({ orderId, orderNumber: '#1001', customerId: '00000000-0000-4000-8000-00000000c0de', email: 'shopper@example.com' });

  /** `orders.created` with these lines (variant → quantity). */
  const created = async (storeId: string, lines: Record<string, number>, orderId: string = randomUUID()) => {
    versions.set(orderId, 1);
    await publish(
      'orders.created',
      storeId,
      orderId,
      {
        ...party(orderId),
        shippingAddress: { name: 'Ada', line1: '1 Main St', line2: null, city: 'Toronto', province: 'ON', postalCode: 'M5V 1A1', countryCode: 'CA' },
        lines: Object.entries(lines).map(([variantId, quantity]) => ({
          productId: randomUUID(),
          variantId,
          title: 'Kettle',
          variantTitle: 'Default',
          sku: null,
          quantity,
          unitPrice: { amount: 2500, currencyCode: 'CAD' },
        })),
      },
      1,
    );
    return orderId;
  };
  /** `orders.status-changed` to `to`, one version up (or at `version`). */
  const status = async (storeId: string, orderId: string, to: string, version?: number) => {
    const next = version ?? (versions.get(orderId) ?? 1) + 1;
    versions.set(orderId, Math.max(next, versions.get(orderId) ?? 0));
    await publish('orders.status-changed', storeId, orderId, { ...party(orderId), from: 'X', to, reason: null, reasonCode: null }, next);
  };
  /** A paid order with its stock committed, as shipping hears of it. */
  const confirmed = async (storeId: string, lines: Record<string, number>) => {
    const orderId = await created(storeId, lines);
    await status(storeId, orderId, 'CONFIRMED');
    return orderId;
  };
  return { publish, created, status, confirmed };
}
