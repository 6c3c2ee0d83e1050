import { registerEnumType } from 'type-graphql';

/** Where a delivery is. */
export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery is.',
  valuesConfig: {
    PENDING: { description: 'Not yet answered with a 2xx: waiting for its first try, a retry, or an earlier delivery of the same resource.' },
    SUCCEEDED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Given up: every attempt failed for WEBHOOK_RETRY_FOR (24 h by default).' },
  },
});
