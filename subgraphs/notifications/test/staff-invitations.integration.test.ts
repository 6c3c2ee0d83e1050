import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role, type EventEnvelope } from '@ultramarket/kit';
import { tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { DEFAULT_FORMAT, formatHelpers } from '../src/templates/template-format';
import { SmtpInbox } from './support/smtp-inbox';
import { startNotificationsWithInbox, stopNotificationsWithInbox } from './support/notifications-with-inbox';

const NOTIFICATIONS = gql`
  query {
    notifications(first: 10) {
      nodes {
        userId
        storeId
        type
        title
        message
      }
    }
  }
`;
interface NotificationsResult {
  notifications: { nodes: { userId: string; storeId: string; type: string; title: string; message: string }[] };
}

/** The cap this suite runs with (NOTIFICATIONS_MAX_INVITATION_EMAILS_PER_STORE_DAY), small enough to reach. */
const EMAILS_PER_STORE_DAY = 3;

describe('notifications: stores.staff-invited tells the invitee', () => {
  const inbox = new SmtpInbox();
  let notifications: TestSubgraph;
  let owner: DataSource;

  const count = async (sql: string, parameters: unknown[] = []) => Number((await owner.query(sql, parameters))[0].n);
  /** Publishes stores.staff-invited straight to JetStream, as stores' outbox relay would. */
  const invite = async (storeId: string, invitee: { email: string } | { userId: string }, storeName = 'Acme Outdoor') => {
    const { js, names } = notifications.runtime;
    const expiresAt = new Date(Date.now() + 7 * 24 * 3600_000);
    const data = {
      storeId,
      storeName,
      invitationId: randomUUID(),
      email: 'email' in invitee ? invitee.email : null,
      userId: 'userId' in invitee ? invitee.userId : null,
      role: 'STORE_STAFF',
      invitedBy: randomUUID(),
      expiresAt: expiresAt.toISOString(),
    };
    const event = envelopeFor({ type: 'stores.staff-invited', storeId, aggregateId: storeId, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: event.id });
    return { event, expiresAt };
  };
  const handled = (event: EventEnvelope) =>
    eventually(async () => (await count(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [event.id])) === 1, 10_000, `${event.type} handled`);
  const utc = (instant: Date) => `${instant.toISOString().slice(0, 10)} ${instant.toISOString().slice(11, 16)} UTC`;

  beforeAll(async () => {
    ({ notifications, owner } = await startNotificationsWithInbox(inbox, {
      NOTIFICATIONS_MAX_INVITATION_EMAILS_PER_STORE_DAY: String(EMAILS_PER_STORE_DAY),
    }));
  });
  afterAll(async () => {
    await stopNotificationsWithInbox(inbox, { notifications, owner });
  });

  it('emails an invitation by email, with no link and no token: the invitee signs in with the address to accept', async () => {
    const storeId = randomUUID();
    const email = `invitee-${randomUUID().slice(0, 8)}@example.com`;
    const { event, expiresAt } = await invite(storeId, { email });
    const [received] = await eventually(async () => inbox.messagesTo(email).length === 1 && inbox.messagesTo(email), 10_000, `email to ${email}`);
    expect(received.subject).toBe('You were invited to “Acme Outdoor” on UltraMarket');
    expect(received.text).toContain(
      `You were invited to “Acme Outdoor” as a member of staff. Sign in to UltraMarket with this email to accept; the invitation expires ${formatHelpers(DEFAULT_FORMAT).dateTime(expiresAt)}.`,
    );
    expect(received.text).not.toMatch(/https?:|token|[0-9a-f]{8}-[0-9a-f]{4}-/i);
    const [row] = await owner.query(`SELECT store_id, kind, recipient FROM email_outbox WHERE event_id = $1`, [event.id]);
    expect(row).toEqual({ store_id: storeId, kind: 'STORE_INVITATION', recipient: email });
    // nobody to notify in the app: the address may have no account yet
    expect(await count(`SELECT count(*) AS n FROM notification WHERE event_id = $1`, [event.id])).toBe(0);
  });

  it('tells an invited user in the app, and emails nobody (notifications knows no user’s address)', async () => {
    const storeId = randomUUID();
    const userId = randomUUID();
    const { event, expiresAt } = await invite(storeId, { userId }, 'Bob’s\nBikes http://phish.example');
    await handled(event);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE event_id = $1`, [event.id])).toBe(0);

    const result = await notifications.client(tokenFor([Role.CUSTOMER], storeId, userId)).rawRequest<NotificationsResult>(NOTIFICATIONS);
    expect(result.errors).toBeUndefined();
    expect(result.data.notifications.nodes).toEqual([
      {
        userId,
        storeId,
        type: 'INVITATION',
        title: 'Invitation to join “Bob’s Bikes http[:]//phish.example”',
        message: `You were invited to “Bob’s Bikes http[:]//phish.example” as a member of staff. Accept it from your store invitations; it expires ${utc(expiresAt)}.`,
      },
    ]);
    // and nobody else in the store sees it
    const other = await notifications.client(tokenFor([Role.MERCHANT], storeId, randomUUID())).rawRequest<NotificationsResult>(NOTIFICATIONS);
    expect(other.data.notifications.nodes).toEqual([]);
  });

  it(`emails at most ${EMAILS_PER_STORE_DAY} invitations per store a day; beyond that the email is skipped, and other stores keep their own allowance`, async () => {
    const storeId = randomUUID();
    const addresses = Array.from({ length: EMAILS_PER_STORE_DAY + 2 }, (_, index) => `cap-${index}-${randomUUID().slice(0, 8)}@example.com`);
    const events = await Promise.all(addresses.map(async (email) => (await invite(storeId, { email })).event));
    for (const event of events) await handled(event);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE store_id = $1 AND kind = 'STORE_INVITATION'`, [storeId])).toBe(EMAILS_PER_STORE_DAY);
    await eventually(
      async () => addresses.filter((email) => inbox.messagesTo(email).length === 1).length === EMAILS_PER_STORE_DAY,
      10_000,
      'the allowed emails sent',
    );

    // an invitation to a user is still told in the app
    const userId = randomUUID();
    const { event: toUser } = await invite(storeId, { userId });
    await handled(toUser);
    expect(await count(`SELECT count(*) AS n FROM notification WHERE event_id = $1 AND user_id = $2`, [toUser.id, userId])).toBe(1);

    const elsewhere = `elsewhere-${randomUUID().slice(0, 8)}@example.com`;
    const { event: otherStore } = await invite(randomUUID(), { email: elsewhere });
    await handled(otherStore);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE event_id = $1`, [otherStore.id])).toBe(1);
  });
});
