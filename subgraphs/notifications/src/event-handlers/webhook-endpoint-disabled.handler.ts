import type { EventHandler } from '@ultramarket/kit';
import { createNotification } from '../notification/create-notification';
import { NotificationType } from '../notification/notification-type';
import { EventDataReader } from './event-data';

/**
 * A store-wide WEBHOOK notification for the store's staff when apps disabled one of its webhook endpoints after
 * sustained failure (apps.webhook-endpoint-disabled), so integrations do not go quiet unnoticed: one per disabling.
 * The URL is the staff's own words back to them; it is not emailed.
 */
export function notifyStaffOnWebhookEndpointDisabled(): EventHandler {
  return {
    name: 'notifications-webhook-endpoint-disabled',
    eventType: 'apps.webhook-endpoint-disabled',
    async handle(event, tx) {
      const read = new EventDataReader(event);
      const storeId = read.storeId();
      const endpointId = read.uuid('endpointId');
      const url = read.string('url');
      const failures = read.int('consecutiveFailures');
      await createNotification(tx, event, {
        type: NotificationType.WEBHOOK,
        title: 'A webhook endpoint was disabled',
        message: `The webhook endpoint ${url} was disabled after ${failures} failed deliveries in a row. Its pending deliveries wait: fix the endpoint, then enable it again (enableWebhookEndpoint) and check its delivery log.`,
        userId: null,
        storeId,
        orderId: null,
        dedupeKey: `webhook-endpoint-disabled:${endpointId}:${event.id}`,
      });
    },
  };
}
