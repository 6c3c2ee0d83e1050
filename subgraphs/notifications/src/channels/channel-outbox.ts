import type { EventEnvelope, Tx } from '@ultramarket/kit';
import type { NotificationCategory } from '../preferences/notification-category';
import type { DeviceChannel } from './channel-provider';

/** What a customer is told on their devices about one event: the in-app notification's title and message. */
export interface DeviceNotice {
  storeId: string;
  customerId: string;
  category: NotificationCategory;
  title: string;
  body: string;
}

/**
 * Queues the notice for every device the customer registered in the store on the channels that are on (a provider is
 * configured), except the channels they turned off for the category, in the handler's transaction; the channel
 * dispatcher sends them once it has committed. One message per event and device (`UNIQUE (event_id, channel,
 * recipient)`), so a redelivered event queues nothing twice. Returns how many were queued.
 */
export async function enqueueDeviceMessages(tx: Tx, cause: EventEnvelope, channels: readonly DeviceChannel[], notice: DeviceNotice): Promise<number> {
  if (channels.length === 0) return 0;
  const queued: unknown[] = await tx.manager.query(
    `INSERT INTO channel_outbox (store_id, event_id, channel, customer_id, recipient, title, body)
     SELECT d.store_id, $3, d.channel, d.customer_id, d.address, $5, $6
       FROM notification_device d
      WHERE d.store_id = $1 AND d.customer_id = $2 AND d.channel = ANY($4::text[])
        AND NOT EXISTS (SELECT 1 FROM notification_preference p
                         WHERE p.store_id = d.store_id AND p.customer_id = d.customer_id AND p.category = $7 AND p.channel = d.channel AND NOT p.enabled)
     ON CONFLICT (event_id, channel, recipient) DO NOTHING
     RETURNING id`,
    [notice.storeId, notice.customerId, cause.id, channels, notice.title, notice.body.slice(0, 2000), notice.category],
  );
  return queued.length;
}
