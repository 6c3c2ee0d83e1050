'use strict';
/**
 * Drives the order saga through the gateway as shoppers and merchants do (P4, P5): placeOrder and
 * processPayment over HTTP, orderStatusChanged over graphql-ws. Every failure throws: an HTTP status
 * other than 200, GraphQL `errors`, a non-empty `userErrors`, a payment that did not succeed, an order
 * that does not reach the status awaited in time.
 */
const { randomInt, randomUUID } = require('node:crypto');
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');
const { customerToken } = require('./auth');
const { addStock, inParallel } = require('./seed');

const SHIPPING_ADDRESS = { name: 'Ada Lovelace', line1: '12 Analytical Way', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' };
const GOOD_CARD = '4242424242424242';

const PLACE_ORDER = `mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id status } userErrors { code field message } }
}`;
const PROCESS_PAYMENT = `mutation ProcessPayment($input: ProcessPaymentInput!) {
  processPayment(input: $input) { payment { id status } userErrors { code field message } }
}`;
const ORDER_STATUS = `query OrderStatus($id: ID!) { order(id: $id) { id status } }`;
const DISPATCH_ORDER = `mutation DispatchOrder($input: DispatchOrderInput!) {
  dispatchOrder(input: $input) { order { id status } userErrors { code field message } }
}`;
const COMPLETE_ORDER = `mutation CompleteOrder($input: CompleteOrderInput!) {
  completeOrder(input: $input) { order { id status } userErrors { code field message } }
}`;
const FOLLOW = `subscription Follow($orderId: ID!) { orderStatusChanged(orderId: $orderId) { id status } }`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One GraphQL POST; resolves to `data`, throws on anything else. */
async function post(url, query, variables, headers, what) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${what}: ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  if (response.status !== 200 || body.errors || !body.data) throw new Error(`${what}: ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

function payloadOf(data, field, what) {
  const payload = data[field];
  if (payload.userErrors.length > 0) throw new Error(`${what}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** Nearest-rank percentiles of `values` (milliseconds), rounded to 0.1 ms. */
function percentiles(values) {
  if (values.length === 0) return { count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { count: sorted.length, p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: at(100), mean: Math.round(mean * 10) / 10 };
}

/** A graphql-ws connection of one caller; `follow` subscribes to one order's status changes on it. */
class LiveConnection {
  constructor(wsUrl, token, storeId) {
    this.errors = [];
    this.client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}`, 'X-Store-Id': storeId },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: (error) => this.errors.push(error),
    });
    this.connected = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no graphql-ws connection to ${wsUrl} within 10 s`)), 10000);
      this.client.on('connected', () => {
        clearTimeout(timer);
        resolve();
      });
      this.client.on('closed', (event) => {
        if (!this.disposed) this.errors.push(new Error(`graphql-ws connection closed (${event?.code ?? '?'} ${event?.reason ?? ''})`));
      });
    });
  }

  /**
   * Subscribes to `orderStatusChanged(orderId)`; `onStatus(status, atMs)` gets each push with the
   * performance.now() of its arrival. Errors go to `this.errors`. Returns the unsubscribe function.
   */
  follow(orderId, onStatus) {
    return this.client.subscribe(
      { query: FOLLOW, variables: { orderId } },
      {
        next: (result) => {
          const at = performance.now();
          if (result.errors) this.errors.push(new Error(`orderStatusChanged(${orderId}): ${JSON.stringify(result.errors)}`));
          else onStatus(result.data.orderStatusChanged.status, at);
        },
        error: (error) => this.errors.push(error instanceof Error ? error : new Error(`orderStatusChanged(${orderId}): ${JSON.stringify(error)}`)),
        complete: () => undefined,
      },
    );
  }

  /** Throws the first error this connection has seen. */
  check() {
    if (this.errors.length > 0) throw this.errors[0];
  }

  async close() {
    this.disposed = true;
    await this.client.dispose();
  }
}

/** A signed-in shopper of the bench's store: HTTP for mutations and reads, one graphql-ws connection to follow orders. */
class Shopper {
  constructor({ gatewayUrl, wsUrl, keys, root, storeId, userId = randomUUID() }) {
    const { token } = customerToken(keys, root, userId);
    Object.assign(this, { gatewayUrl, wsUrl, keys, root, storeId, userId, token, email: `shopper-${userId}@example.com` });
    this.headers = { authorization: `Bearer ${token}`, 'x-store-id': storeId };
  }

  live() {
    this.connection ??= new LiveConnection(this.wsUrl, this.token, this.storeId);
    return this.connection;
  }

  async placeOrder(items) {
    // each shopper their own address, as real customers: notifications writes and sends one mailbox's email per shopper
    const input = { items, email: this.email, shippingAddress: SHIPPING_ADDRESS, idempotencyKey: randomUUID() };
    const data = await post(this.gatewayUrl, PLACE_ORDER, { input }, this.headers, 'placeOrder');
    return payloadOf(data, 'placeOrder', 'placeOrder').order;
  }

  async pay(orderId) {
    const input = { orderId, paymentMethod: { cardNumber: GOOD_CARD }, idempotencyKey: randomUUID() };
    const data = await post(this.gatewayUrl, PROCESS_PAYMENT, { input }, this.headers, 'processPayment');
    const { payment } = payloadOf(data, 'processPayment', 'processPayment');
    if (payment?.status !== 'SUCCEEDED') throw new Error(`processPayment(${orderId}) answered payment ${JSON.stringify(payment)}`);
    return payment;
  }

  async status(orderId) {
    const { order } = await post(this.gatewayUrl, ORDER_STATUS, { id: orderId }, this.headers, 'order(id)');
    if (!order) throw new Error(`order(${orderId}) is not visible to its shopper`);
    return order.status;
  }

  /** Polls `order(id) { status }` until it is `wanted`. */
  async pollUntil(orderId, wanted, timeoutMs = 20000, everyMs = 100) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const status = await this.status(orderId);
      if (status === wanted) return performance.now();
      if (performance.now() > deadline) throw new Error(`order ${orderId} was still ${status}, not ${wanted}, after ${timeoutMs} ms`);
      await sleep(everyMs);
    }
  }

  close() {
    return this.connection?.close();
  }
}

/**
 * Follows `orderId` on `connection`, pays it, and waits for its CONFIRMED push; should none come within
 * `fallbackAfterMs` of the payment's answer, polls `order(id)` instead (a safety net, counted as `fallback`).
 * Resolves to the performance.now() of the payment's answer and of CONFIRMED.
 */
async function payAndConfirm(shopper, connection, orderId, { fallbackAfterMs, confirmTimeoutMs }) {
  let confirmedAt;
  let resolveConfirmed;
  const confirmed = new Promise((resolve) => (resolveConfirmed = resolve));
  const unsubscribe = connection.follow(orderId, (status, at) => {
    if (status === 'CONFIRMED' && confirmedAt === undefined) {
      confirmedAt = at;
      resolveConfirmed();
    }
  });
  try {
    await shopper.pay(orderId);
    const paidAt = performance.now();
    await Promise.race([confirmed, sleep(fallbackAfterMs)]);
    connection.check();
    let fallback = false;
    if (confirmedAt === undefined) {
      fallback = true;
      const polledAt = await shopper.pollUntil(orderId, 'CONFIRMED', confirmTimeoutMs - fallbackAfterMs, 200);
      confirmedAt ??= polledAt;
    }
    return { paidAt, confirmedAt, fallback };
  } finally {
    unsubscribe();
  }
}

const randomItems = (products) => [{ productId: products[randomInt(products.length)].id, quantity: 1 + randomInt(3) }];

/**
 * Tops the products up to plenty of stock (P4 and P5 never run out), then waits until orders knows
 * every one of them (its price read model follows catalog's events): one order with all of them.
 */
async function prepareSaga({ gatewayUrl, wsUrl, keys, root, storeId, merchantToken, products, unitsEach = 100000 }) {
  await inParallel(products, 8, (product) => addStock(gatewayUrl, merchantToken, product.id, unitsEach));
  const shopper = new Shopper({ gatewayUrl, wsUrl, keys, root, storeId });
  const items = products.slice(0, 100).map((product) => ({ productId: product.id, quantity: 1 }));
  const deadline = performance.now() + 30000;
  for (;;) {
    try {
      const order = await shopper.placeOrder(items);
      await shopper.pay(order.id);
      await shopper.pollUntil(order.id, 'CONFIRMED');
      return;
    } catch (error) {
      if (!/PRODUCT_NOT_AVAILABLE/.test(error.message) || performance.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/** Places and pays `count` orders of one shopper, `concurrency` at a time; resolves once all are CONFIRMED. */
async function confirmedOrders(shopper, products, count, concurrency = 8) {
  return inParallel(Array.from({ length: count }), concurrency, async () => {
    const order = await shopper.placeOrder(randomItems(products));
    await shopper.pay(order.id);
    await shopper.pollUntil(order.id, 'CONFIRMED');
    return order.id;
  });
}

async function merchantMutation(gatewayUrl, merchantToken, kind, orderId) {
  const headers = { authorization: `Bearer ${merchantToken}` };
  if (kind === 'dispatch') {
    const input = { orderId, carrier: 'UPS', trackingNumber: `1Z${randomInt(1e9)}` };
    return payloadOf(await post(gatewayUrl, DISPATCH_ORDER, { input }, headers, 'dispatchOrder'), 'dispatchOrder', 'dispatchOrder').order;
  }
  return payloadOf(await post(gatewayUrl, COMPLETE_ORDER, { input: { orderId } }, headers, 'completeOrder'), 'completeOrder', 'completeOrder').order;
}

module.exports = { post, payAndConfirm, Shopper, LiveConnection, prepareSaga, confirmedOrders, merchantMutation, randomItems, percentiles, sleep, FOLLOW };
