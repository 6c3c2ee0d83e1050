'use strict';
/**
 * The demo orders, driven through the saga exactly as a client drives it: placeOrder → the
 * reservation → processPayment → dispatchOrder → completeOrder, or cancelOrder. Every step is keyed
 * or guarded by the order's status, so a run that stopped half-way picks up where it was.
 */
const { eachLimited, expectNoUserErrors, waitFor } = require('./client');

const ORDER_FIELDS = 'id status reservationStatus';
const ORDER_COUNT = `query SeedOrderCount { orders(first: 1) { totalCount } }`;
const ORDER = `query SeedOrder($id: ID!) { order(id: $id) { ${ORDER_FIELDS} cancelReason } }`;
const PLACE_ORDER = `mutation SeedPlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { ${ORDER_FIELDS} } userErrors { code field message } }
}`;
const PROCESS_PAYMENT = `mutation SeedProcessPayment($input: ProcessPaymentInput!) {
  processPayment(input: $input) { payment { id status } userErrors { code field message } }
}`;
const CANCEL_ORDER = `mutation SeedCancelOrder($input: CancelOrderInput!) {
  cancelOrder(input: $input) { order { ${ORDER_FIELDS} } userErrors { code field message } }
}`;
const DISPATCH_ORDER = `mutation SeedDispatchOrder($input: DispatchOrderInput!) {
  dispatchOrder(input: $input) { order { ${ORDER_FIELDS} } userErrors { code field message } }
}`;
const COMPLETE_ORDER = `mutation SeedCompleteOrder($input: CompleteOrderInput!) {
  completeOrder(input: $input) { order { ${ORDER_FIELDS} } userErrors { code field message } }
}`;

/** How far each outcome goes: the payments tried in turn, then whether it is dispatched and completed. */
const OUTCOMES = {
  CREATED: { payments: [], dispatch: false, complete: false },
  CANCELLED: { payments: [], dispatch: false, complete: false, cancel: 'Customer changed their mind' },
  DECLINED: { payments: ['declined'], dispatch: false, complete: false },
  CONFIRMED: { payments: ['paid'], dispatch: false, complete: false },
  CONFIRMED_AFTER_DECLINE: { payments: ['declined', 'paid'], dispatch: false, complete: false },
  DISPATCHED: { payments: ['paid'], dispatch: true, complete: false },
  COMPLETED: { payments: ['paid'], dispatch: true, complete: true },
};
const PAYABLE = new Set(['CREATED', 'PAYMENT_FAILED']);

/** Polls the order (as its store's merchant) until `done`; a cancellation nobody asked for fails at once. */
async function orderUntil(merchant, orderId, done, what, timeoutMs) {
  let last = null;
  return waitFor(
    () => `order ${orderId} ${what} (it is ${last?.status} with reservation ${last?.reservationStatus})`,
    async () => {
      const { order } = await merchant(ORDER, { id: orderId });
      last = order;
      if (order && done(order)) return order;
      if (order?.status === 'CANCELLED') throw new Error(`order ${orderId} was cancelled (${order.cancelReason}) while waiting for ${what}`);
      return undefined;
    },
    timeoutMs,
  );
}

/** placeOrder with the plan's idempotency key, retrying while orders has not yet heard of a product just created. */
function placeOrder(buyer, input, timeoutMs) {
  return waitFor(
    `order ${input.idempotencyKey} to be placed`,
    async () => {
      const { placeOrder: placed } = await buyer(PLACE_ORDER, { input });
      if (placed.userErrors.some((error) => error.code === 'PRODUCT_NOT_AVAILABLE')) return undefined;
      return expectNoUserErrors(`placeOrder ${input.idempotencyKey}`, placed).order;
    },
    timeoutMs,
  );
}

/** Takes one planned order as far as its outcome says, from wherever it is. */
async function driveOrder(context, plan) {
  const { merchant, buyerOf, customers, productIds, variantIds, paymentTokens, timeoutMs } = context;
  const customer = customers[plan.customer];
  const outcome = OUTCOMES[plan.outcome];
  if (plan.items.some(({ handle }) => !productIds.get(handle))) throw new Error(`order ${plan.key} names a product the store does not have`);
  const items = plan.items.map(({ handle, quantity }, line) => {
    // a product with several variants is bought by one of them (a productId names only a single variant)
    const variants = variantIds?.get(handle) ?? [];
    return variants.length > 1 ? { variantId: variants[(plan.customer + line) % variants.length], quantity } : { productId: productIds.get(handle), quantity };
  });
  const shippingAddress = customer.addresses[0];
  let order = await placeOrder(buyerOf(customer), { items, email: customer.email, shippingAddress, idempotencyKey: plan.key }, timeoutMs);
  if (order.status === 'CANCELLED') return order;
  if (order.reservationStatus === 'PENDING') {
    order = await orderUntil(merchant, order.id, (o) => o.reservationStatus !== 'PENDING', 'to be reserved', timeoutMs);
  }

  if (outcome.cancel) {
    const { cancelOrder } = await merchant(CANCEL_ORDER, { input: { orderId: order.id, reason: outcome.cancel } });
    return expectNoUserErrors(`cancelOrder ${plan.key}`, cancelOrder).order;
  }
  for (const [attempt, kind] of outcome.payments.entries()) {
    if (!PAYABLE.has(order.status)) break;
    // a declined attempt already made leaves the order PAYMENT_FAILED: go on with the next
    if (order.status === 'PAYMENT_FAILED' && kind === 'declined') continue;
    const input = { orderId: order.id, paymentMethod: { token: paymentTokens[kind] }, idempotencyKey: `${plan.key}:payment:${attempt + 1}` };
    const { processPayment } = await buyerOf(customer)(PROCESS_PAYMENT, { input });
    const expected = kind === 'declined' ? 'FAILED' : 'SUCCEEDED';
    if (processPayment.payment?.status !== expected) throw new Error(`processPayment ${input.idempotencyKey}: ${JSON.stringify(processPayment)}`);
    order = await orderUntil(merchant, order.id, (o) => o.status === (kind === 'declined' ? 'PAYMENT_FAILED' : 'CONFIRMED'), `to be ${kind}`, timeoutMs);
  }
  if (['PAYMENT_PENDING', 'PAYMENT_SUCCESS'].includes(order.status)) {
    order = await orderUntil(merchant, order.id, (o) => o.status === 'CONFIRMED', 'to be confirmed', timeoutMs);
  }
  if (outcome.dispatch && order.status === 'CONFIRMED') {
    const trackingNumber = `1Z${plan.key.replace(/\D/g, '').padStart(16, '0')}`;
    const { dispatchOrder } = await merchant(DISPATCH_ORDER, { input: { orderId: order.id, carrier: 'UPS', trackingNumber } });
    order = expectNoUserErrors(`dispatchOrder ${plan.key}`, dispatchOrder).order;
  }
  if (outcome.complete && order.status === 'FULFILLED') {
    const { completeOrder } = await merchant(COMPLETE_ORDER, { input: { orderId: order.id } });
    order = expectNoUserErrors(`completeOrder ${plan.key}`, completeOrder).order;
  }
  return order;
}

/**
 * Places and drives the planned `orders` unless the store already has as many orders: then a
 * previous run made them, and the seed stays fast. A run that stopped half-way has fewer, and
 * every order is taken up again by its idempotency key.
 *
 * @param {object} context
 * @param {Function} context.merchant acts as the store's merchant
 * @param {(customer) => Function} context.buyerOf acts as whoever places that customer's orders
 * @param {object[]} context.customers the demo customers (their emails and addresses)
 * @param {Map<string, string>} context.productIds handle → product id
 * @param {Map<string, string[]>} [context.variantIds] handle → its variant ids (a product with several is ordered by variant)
 * @param {{ paid: string, declined: string }} context.paymentTokens
 * @param {number} [context.timeoutMs] bound of each wait
 * @returns {Promise<{ driven: number, skipped: boolean, statuses: Record<string, number> }>}
 */
async function seedOrders(context, orders) {
  const { orders: existing } = await context.merchant(ORDER_COUNT);
  if (existing.totalCount >= orders.length) return { driven: 0, skipped: true, statuses: {} };
  const statuses = {};
  await eachLimited(orders, 6, async (plan) => {
    const order = await driveOrder({ timeoutMs: 30000, ...context }, plan);
    statuses[order.status] = (statuses[order.status] ?? 0) + 1;
  });
  return { driven: orders.length, skipped: false, statuses };
}

module.exports = { seedOrders };
