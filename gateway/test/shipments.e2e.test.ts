import { randomUUID } from 'node:crypto';
import { GraphQLClient, gql } from 'graphql-request';
import { acquireStack, releaseStack, type PooledStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

const CREATE_SHIPMENT = gql`
  mutation ($input: CreateShipmentInput!) {
    createShipment(input: $input) {
      shipment {
        id
        status
        carrierName
        trackingNumber
        trackingUrl
        lines {
          quantity
        }
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const UPDATE_TRACKING = gql`
  mutation ($input: UpdateShipmentTrackingInput!) {
    updateShipmentTracking(input: $input) {
      shipment {
        id
        status
        trackingEvents {
          status
          message
        }
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const ORDER_SHIPPING = gql`
  query ($id: ID!) {
    order(id: $id) {
      status
      carrier
      trackingNumber
      shipments {
        id
        carrierName
        trackingNumber
        trackingUrl
        status
        lines {
          quantity
        }
        order {
          id
        }
      }
    }
  }
`;

type Errors = { code: string; field: string[] | null }[];
interface ShipmentPayload {
  shipment: { id: string; status: string; carrierName: string; trackingNumber: string; trackingUrl: string | null; lines: { quantity: number }[] } | null;
  userErrors: Errors;
}

/** Issue 14, item 5: an order ships through shipping, orders moves it to FULFILLED (DISPATCHED until issue 15), tracking news reaches its customer. */
describe('shipments through the gateway', () => {
  let stack: PooledStack;
  let store: Storefront;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'shipments' });
    store = new Storefront(stack);
  }, 120_000);
  afterAll(async () => {
    await releaseStack(stack);
  });

  const client = (token: string) => new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': store.storeId, authorization: `Bearer ${token}` } });

  it('ships a paid order with tracking: FULFILLED, Order.shipments and the deprecated fields answer, and DELIVERED reaches the customer in the app and by email', async () => {
    const productId = await store.product('Enamel mug', 5, 1800);
    const shopper = store.customer();
    const email = `parcel-${randomUUID().slice(0, 8)}@example.com`;
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 2 }], randomUUID(), email);
    await eventually(
      async () => {
        const { processPayment } = await shopper.sdk.ProcessPayment({
          input: { orderId: order.id, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() },
        });
        return processPayment.payment?.status === 'SUCCEEDED';
      },
      15_000,
      'the payment',
    );
    await store.orderUntil(order.id, (current) => current.status === 'CONFIRMED', 'the order confirmed');

    const merchant = client(store.merchantToken);
    // a shopper ships nothing
    await expect(client(shopper.token).request(CREATE_SHIPMENT, { input: { orderId: order.id, carrierName: 'Me', trackingNumber: 'X' } })).rejects.toThrow(
      /FORBIDDEN|not allowed|Access denied/i,
    );
    const badUrl = await merchant.request<{ createShipment: ShipmentPayload }>(CREATE_SHIPMENT, {
      input: { orderId: order.id, carrierName: 'Canada Post', trackingNumber: 'CP123', trackingUrl: 'http://post.example/CP123' },
    });
    expect(badUrl.createShipment).toEqual({ shipment: null, userErrors: [{ code: 'INVALID_TRACKING_URL', field: ['input', 'trackingUrl'] }] });

    const { createShipment } = await merchant.request<{ createShipment: ShipmentPayload }>(CREATE_SHIPMENT, {
      input: { orderId: order.id, carrierName: 'Canada Post', trackingNumber: 'CP123', trackingUrl: 'https://post.example/track?n=CP123' },
    });
    expect(createShipment.userErrors).toEqual([]);
    const shipment = createShipment.shipment!;
    expect(shipment).toMatchObject({
      status: 'LABEL_CREATED',
      carrierName: 'Canada Post',
      trackingUrl: 'https://post.example/track?n=CP123',
      lines: [{ quantity: 2 }],
    });

    await store.orderUntil(order.id, (current) => current.status === 'FULFILLED', 'the order FULFILLED');
    const seen = await client(shopper.token).request<{ order: Record<string, unknown> }>(ORDER_SHIPPING, { id: order.id });
    expect(seen.order).toEqual({
      status: 'FULFILLED',
      carrier: 'Canada Post',
      trackingNumber: 'CP123',
      shipments: [
        {
          id: shipment.id,
          carrierName: 'Canada Post',
          trackingNumber: 'CP123',
          trackingUrl: 'https://post.example/track?n=CP123',
          status: 'LABEL_CREATED',
          lines: [{ quantity: 2 }],
          order: { id: order.id },
        },
      ],
    });

    const tracked = async (status: string, message?: string) =>
      (
        await merchant.request<{ updateShipmentTracking: { shipment: { status: string } | null; userErrors: Errors } }>(UPDATE_TRACKING, {
          input: { shipmentId: shipment.id, status, message },
        })
      ).updateShipmentTracking;
    expect(await tracked('IN_TRANSIT', 'Left the depot')).toMatchObject({ shipment: { status: 'IN_TRANSIT' }, userErrors: [] });
    expect(await tracked('DELIVERED')).toMatchObject({ shipment: { status: 'DELIVERED' }, userErrors: [] });
    expect(await tracked('IN_TRANSIT')).toEqual({ shipment: null, userErrors: [{ code: 'INVALID_TRANSITION', field: ['input', 'status'] }] });

    const delivered = await eventually(
      async () =>
        (await shopper.sdk.Notifications({ first: 20 })).notifications.nodes.find(
          (notification) => notification.title === `Order ${order.orderNumber} was delivered`,
        ),
      15_000,
      'the delivered notification',
    );
    expect(delivered).toMatchObject({ type: 'DISPATCH' });
    const emails = await eventually(
      async () => {
        const mine = stack.inbox.messagesTo(email);
        return (
          mine.some((message) => message.subject === `Order ${order.orderNumber} was delivered`) &&
          mine.some((message) => /on its way/.test(message.subject)) &&
          mine
        );
      },
      15_000,
      'the dispatch and delivery emails',
    );
    expect(emails.find((message) => /on its way/.test(message.subject))!.text).toContain('Follow your parcel: https://post.example/track?n=CP123');
    expect(emails.find((message) => message.subject === `Order ${order.orderNumber} was delivered`)!.text).toContain('Canada Post tracking number: CP123');
    // IN_TRANSIT is told in the app only
    expect(emails.filter((message) => /in transit/i.test(message.subject))).toEqual([]);
  });
});
