import { contractUrl, type EventEnvelope } from '@ultramarket/kit';

/** The version of the body's shape; a change that is not only an addition gets a new one (docs/webhooks.md). */
export const WEBHOOK_BODY_VERSION = 1;

/** What every delivery POSTs (docs/webhooks.md), with the event's `data` as schema/events.md documents it. */
export interface WebhookBody {
  /** The event id: the same in every delivery and redelivery of the event, for the receiver to dedupe by. */
  id: string;
  topic: string;
  version: number;
  occurredAt: string;
  storeId: string;
  /** The resource the event is about (its aggregate, e.g. the order id). */
  resourceId: string;
  /** The resource's version after the event (aggregateVersion): a per-resource sequence to order and dedupe by. */
  sequence: number;
  /** The JSON Schema `data` keeps, with the topic's contract version in it (schema/events/<topic>.json's `$id`). */
  dataSchema: string;
  data: unknown;
}

export function webhookBody(event: EventEnvelope): WebhookBody {
  return {
    id: event.id,
    topic: event.type,
    version: WEBHOOK_BODY_VERSION,
    occurredAt: event.occurredAt,
    storeId: event.storeId!,
    resourceId: event.aggregateId,
    sequence: event.aggregateVersion,
    dataSchema: contractUrl(event.type),
    data: event.data,
  };
}
