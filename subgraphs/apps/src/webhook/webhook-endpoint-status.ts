import { registerEnumType } from 'type-graphql';

/** Whether an endpoint receives deliveries. */
export enum WebhookEndpointStatus {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
}

registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'Whether a webhook endpoint receives deliveries.',
  valuesConfig: {
    ENABLED: { description: 'Events of its topics become deliveries and are sent.' },
    DISABLED: { description: 'By the staff or after sustained failure: no new deliveries; pending ones wait until it is enabled again.' },
  },
});
