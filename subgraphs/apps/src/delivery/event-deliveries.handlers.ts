import type { EventHandler } from '@ultramarket/kit';
import { WEBHOOK_DOMAINS, WEBHOOK_TOPICS } from '../webhook/webhook-topics';
import { webhookBody } from './webhook-body';

const TOPICS = new Set(WEBHOOK_TOPICS);

/**
 * One durable consumer per stream a store may subscribe to (`orders.>`, `payments.>`, …): each event of a store
 * becomes one PENDING delivery per ENABLED endpoint of the store subscribed to its topic, written in the consumer's
 * transaction with its processed-event record, so a restart loses no event and a redelivery queues nothing twice
 * (the unique index on (endpoint, event) would refuse a second copy anyway). Events of no store, and topics that are
 * not subscribable, are acknowledged and dropped. The delivery worker sends them.
 */
export const eventDeliveryHandlers: EventHandler[] = WEBHOOK_DOMAINS.map((domain): EventHandler => ({
  name: `apps-webhooks-${domain}`,
  eventType: `${domain}.>`,
  async handle(event, tx) {
    if (!event.storeId || !TOPICS.has(event.type)) return;
    await tx.manager.query(
      `INSERT INTO webhook_delivery (store_id, endpoint_id, event_id, topic, resource_id, sequence, occurred_at, body)
         SELECT e.store_id, e.id, $2::uuid, $3::varchar, $5::varchar, $6::integer, $7::timestamptz, $8::text FROM webhook_endpoint e
         WHERE e.store_id = $1 AND e.status = 'ENABLED' AND e.topics && ARRAY[$3::text, $4::text]
         ORDER BY e.id
         ON CONFLICT (endpoint_id, event_id) WHERE redelivery_of IS NULL DO NOTHING`,
      [event.storeId, event.id, event.type, `${domain}.*`, event.aggregateId, event.aggregateVersion, event.occurredAt, JSON.stringify(webhookBody(event))],
    );
  },
}));
