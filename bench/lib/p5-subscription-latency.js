'use strict';
/**
 * P5: event → client latency of `orderStatusChanged { id status }` at the gateway, with 1 subscriber
 * and with `subscribers` (200) subscribers of the same order: the fan-out case.
 *
 * One shopper places and pays 2 × `orders` orders and waits until each is CONFIRMED. The bench opens
 * `subscribers` graphql-ws connections as that shopper, each with its own token (its own session, as
 * separate devices would have: no two subscribers share a resolution at the gateway). Then, order by
 * order, alternating the two cases (1, 200, 1, 200, …): the chosen connections subscribe to the order,
 * the bench waits SETTLE_MS + SETTLE_PER_SUBSCRIBER_MS per subscriber for the subscriptions to be set up
 * (graphql-ws has no acknowledgement for subscribe), then, as the store's merchant, sends
 * `dispatchOrder` (CONFIRMED → DISPATCHED) and, once every subscriber has that push, `completeOrder`
 * (→ COMPLETED). Latency = arrival of the push at a subscriber − performance.now() just before the
 * mutation's POST is sent, all in this process: it contains the mutation's own path to its commit, the
 * outbox relay, NATS, the gateway's fan-out, the resolution of `{ id status }` through the orders
 * subgraph and the WebSocket frame. Every subscriber must get exactly DISPATCHED then COMPLETED.
 */
const { randomUUID } = require('node:crypto');
const { customerToken } = require('./auth');
const { LiveConnection, Shopper, confirmedOrders, merchantMutation, percentiles, sleep } = require('./saga');

const SETTLE_MS = 300;
// each subscription first probes the order through the supergraph (may the caller follow it?); on a busy
// machine 200 probes take seconds, and a subscriber not yet listening misses the push and fails the run
const SETTLE_PER_SUBSCRIBER_MS = 15;
const ARRIVAL_TIMEOUT_MS = 10000;
const TRANSITIONS = [
  { kind: 'dispatch', status: 'DISPATCHED' },
  { kind: 'complete', status: 'COMPLETED' },
];

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
  const unsubscribes = connections.map((connection, index) =>
    connection.follow(orderId, (status, at) => {
      if (arrivals[index].has(status) || !TRANSITIONS.some((transition) => transition.status === status)) unexpected.push(status);
      else arrivals[index].set(status, at);
    }),
  );
  try {
    await sleep(SETTLE_MS + SETTLE_PER_SUBSCRIBER_MS * connections.length);
    const events = [];
    for (const { kind, status } of TRANSITIONS) {
      const sent = performance.now();
      const order = await merchantMutation(gatewayUrl, merchantToken, kind, orderId);
      const answered = performance.now();
      if (order.status !== status) throw new Error(`${what}: ${kind}Order left the order ${order.status}, not ${status}`);
      await waitForArrivals(arrivals, status, connections, what);
      const latencies = arrivals.map((arrival) => arrival.get(status) - sent);
      events.push({ status, mutationMs: answered - sent, latencies, afterAnswerMs: arrivals.map((arrival) => arrival.get(status) - answered) });
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
        settleMs: `${SETTLE_MS} + ${SETTLE_PER_SUBSCRIBER_MS} per subscriber between subscribing and the first mutation`,
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
