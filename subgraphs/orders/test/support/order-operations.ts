import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import { envelopeFor, inScope, Role } from '@ultramarket/kit';
import { tokenFor, type TestSubgraph } from '../../../kit/test/support/subgraph-harness';
import type { CheckoutCompleted } from '../../src/checkout/checkout-snapshot';
import { eventually } from '../../../kit/test/support/test-names';

export const ORDER_FIELDS = gql`
  fragment OrderFields on Order {
    id
    storeId
    orderNumber
    status
    customerId
    total {
      amount
      currencyCode
    }
    lineItems {
      productId
      variantId
      quantity
    }
    statusHistory {
      status
    }
  }
`;

const PAYLOAD = `order { ...OrderFields } userErrors { code field message }`;

export const CANCEL_ORDER = gql`
  mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { ${PAYLOAD} } }
  ${ORDER_FIELDS}
`;
export const CANCEL_ORDER_REMAINDER = gql`
  mutation ($input: CancelOrderRemainderInput!) { cancelOrderRemainder(input: $input) { ${PAYLOAD} } }
  ${ORDER_FIELDS}
`;
export const COMPLETE_ORDER = gql`
  mutation ($input: CompleteOrderInput!) { completeOrder(input: $input) { ${PAYLOAD} } }
  ${ORDER_FIELDS}
`;
export const ORDER = gql`
  query ($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;
export const ORDERS = gql`
  query ($filter: OrderFilter) {
    orders(first: 100, filter: $filter) {
      totalCount
      nodes {
        id
        storeId
      }
    }
  }
`;
export const ORDER_ANALYTICS = gql`
  query ($input: OrderAnalyticsInput!) {
    orderAnalytics(input: $input) {
      ordersCount
    }
  }
`;
export const ENTITIES = gql`
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order {
        ...OrderFields
      }
    }
  }
  ${ORDER_FIELDS}
`;

export interface OrderResult {
  id: string;
  storeId: string;
  orderNumber: string;
  status: string;
  customerId: string | null;
  total: { amount: number; currencyCode: string };
  lineItems: { productId: string; variantId: string; quantity: number }[];
  statusHistory: { status: string }[];
}

export interface OrderPayloadResult {
  order: OrderResult | null;
  userErrors: { code: string; field: string[] | null; message: string }[];
}

export const shippingAddress = {
  name: 'Ada Shopper',
  line1: '1 Main St',
  line2: null,
  city: 'Springfield',
  province: null,
  postalCode: '12345',
  countryCode: 'US',
  phone: null,
};

/** A line of a checkout snapshot; what is left out is a default variant of 25.00 USD, one unit. */
export interface CheckoutLineSpec {
  productId: string;
  variantId?: string;
  quantity?: number;
  unitPrice?: number;
  title?: string;
  variantTitle?: string;
  sku?: string | null;
  selectedOptions?: { name: string; value: string }[];
}

/** Who checks out: a guest from `address`, a signed-in shopper, or the store's staff. */
export interface Shopper {
  customerId?: string;
  address?: string;
  staff?: boolean;
}

/** The snapshot fields that say who checks out, as cart fills them in. */
export const shopperFields = (who: Shopper = {}) => ({
  customerId: who.customerId ?? null,
  clientAddress: who.customerId ? null : (who.address ?? '203.0.113.1'),
  staffPlaced: who.staff ?? false,
});

/**
 * A valid `cart.checkout-completed` snapshot (schema/events.md), priced as cart's engine would with no
 * promotion, tax or shipping: each line's subtotal and total is unit price × quantity. `extra` replaces
 * any field (a fully priced snapshot in the tests that check the order keeps every number).
 */
export function checkoutSnapshot(lines: CheckoutLineSpec[], extra: Record<string, unknown> = {}): CheckoutCompleted {
  const priced = lines.map((line) => {
    const quantity = line.quantity ?? 1;
    const unitPrice = line.unitPrice ?? 2500;
    return {
      productId: line.productId,
      variantId: line.variantId ?? line.productId,
      title: line.title ?? 'Kettle',
      variantTitle: line.variantTitle ?? 'Default',
      sku: line.sku ?? null,
      selectedOptions: line.selectedOptions ?? [],
      quantity,
      unitPrice,
      subtotal: unitPrice * quantity,
      discountTotal: 0,
      taxTotal: 0,
      total: unitPrice * quantity,
      discounts: [],
    };
  });
  const subtotal = priced.reduce((sum, line) => sum + line.subtotal, 0);
  return {
    orderId: randomUUID(),
    cartId: randomUUID(),
    idempotencyKey: randomUUID(),
    ...shopperFields(),
    email: 'shopper@example.com',
    note: null,
    shippingAddress,
    billingAddress: null,
    currencyCode: 'USD',
    pricesIncludeTax: false,
    lines: priced,
    subtotal,
    discountTotal: 0,
    shippingTotal: 0,
    taxTotal: 0,
    total: subtotal,
    taxLines: [],
    shippingLine: null,
    discounts: [],
    ...extra,
  } as CheckoutCompleted;
}

export type CheckoutSnapshot = CheckoutCompleted;

/** Events other subgraphs publish, sent straight to JetStream in the suite's namespace. */
export function upstreamEvents(subgraph: () => TestSubgraph) {
  const publish = async (type: string, storeId: string, aggregateId: string, data: Record<string, unknown>, aggregateVersion = 1) => {
    const { js, names } = subgraph().runtime;
    const event = envelopeFor({ type, storeId, aggregateId, aggregateVersion, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };

  /**
   * A product id as catalog gives one. Orders does not follow the catalog (cart prices a checkout and its
   * snapshot carries every line's facts), so nothing is published: the id only names the lines of `place`.
   */
  const product = async (_storeId: string, _amount = 2500): Promise<string> => randomUUID();

  /** Returns once orders' consumers handled the event (its processed_event row committed). */
  const handled = (storeId: string, eventId: string, what: string) =>
    eventually(
      async () =>
        // by the consumer the test is about: the audit trail's consumers (orders-audit-*) handle some of the same events
        (
          await inScope(subgraph().runtime.dataSource, storeId, (manager) =>
            manager.query(`SELECT 1 FROM processed_event WHERE event_id = $1 AND consumer NOT LIKE '%orders-audit-%'`, [eventId]),
          )
        ).length > 0,
      10_000,
      what,
    );

  /** cart.checkout-completed as cart publishes it (aggregate = the cart), through JetStream. */
  const publishCheckout = (storeId: string, snapshot: CheckoutSnapshot) => publish('cart.checkout-completed', storeId, snapshot.cartId, { ...snapshot }, 2);

  /**
   * What became of a checkout orders handled, in placeOrder's payload shape: the order as its store's
   * staff read it, or the userError of its orders.checkout-refused.
   */
  const outcome = async (storeId: string, orderId: string): Promise<OrderPayloadResult> => {
    const refusals: { data: { code: string; field: string[] | null; message: string } }[] = await inScope(subgraph().runtime.dataSource, storeId, (manager) =>
      manager.query(`SELECT envelope->'data' AS data FROM outbox_event WHERE envelope->>'type' = 'orders.checkout-refused' AND envelope->>'aggregateId' = $1`, [
        orderId,
      ]),
    );
    if (refusals.length > 0) return { order: null, userErrors: refusals.map(({ data }) => ({ code: data.code, field: data.field, message: data.message })) };
    const { order } = await subgraph()
      .client(tokenFor([Role.MERCHANT], storeId))
      .request<{ order: OrderResult | null }>(ORDER, { id: orderId });
    return { order, userErrors: [] };
  };

  /** Publishes the checkout and returns once orders recorded it (or refused it): its outcome. */
  const checkout = async (storeId: string, snapshot: CheckoutSnapshot): Promise<OrderPayloadResult> => {
    const event = await publishCheckout(storeId, snapshot);
    await handled(storeId, event.id, 'the checkout recorded');
    return outcome(storeId, snapshot.orderId);
  };

  /** One unit of `productId` (its default variant) checked out by `who`; `extra` replaces snapshot fields. */
  const place = (storeId: string, productId: string, who: Shopper = {}, extra: Record<string, unknown> = {}) =>
    checkout(storeId, checkoutSnapshot([{ productId }], { ...shopperFields(who), ...extra }));

  /** Paid and its stock committed: what payments and inventory announce, as the saga would. */
  const confirm = async (storeId: string, orderId: string) => {
    await publish('payments.succeeded', storeId, orderId, { orderId, paymentId: randomUUID() });
    await publish('inventory.committed', storeId, orderId, { orderId });
  };

  /**
   * A shipment as shipping announces it (shipping.shipment-created); `lines` default to every unit of the order
   * neither shipped nor cancelled yet (createShipment's default). Returns once orders handled it.
   */
  const ship = async (
    storeId: string,
    orderId: string,
    shipment: {
      shipmentId?: string;
      carrier?: string;
      trackingNumber?: string;
      lines?: { variantId: string; quantity: number }[];
      actor?: { userId: string } | null;
    } = {},
  ) => {
    const shipmentId = shipment.shipmentId ?? randomUUID();
    const lines =
      shipment.lines ??
      (
        await inScope(subgraph().runtime.dataSource, storeId, (manager) =>
          manager.query(
            `SELECT variant_id AS "variantId", quantity - fulfilled_quantity - cancelled_quantity AS quantity FROM order_line_item
              WHERE order_id = $1 AND quantity > fulfilled_quantity + cancelled_quantity ORDER BY position`,
            [orderId],
          ),
        )
      ).map((line: { variantId: string; quantity: number }) => ({ variantId: line.variantId, quantity: Number(line.quantity) }));
    const event = await publish('shipping.shipment-created', storeId, shipmentId, {
      shipmentId,
      orderId,
      orderNumber: '#1',
      customerId: null,
      email: 'shopper@example.com',
      carrier: shipment.carrier ?? 'UPS',
      trackingNumber: shipment.trackingNumber ?? '1Z999',
      trackingUrl: 'https://track.example/1Z999',
      status: 'LABEL_CREATED',
      message: null,
      lines,
      orderFullyShipped: false,
      actor: shipment.actor === undefined ? { userId: randomUUID() } : shipment.actor,
    });
    await handled(storeId, event.id, 'the shipment event handled');
    return Object.assign(event, { shipmentId });
  };

  /** The carrier or the staff reported the shipment delivered (shipping.tracking-updated); returns once orders handled it. */
  const deliver = async (storeId: string, orderId: string, shipmentId: string, status = 'DELIVERED') => {
    const event = await publish(
      'shipping.tracking-updated',
      storeId,
      shipmentId,
      {
        shipmentId,
        orderId,
        orderNumber: '#1',
        customerId: null,
        email: 'shopper@example.com',
        carrier: 'UPS',
        trackingNumber: '1Z999',
        trackingUrl: null,
        status,
        message: null,
        actor: null,
      },
      2,
    );
    await handled(storeId, event.id, 'the tracking event handled');
    return event;
  };

  return { publish, product, confirm, handled, publishCheckout, outcome, checkout, place, ship, deliver };
}
