/** What the apps subgraph publishes about webhooks (see schema/events.md); the aggregate is the endpoint. */
export const WebhookEvents = {
  endpointDisabled: 'apps.webhook-endpoint-disabled',
} as const;

/** apps.webhook-endpoint-disabled: an endpoint stopped receiving deliveries after sustained failure. */
export interface WebhookEndpointDisabledData {
  endpointId: string;
  url: string;
  reason: string;
  consecutiveFailures: number;
  failingSince: string | null;
  disabledAt: string;
}
