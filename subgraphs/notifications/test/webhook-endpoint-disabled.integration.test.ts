import { randomUUID } from 'node:crypto';
import { envelopeFor, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { createNotificationsSubgraph } from '../src/notifications.subgraph';
import { loadNotificationsConfig } from '../src/notifications.config';

const NOTIFICATIONS = `{ notifications(first: 10) { nodes { userId storeId type title message orderId } } }`;
type Nodes = { notifications: { nodes: { userId: string | null; storeId: string; type: string; title: string; message: string; orderId: string | null }[] } };

describe('notifications: apps.webhook-endpoint-disabled tells the store’s staff', () => {
  let notifications: TestSubgraph;

  beforeAll(async () => {
    notifications = await startTestSubgraph(createNotificationsSubgraph(loadNotificationsConfig({ ...process.env, NOTIFICATIONS_EMAIL_ENABLED: 'false' })));
  });

  afterAll(async () => {
    await notifications?.close();
  });

  it('makes a store-wide WEBHOOK notification, seen by the staff and not by shoppers or another store', async () => {
    const storeId = randomUUID();
    const endpointId = randomUUID();
    const data = {
      endpointId,
      url: 'https://erp.example.com/hooks',
      reason: 'Disabled after 50 or more failed attempts in a row',
      consecutiveFailures: 50,
      failingSince: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      disabledAt: new Date().toISOString(),
    };
    const event = envelopeFor(
      { type: 'apps.webhook-endpoint-disabled', storeId, aggregateId: endpointId, aggregateVersion: 7, data },
      { correlationId: randomUUID(), causationId: null },
    );
    const { js, names } = notifications.runtime;
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: event.id });

    const read = async (token: string, store = storeId) =>
      (await notifications.client(token, { 'x-store-id': store }).request<Nodes>(NOTIFICATIONS)).notifications.nodes;
    const staff = tokenFor([Role.STORE_STAFF], storeId);
    const [notice] = await eventually(async () => {
      const nodes = await read(staff);
      return nodes.length > 0 ? nodes : null;
    });
    expect(notice).toEqual({
      userId: null,
      storeId,
      type: 'WEBHOOK',
      title: 'A webhook endpoint was disabled',
      message: expect.stringContaining('https://erp.example.com/hooks was disabled after 50 failed deliveries in a row') as unknown as string,
      orderId: null,
    });
    expect(await read(tokenFor([Role.MERCHANT], storeId))).toHaveLength(1);
    expect(await read(tokenFor([Role.CUSTOMER], storeId))).toEqual([]);
    const otherStore = randomUUID();
    expect(await read(tokenFor([Role.MERCHANT], otherStore), otherStore)).toEqual([]);
  });
});
