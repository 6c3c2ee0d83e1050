import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '@ultramarket/kit';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { tokenFor } from '../../subgraphs/kit/test/support/subgraph-harness';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { isListeningPing, listeningAcks } from './support/live';
import { Storefront } from './support/storefront';

const PROTOCOL = 'graphql-transport-ws';
let addressCount = 0;
/** A client address of its own per test (the gateway trusts 127.0.0.1 as a proxy here), so tests never share a socket count. */
const freshAddress = () => `198.51.100.${++addressCount}`;

/** WebSocket and subscription limits at the gateway, with small limits so each takes a moment. */
describe('gateway WebSocket limits', () => {
  let stack: Stack;
  let store: Storefront;
  let productId: string;

  const metric = async (name: string): Promise<number> => {
    const text = await (await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : 0;
  };

  const rawSocket = (address: string) => new WebSocket(stack.wsUrl, PROTOCOL, { headers: { 'x-forwarded-for': address } });
  const closeOf = (socket: WebSocket) =>
    new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const opened = (socket: WebSocket) => new Promise<void>((resolve, reject) => (socket.once('open', () => resolve()), socket.once('error', reject)));

  /** A graphql-ws client as `token` from `address`. */
  const clientFor = async (token: string | null, address: string): Promise<Client> => {
    const client = createClient({
      url: stack.wsUrl,
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { 'x-forwarded-for': address } });
        }
      },
      connectionParams: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'X-Store-Id': store.storeId },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    return client;
  };

  beforeAll(async () => {
    stack = await startStack({
      namespace: uniqueSuiteName('wslimits'),
      gatewayEnv: {
        GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
        WS_CONNECTION_INIT_TIMEOUT_MS: '500',
        WS_MAX_SOCKETS_PER_ADDRESS: '6',
        WS_MAX_SOCKETS_PER_USER: '6',
        WS_MAX_BUFFERED_BYTES: '16384',
        WS_MAX_QUEUED_EVENTS: '5',
        GATEWAY_METRICS: 'true',
      },
    });
    store = new Storefront(stack);
    productId = await store.product(`Watched ${randomUUID().slice(0, 8)}`, 5);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
  });

  const adjustStock = () => store.merchant.AdjustStock({ input: { productId, delta: 1, reason: 'restock', idempotencyKey: randomUUID() } });

  it('closes a socket that sends a message over 64 KiB with 1009', async () => {
    const socket = rawSocket(freshAddress());
    const closed = closeOf(socket);
    await opened(socket);
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(100 * 1024) } }));
    expect((await closed).code).toBe(1009);
  });

  it('closes a socket that never sends connection_init with 4408', async () => {
    const socket = rawSocket(freshAddress());
    expect(await closeOf(socket)).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
  });

  it('refuses the 21st subscription on one socket with TOO_MANY_SUBSCRIPTIONS', async () => {
    const client = await clientFor(null, freshAddress());
    const errors: unknown[] = [];
    for (let index = 0; index < 21; index += 1) {
      client.subscribe(
        { query: `subscription { stockChanged(productId: "${productId}") { stock } }` },
        { next: () => undefined, error: (error) => errors.push(error), complete: () => undefined },
      );
    }
    await eventually(async () => errors.length === 1, 10_000, 'the refusal');
    expect(errors[0]).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS', maxSubscriptions: 20 }) })]);
    await client.dispose();
  });

  it('refuses sockets beyond the limit per address with 4429', async () => {
    const address = freshAddress();
    const sockets = Array.from({ length: 6 }, () => rawSocket(address));
    await Promise.all(sockets.map(opened));
    const seventh = rawSocket(address);
    expect(await closeOf(seventh)).toEqual({ code: 4429, reason: 'Too many connections from this address' });
    // another address is not affected
    const other = rawSocket(freshAddress());
    await opened(other);
    for (const socket of [...sockets, other]) socket.close();
  });

  it('refuses sockets beyond the limit per user with 4429, wherever they come from', async () => {
    const token = tokenFor([Role.CUSTOMER], null);
    const clients = await Promise.all(Array.from({ length: 6 }, () => clientFor(token, freshAddress())));
    const socket = rawSocket(freshAddress());
    const closed = closeOf(socket);
    await opened(socket);
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
    expect(await closed).toEqual({ code: 4429, reason: 'Too many connections for this user' });
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('resolves an event once per distinct normalised document and caller, however many subscribe and however they alias', async () => {
    const shopper = tokenFor([Role.CUSTOMER], null);
    const other = tokenFor([Role.CUSTOMER], null);
    const clients = await Promise.all(Array.from({ length: 5 }, () => clientFor(shopper, freshAddress())));
    const acks = clients.map(listeningAcks);
    const received: Record<string, unknown>[] = [];
    const subscribe = (client: Client, query: string) =>
      client.subscribe<Record<string, unknown>>(
        { query },
        { next: (result) => received.push(result.data!), error: () => undefined, complete: () => undefined },
      );
    for (let index = 0; index < 100; index += 1) {
      const client = clients[index % 5];
      if (index % 2 === 0) subscribe(client, `subscription { stockChanged(productId: "${productId}") { id stock title } }`);
      else subscribe(client, `subscription { s${index}: stockChanged(productId: "${productId}") { units${index}: stock t: title id } }`);
    }
    const otherClient = await clientFor(other, freshAddress());
    const otherAcks = listeningAcks(otherClient);
    subscribe(otherClient, `subscription { stockChanged(productId: "${productId}") { id stock title } }`);
    await eventually(async () => acks.every((ack) => ack.count() === 20) && otherAcks.count() === 1, 20_000, 'all 101 subscriptions to listen');

    const before = await metric('gateway_subscription_event_executions_total');
    await adjustStock();
    await eventually(async () => received.length === 101, 20_000, 'every subscriber to be pushed the event');
    // one for the 100 subscriptions of the shopper, one for the other shopper
    expect((await metric('gateway_subscription_event_executions_total')) - before).toBe(2);
    const aliased = received.find((data) => 's1' in data) as { s1: Record<string, unknown> };
    expect(Object.keys(aliased.s1)).toEqual(['units1', 't', 'id']);
    const plain = received.find((data) => 'stockChanged' in data) as { stockChanged: { stock: number } };
    expect(aliased.s1.units1).toBe(plain.stockChanged.stock);
    await Promise.all([...clients, otherClient].map((client) => client.dispose()));
  });

  it('closes a slow consumer with 4413 and lets go of what it held', async () => {
    const description = 'd'.repeat(5000);
    const { updateProduct } = await store.merchant.UpdateProduct({ input: { id: productId, description } });
    expect(updateProduct.userErrors).toEqual([]);
    const socket = rawSocket(freshAddress());
    const closed = closeOf(socket);
    await opened(socket);
    socket.send(JSON.stringify({ type: 'connection_init', payload: { 'X-Store-Id': store.storeId } }));
    await new Promise((resolve) => socket.once('message', resolve));
    let listening = 0;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
      if (message.type === 'ping' && isListeningPing(message.payload)) listening += 1;
    });
    const aliases = Array.from({ length: 10 }, (_, index) => `d${index}: description t${index}: title`).join(' ');
    for (let index = 0; index < 20; index += 1) {
      socket.send(
        JSON.stringify({
          id: String(index),
          type: 'subscribe',
          payload: { query: `subscription { stockChanged(productId: "${productId}") { stock ${aliases} } }` },
        }),
      );
    }
    await eventually(async () => listening === 20, 20_000, 'the 20 subscriptions to listen');
    expect(await metric('gateway_subscriptions_active')).toBe(20);
    // the client stops reading: what the gateway sends piles up in the network and then in its buffers
    (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const slowBefore = await metric('gateway_subscription_slow_consumers_closed_total');
    for (let round = 0; round < 20 && (await metric('gateway_subscription_slow_consumers_closed_total')) === slowBefore; round += 1) {
      await adjustStock();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await metric('gateway_subscription_slow_consumers_closed_total')) - slowBefore).toBe(1);
    await eventually(async () => (await metric('gateway_subscriptions_active')) === 0, 10_000, 'the subscriptions to be released');
    expect(await metric('gateway_subscription_queued_events')).toBe(0);
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toEqual({ code: 4413, reason: 'Slow consumer: events were not read fast enough' });
  }, 60_000);
});
