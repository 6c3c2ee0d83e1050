import type { DataSource } from 'typeorm';
import { startTestSubgraph, type TestSubgraph } from '../../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../../kit/test/support/tenancy-support';
import { createNotificationsSubgraph } from '../../src/notifications.subgraph';
import { loadNotificationsConfig } from '../../src/notifications.config';
import type { SmtpInbox } from './smtp-inbox';

export interface NotificationsWithInbox {
  notifications: TestSubgraph;
  /** The owner's connection, for reading the subgraph's tables past row-level security. */
  owner: DataSource;
}

/**
 * A notifications subgraph on its own test database and event namespace that sends its emails to
 * `inbox` (polling the email outbox every 100 ms), plus an owner connection; `env` adds or overrides.
 */
export async function startNotificationsWithInbox(inbox: SmtpInbox, env: Record<string, string> = {}): Promise<NotificationsWithInbox> {
  await inbox.start();
  const variables = { SMTP_PORT: String(inbox.port), NOTIFICATIONS_EMAIL_POLL_MS: '100', ...env };
  const notifications = await startTestSubgraph(createNotificationsSubgraph(loadNotificationsConfig({ ...process.env, ...variables })), variables);
  return { notifications, owner: await openOwnerConnection(notifications.runtime.config) };
}

/** Stops what startNotificationsWithInbox started (whatever of it did start). */
export async function stopNotificationsWithInbox(inbox: SmtpInbox, started: Partial<NotificationsWithInbox>): Promise<void> {
  await started.owner?.destroy();
  await started.notifications?.close();
  await inbox.stop();
}
