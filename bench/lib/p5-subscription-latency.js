'use strict';
/**
 * P5: event → client latency of `orderStatusChanged { id status }` at the gateway, with 1 subscriber
 * and with `subscribers` (200) subscribers of the same order: the fan-out case.
 *
 * One shopper places and pays 2 × `orders` orders and waits until each is CONFIRMED. The bench opens
 * `subscribers` graphql-ws connections as that shopper, each with its own token (its own session, as
 * separate devices would have). Then, order by order, alternating the two cases (1, 200, 1, 200, …): the
 * chosen connections subscribe to the order and the bench waits until the gateway has acknowledged each
 * as listening (its graphql-ws `ping` with `{ listening, cursor }`, sent once the feed is positioned and
 * the subscriber's access checked: any later change is pushed); then, as the store's merchant, it sends
 * `dispatchOrder` (CONFIRMED → DISPATCHED) and, once every subscriber has that push, `completeOrder`
 * (→ COMPLETED). Latency = arrival of the push at a subscriber − performance.now() just before the
 * mutation's POST is sent, all in this process: it contains the mutation's own path to its commit, the
 * outbox relay, NATS, the gateway's fan-out, the answer (from the event itself: `{ id status }` is in
 * every status event, so no subgraph is asked) and the WebSocket frame. Every subscriber must get exactly
 * DISPATCHED then COMPLETED.
 */
const { randomUUID } = require('node:crypto');
const { customerToken } = require('./auth');
const { LiveConnection, Shopper, confirmedOrders, merchantMutation, percentiles, sleep } = require('./saga');

const ARRIVAL_TIMEOUT_MS = 10000;
const LISTENING_TIMEOUT_MS = 30000;
const TRANSITIONS = [
  { kind: 'dispatch', status: 'FULFILLED' },
  { kind: 'complete', status: 'COMPLETED' },
];

/** Counts the gateway's listening acknowledgements on a connection (one pending subscription at a time here). */
function listeningAcks(connection) {
  if (connection.listeningAcks === undefined) {
    connection.listeningAcks = 0;
    connection.client.on('ping', (received, payload) => {
      if (received && payload && typeof payload.listening === 'string') connection.listeningAcks += 1;
    });
  }
  return connection.listeningAcks;
}

async function waitForListening(connections, before, what) {
  const deadline = performance.now() + LISTENING_TIMEOUT_MS;
  for (;;) {
    for (const connection of connections) connection.check();
    const waiting = connections.filter((connection, index) => connection.listeningAcks <= before[index]).length;
    if (waiting === 0) return;
    if (performance.now() > deadline)
      throw new Error(`${what}: ${waiting} of ${connections.length} subscriptions not listening after ${LISTENING_TIMEOUT_MS} ms`);
    await sleep(5);
  }
}

async function waitForArrivals(arrivals, status, connections, what) {
  const deadline = performance.now() + ARRIVAL_TIMEOUT_MS;
  for (;;) {
    for (const connection of connections) connection.check();
    const missing = arrivals.filter((arrival) => !arrival.has(status)).length;
    if (missing === 0) return;
    if (performance.now() > deadline)
      throw new Error(`${what}: ${missing} of ${arrivals.length} subscribers had no ${status} push after ${ARRIVAL_TIMEOUT_MS} ms`);
    await sleep(5);
  }
}

/** Subscribes `connections` to `orderId`, moves the order twice, returns one latency per subscriber per transition. */
async function measureOrder({ gatewayUrl, merchantToken, orderId, connections }) {
  const what = `P5 order ${orderId}, ${connections.length} subscriber(s)`;
  const arrivals = connections.map(() => new Map());
  const unexpected = [];
  const acksBefore = connections.map(listeningAcks);
  const subscribing = performance.now();
  const unsubscribes = connections.map((connection, index) =>
    connection.follow(orderId, (status, at) => {
      if (arrivals[index].has(status) || !TRANSITIONS.some((transition) => transition.status === status)) unexpected.push(status);
      else arrivals[index].set(status, at);
    }),
  );
  try {
    await waitForListening(connections, acksBefore, what);
    const listeningMs = performance.now() - subscribing;
    const events = [];
    for (const { kind, status } of TRANSITIONS) {
      const sent = performance.now();
      const order = await merchantMutation(gatewayUrl, merchantToken, kind, orderId);
      const answered = performance.now();
      if (order.status !== status) throw new Error(`${what}: ${kind}Order left the order ${order.status}, not ${status}`);
      await waitForArrivals(arrivals, status, connections, what);
      const latencies = arrivals.map((arrival) => arrival.get(status) - sent);
      events.push({ status, mutationMs: answered - sent, latencies, afterAnswerMs: arrivals.map((arrival) => arrival.get(status) - answered), listeningMs });
    }
    await sleep(50); // anything unexpected (a repeated push) would arrive now
    if (unexpected.length > 0) throw new Error(`${what}: unexpected pushes ${JSON.stringify(unexpected.slice(0, 5))}`);
    return events;
  } finally {
    for (const unsubscribe of unsubscribes) unsubscribe();
  }
}

function summarise(events) {
  const all = events.flatMap((event) => event.latencies);
  return {
    events: events.length,
    samples: all.length,
    latency: percentiles(all),
    // when the last subscriber of each event had it
    lastSubscriber: percentiles(events.map((event) => Math.max(...event.latencies))),
    mutation: percentiles(events.map((event) => event.mutationMs)),
    afterMutationAnswer: percentiles(events.flatMap((event) => event.afterAnswerMs)),
    // from the subscribe messages to the last listening acknowledgement, per order
    subscribeToListening: percentiles(events.filter((event, index) => index % TRANSITIONS.length === 0).map((event) => event.listeningMs)),
  };
}

async function runP5({ gatewayUrl, wsUrl, keys, root, storeId, merchantToken, products, config, log }) {
  const { subscribers, orders } = config.p5;
  const userId = randomUUID();
  const owner = new Shopper({ gatewayUrl, wsUrl, keys, root, storeId, userId });
  const orderIds = await confirmedOrders(owner, products, 2 * orders);
  const connections = [];
  try {
    for (let i = 0; i < subscribers; i += 25) {
      const batch = Array.from({ length: Math.min(25, subscribers - i) }, () => new LiveConnection(wsUrl, customerToken(keys, root, userId).token, storeId));
      connections.push(...batch);
      await Promise.all(batch.map((connection) => connection.connected));
    }
    const cases = { single: [], fanOut: [] };
    for (let i = 0; i < orderIds.length; i += 1) {
      const fan = i % 2 === 1;
      const chosen = fan ? connections : [connections[Math.floor(i / 2) % connections.length]];
      const events = await measureOrder({ gatewayUrl, merchantToken, orderId: orderIds[i], connections: chosen });
      (fan ? cases.fanOut : cases.single).push(...events);
    }
    const single = summarise(cases.single);
    const fanOut = summarise(cases.fanOut);
    log(`  1 subscriber: p50 ${single.latency.p50} ms, p99 ${single.latency.p99} ms (${single.samples} pushes)`);
    log(`  ${subscribers} subscribers: p50 ${fanOut.latency.p50} ms, p99 ${fanOut.latency.p99} ms (${fanOut.samples} pushes)`);
    const p99Ratio = fanOut.latency.p99 / Math.max(single.latency.p99, 1);
    const goal = { fanOutP99AtMostMs: 50, fanOutP99RatioAtMost: 5 };
    return {
      id: 'P5',
      method: {
        subscribers,
        sameOrder: true,
        tokens: 'one shopper, one token (session) per subscriber connection',
        ordersPerCase: orders,
        transitionsPerOrder: TRANSITIONS.map((transition) => transition.status),
        latency: 'push arrival at the subscriber − just before the merchant mutation is sent (same process, performance.now())',
        listening: 'the first mutation is sent once the gateway has acknowledged every subscription as listening (graphql-ws ping { listening, cursor })',
      },
      goal,
      met: fanOut.latency.p99 <= goal.fanOutP99AtMostMs && p99Ratio <= goal.fanOutP99RatioAtMost,
      p99Ratio,
      single,
      fanOut,
    };
  } finally {
    await Promise.all(connections.map((connection) => connection.close()));
    await owner.close();
  }
}

module.exports = { runP5 };
