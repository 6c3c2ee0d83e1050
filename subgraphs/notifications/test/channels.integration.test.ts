import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role, type EventEnvelope } from '@ultramarket/kit';
import { tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { SmtpInbox } from './support/smtp-inbox';
import { startNotificationsWithInbox, stopNotificationsWithInbox } from './support/notifications-with-inbox';
import { HttpStandIn } from './support/http-stand-in';

const REGISTER = gql`
  mutation ($input: RegisterNotificationDeviceInput!) {
    registerNotificationDevice(input: $input) {
      device {
        channel
        address
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const REMOVE = gql`
  mutation ($input: RemoveNotificationDeviceInput!) {
    removeNotificationDevice(input: $input) {
      removed
    }
  }
`;
const DEVICES = gql`
  query {
    myNotificationDevices {
      channel
      address
    }
  }
`;
const UPDATE_PREFERENCES = gql`
  mutation ($input: UpdateMyNotificationPreferencesInput!) {
    updateMyNotificationPreferences(input: $input) {
      userErrors {
        code
      }
    }
  }
`;

const GOOD_TOKEN = 'device-token-good-0123456789abcdef';
const GONE_TOKEN = 'device-token-gone-0123456789abcdef';

describe('notifications: SMS and push channels through HTTP providers (local stand-ins)', () => {
  const inbox = new SmtpInbox();
  /** Twilio's Messages API: refuses the first message with a 500 (retried), then accepts. */
  let smsFailures = 1;
  const sms = new HttpStandIn(() =>
    smsFailures-- > 0 ? { status: 500, body: { message: 'try later' } } : { status: 201, body: { sid: `SM${randomUUID().slice(0, 8)}` } },
  );
  /** An FCM-v1-compatible push gateway: the "gone" token is not registered any more. */
  const push = new HttpStandIn((request) =>
    request.body.includes(GONE_TOKEN)
      ? { status: 404, body: { error: { status: 'NOT_FOUND', details: [{ errorCode: 'UNREGISTERED' }] } } }
      : { status: 200, body: { name: 'projects/shop/messages/1' } },
  );
  let notifications: TestSubgraph;
  let owner: DataSource;
  const storeId = randomUUID();
  const customerId = randomUUID();
  const customer = tokenFor([Role.CUSTOMER], storeId, customerId);

  const ask = async <T>(token: string, document: string, variables: Record<string, unknown> = {}) =>
    notifications.client(token).rawRequest<T>(document, variables);
  const publish = async (type: string, data: Record<string, unknown>, aggregateVersion?: number) => {
    const { js, names } = notifications.runtime;
    const event = envelopeFor({ type, storeId, aggregateId: String(data.orderId), aggregateVersion, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const outbox = (event: EventEnvelope) =>
    owner.query(`SELECT channel, recipient, status, attempts FROM channel_outbox WHERE event_id = $1 ORDER BY channel, recipient`, [event.id]);

  beforeAll(async () => {
    await sms.start();
    await push.start();
    ({ notifications, owner } = await startNotificationsWithInbox(inbox, {
      NOTIFICATIONS_SMS_PROVIDER: 'twilio',
      NOTIFICATIONS_TWILIO_BASE_URL: sms.url,
      NOTIFICATIONS_TWILIO_ACCOUNT_SID: 'AC0123',
      NOTIFICATIONS_TWILIO_AUTH_TOKEN: 'twilio-secret',
      NOTIFICATIONS_SMS_FROM: '+15005550006',
      NOTIFICATIONS_PUSH_PROVIDER: 'http',
      NOTIFICATIONS_PUSH_URL: `${push.url}/v1/projects/shop/messages:send`,
      NOTIFICATIONS_PUSH_API_KEY: 'push-gateway-key',
      NOTIFICATIONS_CHANNEL_POLL_MS: '100',
      NOTIFICATIONS_CHANNEL_RETRY_BASE_MS: '100',
    }));
  });
  afterAll(async () => {
    await stopNotificationsWithInbox(inbox, { notifications, owner });
    await sms.stop();
    await push.stop();
  });

  it('registers a phone and push tokens for the signed-in customer, refusing what is not one', async () => {
    const bad = await ask<{ registerNotificationDevice: { device: unknown; userErrors: { code: string; field: string[] }[] } }>(customer, REGISTER, {
      input: { channel: 'SMS', address: '0151 1234' },
    });
    expect(bad.data.registerNotificationDevice).toEqual({ device: null, userErrors: [{ code: 'INVALID_DEVICE_ADDRESS', field: ['input', 'address'] }] });
    for (const [channel, address] of [
      ['SMS', '+4915100000001'],
      ['SMS', '+4915112345678'],
      ['PUSH', GOOD_TOKEN],
      ['PUSH', GONE_TOKEN],
    ]) {
      const { data } = await ask<{ registerNotificationDevice: { userErrors: unknown[] } }>(customer, REGISTER, { input: { channel, address } });
      expect(data.registerNotificationDevice.userErrors).toEqual([]);
    }
    const { data } = await ask<{ myNotificationDevices: { channel: string; address: string }[] }>(customer, DEVICES);
    // one phone: the second replaced the first
    expect(data.myNotificationDevices.map((device) => `${device.channel} ${device.address}`).sort()).toEqual([
      `PUSH ${GONE_TOKEN}`,
      `PUSH ${GOOD_TOKEN}`,
      'SMS +4915112345678',
    ]);
    const other = await ask<{ myNotificationDevices: unknown[] }>(tokenFor([Role.CUSTOMER], storeId), DEVICES);
    expect(other.data.myNotificationDevices).toEqual([]);
  });

  it('sends the order’s news by SMS (retried after a 500) and push, forgets an unregistered token, and respects per-channel preferences', async () => {
    const orderId = randomUUID();
    const confirmed = await publish(
      'orders.status-changed',
      {
        orderId,
        orderNumber: '#9001',
        customerId,
        email: null,
        from: 'PAYMENT_SUCCESS',
        to: 'CONFIRMED',
        reason: null,
        total: { amount: 2599, currencyCode: 'USD' },
      },
      3,
    );
    await eventually(
      async () => (await outbox(confirmed)).filter((row: { status: string }) => row.status !== 'PENDING').length === 3,
      15_000,
      'the three messages settled',
    );
    expect(await outbox(confirmed)).toEqual([
      { channel: 'PUSH', recipient: GONE_TOKEN, status: 'FAILED', attempts: 1 },
      { channel: 'PUSH', recipient: GOOD_TOKEN, status: 'SENT', attempts: 1 },
      { channel: 'SMS', recipient: '+4915112345678', status: 'SENT', attempts: 2 },
    ]);
    const smsRequest = sms.requests.at(-1)!;
    expect(smsRequest.method).toBe('POST');
    expect(smsRequest.path).toBe('/2010-04-01/Accounts/AC0123/Messages.json');
    expect(smsRequest.headers.authorization).toBe(`Basic ${Buffer.from('AC0123:twilio-secret').toString('base64')}`);
    const form = new URLSearchParams(smsRequest.body);
    expect(form.get('To')).toBe('+4915112345678');
    expect(form.get('From')).toBe('+15005550006');
    expect(form.get('Body')).toBe('Order #9001 confirmed\nYour order #9001 ($25.99) is confirmed. We will let you know when it is on its way.');
    const pushed = push.requests.find((request) => request.body.includes(GOOD_TOKEN))!;
    expect(pushed.path).toBe('/v1/projects/shop/messages:send');
    expect(pushed.headers.authorization).toBe('Bearer push-gateway-key');
    expect(JSON.parse(pushed.body)).toMatchObject({ message: { token: GOOD_TOKEN, notification: { title: 'Order #9001 confirmed' } } });
    // the unregistered token is forgotten
    const { data } = await ask<{ myNotificationDevices: { address: string }[] }>(customer, DEVICES);
    expect(data.myNotificationDevices.map((device) => device.address)).not.toContain(GONE_TOKEN);

    // shipping news off on push: the dispatch goes by SMS only
    const turnedOff = await ask<{ updateMyNotificationPreferences: { userErrors: unknown[] } }>(customer, UPDATE_PREFERENCES, {
      input: { preferences: [{ category: 'SHIPPING_UPDATES', channel: 'PUSH', enabled: false }] },
    });
    expect(turnedOff.data.updateMyNotificationPreferences.userErrors).toEqual([]);
    const dispatched = await publish('orders.dispatched', { orderId, orderNumber: '#9001', customerId, email: null, carrier: 'DHL', trackingNumber: 'JD1' });
    await eventually(async () => (await outbox(dispatched)).length === 1 && (await outbox(dispatched))[0].status === 'SENT', 15_000, 'the dispatch SMS');
    expect(await outbox(dispatched)).toEqual([{ channel: 'SMS', recipient: '+4915112345678', status: 'SENT', attempts: 1 }]);

    const removed = await ask<{ removeNotificationDevice: { removed: boolean } }>(customer, REMOVE, { input: { channel: 'SMS', address: '+4915112345678' } });
    expect(removed.data.removeNotificationDevice.removed).toBe(true);
  });
});
