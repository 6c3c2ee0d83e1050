import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { appsSubgraph } from '../src/apps.subgraph';
import { verifySignature } from '../src/delivery/webhook-signature';
import { startHttpsReceiver, type HttpsReceiver, type ReceivedWebhook } from './support/https-receiver';
import {
  CREATE_ENDPOINT,
  DELETE_ENDPOINT,
  DELIVERIES,
  DISABLE_ENDPOINT,
  ENABLE_ENDPOINT,
  ENDPOINT,
  ENDPOINTS,
  orderEvents,
  REDELIVER,
  REPLAY,
  ROTATE_SECRET,
  UPDATE_ENDPOINT,
  type DeliveryResult,
  type EndpointResult,
  type UserErrorResult,
} from './support/webhook-operations';

interface Payload {
  endpoint?: EndpointResult | null;
  secret?: string | null;
  deletedEndpointId?: string | null;
  delivery?: { id: string; eventId: string; status: string; redeliveryOf: string | null } | null;
  replayedCount?: number;
  userErrors: UserErrorResult[];
}

describe('apps subgraph: webhooks', () => {
  let apps: TestSubgraph;
  let owner: DataSource;
  let receiver: HttpsReceiver;
  const publish = orderEvents(() => apps);
  const storeId = randomUUID();
  const otherStoreId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const staff = tokenFor([Role.STORE_STAFF], storeId);
  const otherMerchant = tokenFor([Role.MERCHANT], otherStoreId);
  const shopper = tokenFor([Role.CUSTOMER], storeId);

  const ask = <T>(token: string, query: string, variables: Record<string, unknown> = {}, store = storeId) =>
    apps.client(token, { 'x-store-id': store }).rawRequest<T>(query, variables);
  const data = async <T>(token: string, query: string, variables: Record<string, unknown> = {}, store = storeId) => {
    const result = await ask<T>(token, query, variables, store);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const mutate = async (token: string, query: string, input: Record<string, unknown>, store = storeId): Promise<Payload> =>
    Object.values(await data<Record<string, Payload>>(token, query, { input }, store))[0];
  const create = async (input: Record<string, unknown>, token = merchant, store = storeId) => {
    const payload = await mutate(token, CREATE_ENDPOINT, input, store);
    expect(payload.userErrors).toEqual([]);
    return { endpoint: payload.endpoint!, secret: payload.secret! };
  };
  const deliveries = async (filter: Record<string, unknown>, token = merchant, store = storeId) =>
    (await data<{ webhookDeliveries: { totalCount: number; nodes: DeliveryResult[] } }>(token, DELIVERIES, { filter }, store)).webhookDeliveries;
  /** A store of its own for a delivery test, so no other test's endpoints hear its events. */
  const newStore = () => {
    const id = randomUUID();
    return { id, merchant: tokenFor([Role.MERCHANT], id) };
  };
  const receivedFor = (resourceId: string): ReceivedWebhook[] =>
    receiver.received.filter((request) => (JSON.parse(request.body) as { resourceId: string }).resourceId === resourceId);
  const rows = async () => ({
    endpoints: await owner.query(`SELECT * FROM webhook_endpoint ORDER BY id`),
    deliveries: await owner.query(`SELECT id FROM webhook_delivery ORDER BY id`),
  });

  beforeAll(async () => {
    receiver = await startHttpsReceiver();
    apps = await startTestSubgraph(appsSubgraph, {
      WEBHOOK_ALLOWED_HOSTS: 'localhost',
      WEBHOOK_CA_FILE: receiver.caFile,
      WEBHOOK_RETRY_BASE: '50ms',
      WEBHOOK_RETRY_CAP: '100ms',
      WEBHOOK_POLL_INTERVAL: '100ms',
      WEBHOOK_DISABLE_AFTER_FAILURES: '6',
      WEBHOOK_DISABLE_AFTER: '0',
      WEBHOOK_TIMEOUT: '5s',
    });
    owner = await openOwnerConnection(apps.runtime.config);
  });

  afterAll(async () => {
    await owner?.destroy();
    await apps?.close();
    await receiver?.close();
  });

  it('creates an endpoint with a secret shown once and sealed at rest; refusals write nothing', async () => {
    const { endpoint, secret } = await create({ url: receiver.url, topics: ['orders.created', 'payments.*'], description: ' ERP sync ' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({ url: receiver.url, topics: ['orders.created', 'payments.*'], description: 'ERP sync', status: 'ENABLED' });
    const [stored] = await owner.query(`SELECT sealed_secret FROM webhook_endpoint WHERE id = $1`, [endpoint.id]);
    expect(stored.sealed_secret).toMatch(/^v1\./);
    expect(stored.sealed_secret).not.toContain(secret.slice(6));

    const before = await rows();
    const refusals: [Record<string, unknown>, string, string[]][] = [
      [{ url: receiver.url, topics: ['accounts.user-registered'] }, 'INVALID_WEBHOOK_TOPIC', ['input', 'topics']],
      [{ url: receiver.url, topics: ['cart.abandoned'] }, 'INVALID_WEBHOOK_TOPIC', ['input', 'topics']],
      [{ url: receiver.url, topics: [] }, 'INVALID_WEBHOOK_TOPIC', ['input', 'topics']],
      [{ url: 'https://127.0.0.1:9/hook', topics: ['orders.created'] }, 'INVALID_WEBHOOK_URL', ['input', 'url']],
      [{ url: 'https://169.254.169.254/latest', topics: ['orders.created'] }, 'INVALID_WEBHOOK_URL', ['input', 'url']],
      [{ url: 'ftp://localhost/hook', topics: ['orders.created'] }, 'INVALID_WEBHOOK_URL', ['input', 'url']],
      [{ url: 'nonsense', topics: ['orders.created'] }, 'INVALID_WEBHOOK_URL', ['input', 'url']],
    ];
    for (const [input, code, field] of refusals) {
      const payload = await mutate(merchant, CREATE_ENDPOINT, input);
      expect([input, payload.endpoint, payload.secret, payload.userErrors.map((error) => [error.code, error.field])]).toEqual([
        input,
        null,
        null,
        [[code, field]],
      ]);
    }
    const tooLong = await ask(merchant, CREATE_ENDPOINT, { input: { url: receiver.url, topics: ['orders.created'], description: 'x'.repeat(501) } });
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rows()).toEqual(before);
  });

  it('is the store staff’s only: shoppers are refused, another store sees and changes nothing of it', async () => {
    const { endpoint } = await create({ url: receiver.url, topics: ['orders.cancelled'] });
    const refused = await ask(shopper, ENDPOINTS);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await data<{ webhookEndpoints: { nodes: EndpointResult[] } }>(staff, ENDPOINTS);
    expect(listed.webhookEndpoints.nodes.map((node) => node.id)).toContain(endpoint.id);

    const before = await rows();
    expect((await data<{ webhookEndpoint: unknown }>(otherMerchant, ENDPOINT, { id: endpoint.id }, otherStoreId)).webhookEndpoint).toBeNull();
    expect((await data<{ webhookEndpoints: { totalCount: number } }>(otherMerchant, ENDPOINTS, {}, otherStoreId)).webhookEndpoints.totalCount).toBe(0);
    for (const [query, input] of [
      [UPDATE_ENDPOINT, { id: endpoint.id, description: 'hijacked' }],
      [DISABLE_ENDPOINT, { id: endpoint.id }],
      [DELETE_ENDPOINT, { id: endpoint.id }],
      [ROTATE_SECRET, { id: endpoint.id }],
    ] as const) {
      const payload = await mutate(otherMerchant, query, input, otherStoreId);
      expect(payload.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    }
    expect(await rows()).toEqual(before);
  });

  it('delivers a signed orders.created, retries two failures with backoff and logs every attempt', async () => {
    const store = newStore();
    const { endpoint, secret } = await create({ url: receiver.url, topics: ['orders.created'] }, store.merchant, store.id);
    const orderId = randomUUID();
    receiver.answerNext(500, 503);
    const event = await publish('orders.created', store.id, orderId, 1, { total: { amount: 1250, currencyCode: 'USD' } });
    await eventually(async () => receivedFor(orderId).length === 3, 20_000, 'three attempts');
    const attempts = receivedFor(orderId);
    expect(attempts.map((request) => request.answeredWith)).toEqual([500, 503, 200]);
    for (const request of attempts) {
      expect(verifySignature(request.headers['ultramarket-webhook-signature'], request.body, secret)).toBe(true);
      expect(request.headers['ultramarket-webhook-topic']).toBe('orders.created');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['ultramarket-webhook-signature']).toMatch(new RegExp(`^t=${request.headers['ultramarket-webhook-timestamp']},v1=[0-9a-f]{64}$`));
    }
    expect(JSON.parse(attempts[2].body)).toEqual({
      id: event.id,
      topic: 'orders.created',
      version: 1,
      occurredAt: event.occurredAt,
      storeId: store.id,
      resourceId: orderId,
      sequence: 1,
      dataSchema: 'https://ultramarket.dev/schema/events/orders.created/v1.json',
      data: event.data,
    });
    const log = await eventually(async () => {
      const [delivery] = (await deliveries({ endpointId: endpoint.id }, store.merchant, store.id)).nodes;
      return delivery?.status === 'SUCCEEDED' ? delivery : null;
    });
    expect(attempts.every((request) => request.headers['ultramarket-webhook-id'] === log.id)).toBe(true);
    expect(log).toMatchObject({ eventId: event.id, topic: 'orders.created', resourceId: orderId, sequence: 1, attempts: 3, lastResponseCode: 200 });
    expect(log.attemptLog.map(({ attemptNumber, succeeded, responseCode, responseBody }) => [attemptNumber, succeeded, responseCode, responseBody])).toEqual([
      [1, false, 500, 'failing on purpose (500)'],
      [2, false, 503, 'failing on purpose (503)'],
      [3, true, 200, 'ok'],
    ]);
    expect(log.attemptLog.every((attempt) => attempt.latencyMs >= 0)).toBe(true);
    // a success ends the run of failures
    expect((await data<{ webhookEndpoint: EndpointResult }>(store.merchant, ENDPOINT, { id: endpoint.id }, store.id)).webhookEndpoint.consecutiveFailures).toBe(
      0,
    );
  });

  it('keeps a resource’s deliveries in order: a later event waits until the earlier one got through', async () => {
    const store = newStore();
    await create({ url: receiver.url, topics: ['orders.*'] }, store.merchant, store.id);
    const orderId = randomUUID();
    receiver.answerNext(500, 500);
    await publish('orders.created', store.id, orderId, 1);
    await publish('orders.status-changed', store.id, orderId, 2, { from: 'CREATED', to: 'CONFIRMED' });
    await eventually(async () => receivedFor(orderId).length === 4, 20_000, 'both delivered');
    expect(receivedFor(orderId).map((request) => [JSON.parse(request.body).sequence, request.answeredWith])).toEqual([
      [1, 500],
      [1, 500],
      [1, 200],
      [2, 200],
    ]);
  });

  it('signs with the old secret too while a rotation overlaps, and redelivers and replays from the log', async () => {
    const store = newStore();
    const { endpoint, secret: oldSecret } = await create({ url: receiver.url, topics: ['orders.dispatched'] }, store.merchant, store.id);
    const rotated = await mutate(store.merchant, ROTATE_SECRET, { id: endpoint.id, overlapSeconds: 3600 }, store.id);
    expect(rotated.userErrors).toEqual([]);
    const newSecret = rotated.secret!;
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.endpoint!.previousSecretExpiresAt).not.toBeNull();
    const orderId = randomUUID();
    const from = new Date(Date.now() - 1000).toISOString();
    const event = await publish('orders.dispatched', store.id, orderId, 4);
    await eventually(async () => receivedFor(orderId).length === 1, 20_000, 'the delivery');
    const [first] = receivedFor(orderId);
    const signature = first.headers['ultramarket-webhook-signature'];
    expect(signature.split(',').filter((part) => part.startsWith('v1='))).toHaveLength(2);
    expect(verifySignature(signature, first.body, newSecret)).toBe(true);
    expect(verifySignature(signature, first.body, oldSecret)).toBe(true);

    const [original] = (
      await eventually(async () => {
        const page = await deliveries({ endpointId: endpoint.id, status: 'SUCCEEDED' }, store.merchant, store.id);
        return page.nodes.length === 1 ? page : null;
      })
    ).nodes;
    const redelivered = await mutate(store.merchant, REDELIVER, { deliveryId: original.id }, store.id);
    expect(redelivered.userErrors).toEqual([]);
    expect(redelivered.delivery).toMatchObject({ eventId: event.id, redeliveryOf: original.id, status: 'PENDING' });
    await eventually(async () => receivedFor(orderId).length === 2, 20_000, 'the redelivery');

    const replayed = await mutate(store.merchant, REPLAY, { endpointId: endpoint.id, from, to: new Date(Date.now() + 1000).toISOString() }, store.id);
    expect(replayed).toEqual({ replayedCount: 1, userErrors: [] });
    await eventually(async () => receivedFor(orderId).length === 3, 20_000, 'the replay');
    const bodies = receivedFor(orderId).map((request) => JSON.parse(request.body) as { id: string });
    expect(bodies.map((body) => body.id)).toEqual([event.id, event.id, event.id]);
    expect(new Set(receivedFor(orderId).map((request) => request.headers['ultramarket-webhook-id'])).size).toBe(3);

    const before = await rows();
    const badRange = await mutate(store.merchant, REPLAY, { endpointId: endpoint.id, from: new Date().toISOString(), to: from }, store.id);
    expect(badRange.userErrors.map((error) => error.code)).toEqual(['INVALID_TIME_RANGE']);
    const otherStore = await mutate(otherMerchant, REDELIVER, { deliveryId: original.id }, otherStoreId);
    expect(otherStore.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect(await rows()).toEqual(before);
  });

  it('disables an endpoint after sustained failure, publishing apps.webhook-endpoint-disabled; enabling starts afresh', async () => {
    const store = newStore();
    const { endpoint } = await create({ url: receiver.url, topics: ['orders.cancelled'] }, store.merchant, store.id);
    const orderId = randomUUID();
    receiver.answerNext(...Array<number>(6).fill(500));
    await publish('orders.cancelled', store.id, orderId, 3);
    const disabled = await eventually(async () => {
      const { webhookEndpoint } = await data<{ webhookEndpoint: EndpointResult }>(store.merchant, ENDPOINT, { id: endpoint.id }, store.id);
      return webhookEndpoint.status === 'DISABLED' ? webhookEndpoint : null;
    }, 20_000);
    expect(disabled.consecutiveFailures).toBe(6);
    expect(disabled.disabledReason).toMatch(/failed/);
    const [published] = await owner.query(
      `SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'apps.webhook-endpoint-disabled' AND envelope->>'aggregateId' = $1`,
      [endpoint.id],
    );
    expect(published.envelope).toMatchObject({ storeId: store.id, data: { endpointId: endpoint.id, url: receiver.url, consecutiveFailures: 6 } });
    // the pending delivery waits while the endpoint is disabled, and goes out once it is enabled again
    const [pending] = (await deliveries({ endpointId: endpoint.id }, store.merchant, store.id)).nodes;
    expect(pending.status).toBe('PENDING');
    const enabled = await mutate(store.merchant, ENABLE_ENDPOINT, { id: endpoint.id }, store.id);
    expect(enabled.endpoint).toMatchObject({ status: 'ENABLED', consecutiveFailures: 0, disabledReason: null });
    await eventually(
      async () => (await deliveries({ endpointId: endpoint.id, status: 'SUCCEEDED' }, store.merchant, store.id)).nodes.length === 1,
      20_000,
      'delivered after enabling',
    );
  });

  it('updates, disables by hand and deletes an endpoint with its log', async () => {
    const { endpoint } = await create({ url: receiver.url, topics: ['payments.succeeded'] });
    const updated = await mutate(merchant, UPDATE_ENDPOINT, { id: endpoint.id, topics: ['payments.failed', 'payments.failed'], description: 'alerts' });
    expect(updated.endpoint).toMatchObject({ topics: ['payments.failed'], description: 'alerts' });
    const nothing = await mutate(merchant, UPDATE_ENDPOINT, { id: endpoint.id });
    expect(nothing.userErrors.map((error) => error.code)).toEqual(['NOTHING_TO_CHANGE']);
    const disabled = await mutate(staff, DISABLE_ENDPOINT, { id: endpoint.id });
    expect(disabled.endpoint).toMatchObject({ status: 'DISABLED', disabledReason: 'Disabled by the store’s staff' });
    const deleted = await mutate(merchant, DELETE_ENDPOINT, { id: endpoint.id });
    expect(deleted).toEqual({ deletedEndpointId: endpoint.id, userErrors: [] });
    expect(await owner.query(`SELECT id FROM webhook_endpoint WHERE id = $1`, [endpoint.id])).toEqual([]);
  });
});
