import { GraphQLClient } from 'graphql-request';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { startHttpsReceiver, type HttpsReceiver, type ReceivedWebhook } from '../../subgraphs/apps/test/support/https-receiver';
import { verifySignature } from '../../subgraphs/apps/src/delivery/webhook-signature';
import { Storefront } from './support/storefront';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id status topics } userErrors { code field } } }`;
const LOG = `query ($filter: WebhookDeliveryFilter) { webhookDeliveries(first: 20, filter: $filter) { nodes {
  id eventId topic resourceId sequence status attempts redeliveryOf attemptLog { attemptNumber succeeded responseCode latencyMs } } } }`;
const REPLAY = `mutation ($input: ReplayWebhooksInput!) { replayWebhooks(input: $input) { replayedCount userErrors { code field } } }`;

interface Delivery {
  id: string;
  eventId: string;
  topic: string;
  resourceId: string;
  sequence: number;
  status: string;
  attempts: number;
  redeliveryOf: string | null;
  attemptLog: { attemptNumber: number; succeeded: boolean; responseCode: number | null; latencyMs: number }[];
}

/**
 * Issue 16, item 1: a store's HTTPS endpoint (a local server with a self-signed certificate the stack trusts through
 * WEBHOOK_CA_FILE) receives a signed orders.created for an order placed through the gateway, fails twice and takes the
 * third try (short backoff settings), and the delivery is replayed from the log.
 */
describe('outbound webhooks through the gateway', () => {
  let receiver: HttpsReceiver;
  let stack: Stack;
  let store: Storefront;

  const merchant = () =>
    new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': store.storeId, authorization: `Bearer ${store.merchantToken}` }, errorPolicy: 'all' });
  const data = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const answer = await merchant().rawRequest<T>(query, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data;
  };
  const receivedFor = (orderId: string): ReceivedWebhook[] =>
    receiver.received.filter((request) => (JSON.parse(request.body) as { resourceId: string }).resourceId === orderId);

  beforeAll(async () => {
    receiver = await startHttpsReceiver();
    stack = await startStack({
      namespace: uniqueSuiteName('webhooks'),
      env: {
        WEBHOOK_ALLOWED_HOSTS: 'localhost',
        WEBHOOK_CA_FILE: receiver.caFile,
        WEBHOOK_RETRY_BASE: '100ms',
        WEBHOOK_RETRY_CAP: '300ms',
        WEBHOOK_POLL_INTERVAL: '100ms',
      },
    });
    store = await Storefront.open(stack, 'Hook Harbour');
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
    await receiver?.close();
  });

  it('delivers a signed orders.created, retries two failures, logs every attempt and replays it from the log', async () => {
    const { createWebhookEndpoint } = await data<{
      createWebhookEndpoint: { secret: string; endpoint: { id: string; status: string }; userErrors: unknown[] };
    }>(CREATE, { input: { url: receiver.url, topics: ['orders.created'], description: 'order sync' } });
    expect(createWebhookEndpoint.userErrors).toEqual([]);
    expect(createWebhookEndpoint.endpoint.status).toBe('ENABLED');
    const { secret, endpoint } = createWebhookEndpoint;

    const productId = await store.product('Brass hook', 5, 1800);
    const shopper = store.customer();
    receiver.answerNext(500, 502);
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 2 }]);

    await eventually(async () => receivedFor(order.id).length === 3, 30_000, 'three attempts at the endpoint');
    const attempts = receivedFor(order.id);
    expect(attempts.map((request) => request.answeredWith)).toEqual([500, 502, 200]);
    for (const request of attempts) {
      expect(request.headers['ultramarket-webhook-topic']).toBe('orders.created');
      expect(verifySignature(request.headers['ultramarket-webhook-signature'], request.body, secret)).toBe(true);
      expect(verifySignature(request.headers['ultramarket-webhook-signature'], request.body, `${secret}x`)).toBe(false);
    }
    const body = JSON.parse(attempts[2].body) as {
      id: string;
      topic: string;
      version: number;
      storeId: string;
      resourceId: string;
      sequence: number;
      dataSchema: string;
      data: Record<string, unknown>;
    };
    expect(body).toMatchObject({ topic: 'orders.created', version: 1, storeId: store.storeId, resourceId: order.id, sequence: 1 });
    expect(body.dataSchema).toBe('https://ultramarket.dev/schema/events/orders.created/v1.json');
    expect(body.data).toMatchObject({ orderId: order.id, orderNumber: order.orderNumber });
    expect(new Set(attempts.map((request) => JSON.parse(request.body).id))).toEqual(new Set([body.id]));

    const logged = await eventually(async () => {
      const { webhookDeliveries } = await data<{ webhookDeliveries: { nodes: Delivery[] } }>(LOG, {
        filter: { endpointId: endpoint.id, topic: 'orders.created' },
      });
      const [delivery] = webhookDeliveries.nodes;
      return delivery?.status === 'SUCCEEDED' ? delivery : null;
    });
    expect(logged).toMatchObject({ eventId: body.id, resourceId: order.id, sequence: 1, attempts: 3, redeliveryOf: null });
    expect(logged.attemptLog.map(({ attemptNumber, succeeded, responseCode }) => [attemptNumber, succeeded, responseCode])).toEqual([
      [1, false, 500],
      [2, false, 502],
      [3, true, 200],
    ]);

    const { replayWebhooks } = await data<{ replayWebhooks: { replayedCount: number; userErrors: unknown[] } }>(REPLAY, {
      input: { endpointId: endpoint.id, from: new Date(Date.now() - 10 * 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(replayWebhooks).toEqual({ replayedCount: 1, userErrors: [] });
    await eventually(async () => receivedFor(order.id).length === 4, 30_000, 'the replayed delivery');
    const replayed = receivedFor(order.id)[3];
    expect(replayed.body).toBe(attempts[2].body);
    expect(verifySignature(replayed.headers['ultramarket-webhook-signature'], replayed.body, secret)).toBe(true);
    expect(replayed.headers['ultramarket-webhook-id']).not.toBe(attempts[2].headers['ultramarket-webhook-id']);
    const { webhookDeliveries } = await data<{ webhookDeliveries: { nodes: Delivery[] } }>(LOG, { filter: { endpointId: endpoint.id } });
    expect(webhookDeliveries.nodes.find((delivery) => delivery.redeliveryOf === logged.id)).toBeDefined();
  });
});
