import { randomUUID } from 'node:crypto';
import { envelopeFor, type EventEnvelope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';

export const ENDPOINT_FIELDS = 'id url description topics status disabledReason consecutiveFailures previousSecretExpiresAt';
export const CREATE_ENDPOINT = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT_FIELDS} } userErrors { code field message } } }`;
export const UPDATE_ENDPOINT = `mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { ${ENDPOINT_FIELDS} } userErrors { code field message } } }`;
export const DISABLE_ENDPOINT = `mutation ($input: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $input) { endpoint { ${ENDPOINT_FIELDS} } userErrors { code field message } } }`;
export const ENABLE_ENDPOINT = `mutation ($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { endpoint { ${ENDPOINT_FIELDS} } userErrors { code field message } } }`;
export const DELETE_ENDPOINT = `mutation ($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId userErrors { code field message } } }`;
export const ROTATE_SECRET = `mutation ($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret endpoint { ${ENDPOINT_FIELDS} } userErrors { code field message } } }`;
export const REDELIVER = `mutation ($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { delivery { id eventId status redeliveryOf } userErrors { code field message } } }`;
export const REPLAY = `mutation ($input: ReplayWebhooksInput!) { replayWebhooks(input: $input) { replayedCount userErrors { code field message } } }`;
export const ENDPOINTS = `{ webhookEndpoints(first: 50) { totalCount nodes { ${ENDPOINT_FIELDS} } } }`;
export const ENDPOINT = `query ($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT_FIELDS} } }`;
export const DELIVERIES = `query ($filter: WebhookDeliveryFilter) { webhookDeliveries(first: 100, filter: $filter) { totalCount nodes {
  id endpointId eventId topic resourceId sequence status attempts lastResponseCode redeliveryOf body
  attemptLog { attemptNumber succeeded responseCode latencyMs responseBody error } } } }`;

export interface EndpointResult {
  id: string;
  url: string;
  description: string;
  topics: string[];
  status: string;
  disabledReason: string | null;
  consecutiveFailures: number;
  previousSecretExpiresAt: string | null;
}

export interface UserErrorResult {
  code: string;
  field: string[] | null;
  message: string;
}

export interface DeliveryResult {
  id: string;
  endpointId: string;
  eventId: string;
  topic: string;
  resourceId: string;
  sequence: number;
  status: string;
  attempts: number;
  lastResponseCode: number | null;
  redeliveryOf: string | null;
  body: string;
  attemptLog: {
    attemptNumber: number;
    succeeded: boolean;
    responseCode: number | null;
    latencyMs: number;
    responseBody: string | null;
    error: string | null;
  }[];
}

/** Publishes an order event of a store into the subgraph's namespace, as orders would. */
export function orderEvents(subgraph: () => TestSubgraph) {
  return async (type: string, storeId: string, orderId: string, version: number, data: Record<string, unknown> = {}): Promise<EventEnvelope> => {
    const { js, names } = subgraph().runtime;
    const event = envelopeFor(
      { type, storeId, aggregateId: orderId, aggregateVersion: version, data: { orderId, orderNumber: '#1001', ...data } },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
}
