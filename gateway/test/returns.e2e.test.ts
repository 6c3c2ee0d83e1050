import { randomUUID } from 'node:crypto';
import { GraphQLClient, gql } from 'graphql-request';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { subscribe } from './support/live';
import { Storefront } from './support/storefront';

const USER_ERRORS = `userErrors { code field }`;
const RETURN_FIELDS = `return { id status lines { id lineItemId quantity restock locationId } refund { id status } }`;
const CREATE_SHIPMENT = gql`mutation ($input: CreateShipmentInput!) { createShipment(input: $input) { shipment { id } ${USER_ERRORS} } }`;
const MARK_DELIVERED = gql`mutation ($input: MarkShipmentDeliveredInput!) { markShipmentDelivered(input: $input) { shipment { id status } ${USER_ERRORS} } }`;
const REQUEST = gql`mutation ($input: RequestReturnInput!) { requestReturn(input: $input) { ${RETURN_FIELDS} ${USER_ERRORS} } }`;
const APPROVE = gql`mutation ($input: ApproveReturnInput!) { approveReturn(input: $input) { ${RETURN_FIELDS} ${USER_ERRORS} } }`;
const RECEIVE = gql`mutation ($input: MarkReturnReceivedInput!) { markReturnReceived(input: $input) { ${RETURN_FIELDS} ${USER_ERRORS} } }`;
const REFUND = gql`mutation ($input: RefundReturnInput!) { refundReturn(input: $input) { ${RETURN_FIELDS} refund { id status amount { amount } } ${USER_ERRORS} } }`;
const ORDER = gql`
  query ($id: ID!) {
    order(id: $id) {
      status
      lineItems {
        id
      }
      returns {
        id
        status
      }
    }
  }
`;
const FOLLOW = `subscription ($returnId: ID!) { returnUpdated(returnId: $returnId) { id status orderId } }`;

type Payload = { userErrors: { code: string; field: string[] | null }[] } & Record<string, unknown>;
interface ReturnShape {
  id: string;
  status: string;
  lines: { id: string; lineItemId: string; quantity: number; restock: boolean | null; locationId: string | null }[];
  refund: { id: string; status: string } | null;
}

/**
 * Issue 15 item 2 through the gateway: a shopper returns delivered units, the staff approve, receive them to a chosen
 * location and refund; the refund succeeds, the return is REFUNDED, the stock at that location rises, the shopper is
 * notified and the subscriber is pushed every step.
 */
describe('returns through the gateway', () => {
  let stack: Stack;
  let store: Storefront;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'returns' });
    store = await Storefront.open(stack, 'Returns Kitchenware');
  }, 180_000);
  afterAll(async () => {
    await releaseStack(stack);
  });

  const client = (token: string) =>
    new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': store.storeId, authorization: `Bearer ${token}` }, errorPolicy: 'all' });
  const call = async (token: string, document: string, input: Record<string, unknown>): Promise<Payload> => {
    const result = await client(token).rawRequest<Record<string, Payload>>(document, { input });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data)[0];
  };
  const merchant = () => store.merchantToken;

  it('goes from request to refund with restock at the chosen location, pushed to the subscriber, the shopper notified', async () => {
    const productId = await store.product('Enamel pot', 5, 3000);
    const { locations } = await store.merchant.Locations({ first: 10 });
    const defaultLocationId = locations.nodes.find((location) => location.isDefault)!.id;
    const { createLocation } = await store.merchant.CreateLocation({ input: { name: 'Returns bench', code: 'returns-bench', priority: 1 } });
    expect(createLocation.userErrors).toEqual([]);
    const benchId = createLocation.location!.id;
    // one unit on the bench, so the variant has stock there to put returned units back to
    const moved = await store.merchant.TransferStock({
      input: {
        variantId: productId,
        fromLocationId: defaultLocationId,
        toLocationId: benchId,
        quantity: 1,
        reason: 'returns bench',
        idempotencyKey: randomUUID(),
      },
    });
    expect(moved.transferStock.userErrors).toEqual([]);
    const onBench = async () =>
      (await store.merchant.InventoryLevels({ first: 20 })).inventory.nodes.find((item) => item.variantId === productId && item.locationId === benchId)?.onHand;
    expect(await onBench()).toBe(1);

    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 3 }], randomUUID());
    await eventually(
      async () =>
        (await shopper.sdk.ProcessPayment({ input: { orderId: order.id, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() } }))
          .processPayment.payment?.status === 'SUCCEEDED',
      15_000,
      'the payment',
    );
    await store.orderUntil(order.id, (current) => current.status === 'CONFIRMED', 'the order confirmed');
    const lineItemId = (await client(merchant()).request<{ order: { lineItems: { id: string }[] } }>(ORDER, { id: order.id })).order.lineItems[0].id;
    // the order's stock may have been taken from the bench too: what the return adds is counted from here
    const benchBefore = (await onBench())!;

    // not delivered yet: nothing can be returned, and nothing is written
    const early = await call(shopper.token, REQUEST, { orderId: order.id, lines: [{ lineItemId, quantity: 1, reason: 'DEFECTIVE' }] });
    expect(early).toEqual({ return: null, userErrors: [{ code: 'LINE_NOT_DELIVERED', field: ['input', 'lines', '0', 'lineItemId'] }] });

    const shipped = await eventually(
      async () => {
        const payload = await call(merchant(), CREATE_SHIPMENT, { orderId: order.id, carrierName: 'UPS', trackingNumber: `1Z${randomUUID().slice(0, 8)}` });
        return payload.userErrors.length === 0 && (payload.shipment as { id: string }).id;
      },
      20_000,
      'the shipment',
    );
    await store.orderUntil(order.id, (current) => current.status === 'FULFILLED', 'FULFILLED');
    expect((await call(merchant(), MARK_DELIVERED, { shipmentId: shipped })).userErrors).toEqual([]);
    await store.orderUntil(order.id, (current) => current.status === 'DELIVERED', 'DELIVERED');

    const requested = (await call(shopper.token, REQUEST, { orderId: order.id, lines: [{ lineItemId, quantity: 2, reason: 'DEFECTIVE', note: 'Chipped' }] }))
      .return as ReturnShape;
    expect(requested).toMatchObject({ status: 'REQUESTED', lines: [{ lineItemId, quantity: 2 }] });
    const live = await subscribe<{ returnUpdated: { id: string; status: string; orderId: string } }>(
      stack.wsUrl,
      shopper.token,
      FOLLOW,
      { returnId: requested.id },
      store.storeId,
    );
    try {
      // the shopper takes no staff step
      const refused = await client(shopper.token).rawRequest(APPROVE, { input: { returnId: requested.id } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      expect((await call(merchant(), APPROVE, { returnId: requested.id })).return).toMatchObject({ status: 'APPROVED' });
      // a second approval is a step out of order
      expect((await call(merchant(), APPROVE, { returnId: requested.id })).userErrors).toEqual([{ code: 'INVALID_TRANSITION', field: ['input', 'returnId'] }]);
      const received = (
        await call(merchant(), RECEIVE, { returnId: requested.id, lines: [{ returnLineId: requested.lines[0].id, restock: true, locationId: benchId }] })
      ).return as ReturnShape;
      expect(received).toMatchObject({ status: 'RECEIVED', lines: [{ restock: true, locationId: benchId }] });
      const refunded = await call(merchant(), REFUND, { returnId: requested.id, idempotencyKey: randomUUID() });
      expect(refunded.userErrors).toEqual([]);
      expect(refunded.refund).toMatchObject({ status: 'PENDING', amount: { amount: 6000 } });

      // the simulated provider refunds: the return is REFUNDED, the two units are back on the bench
      await eventually(
        async () =>
          (await client(shopper.token).request<{ order: { returns: { status: string }[] } }>(ORDER, { id: order.id })).order.returns[0]?.status === 'REFUNDED',
        30_000,
        'the return REFUNDED',
      );
      await eventually(async () => (await onBench()) === benchBefore + 2, 20_000, 'two units back on the bench');
      // subscribed once REQUESTED: every later step, the refund asked for (still RECEIVED) included
      const pushed = await live.until(4, 'every step pushed');
      expect(pushed.map((push) => push.returnUpdated)).toEqual([
        { id: requested.id, status: 'APPROVED', orderId: order.id },
        { id: requested.id, status: 'RECEIVED', orderId: order.id },
        { id: requested.id, status: 'RECEIVED', orderId: order.id },
        { id: requested.id, status: 'REFUNDED', orderId: order.id },
      ]);
    } finally {
      live.close();
    }
    // the shopper is told of each step in the app
    const titles = await eventually(
      async () => {
        const { notifications } = await shopper.sdk.Notifications({ first: 50 });
        const returns = notifications.nodes.map((node) => node.title).filter((title) => title.startsWith('Return '));
        return returns.length >= 4 && returns;
      },
      20_000,
      'the return notifications',
    );
    expect([...titles].sort()).toEqual(['requested', 'approved', 'received', 'refunded'].map((step) => `Return ${step} for order ${order.orderNumber}`).sort());
  });
});
