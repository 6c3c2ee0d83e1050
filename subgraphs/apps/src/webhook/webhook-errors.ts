import { UserError } from '@ultramarket/kit';

/** The userErrors the webhook mutations answer (each code is listed in docs/errors.md). */
export const WebhookErrors = {
  storeRequired: () => UserError.of('STORE_REQUIRED', 'Name the store (a store token or X-Store-Id) whose webhooks you manage'),
  storeUnavailable: (status: string) => UserError.of('STORE_UNAVAILABLE', `This store is ${status}: its webhooks cannot be changed now`),
  endpointNotFound: () => UserError.of('NOT_FOUND', 'No such webhook endpoint in this store', ['input', 'id']),
  deliveryNotFound: () => UserError.of('NOT_FOUND', 'No such webhook delivery in this store', ['input', 'deliveryId']),
  replayEndpointNotFound: () => UserError.of('NOT_FOUND', 'No such webhook endpoint in this store', ['input', 'endpointId']),
  invalidUrl: (message: string) => UserError.of('INVALID_WEBHOOK_URL', message, ['input', 'url']),
  invalidTopic: (topic: string) =>
    UserError.of('INVALID_WEBHOOK_TOPIC', `${topic} is not a topic a store may subscribe to (see webhookTopics)`, ['input', 'topics']),
  noTopics: () => UserError.of('INVALID_WEBHOOK_TOPIC', 'Subscribe to at least one topic', ['input', 'topics']),
  nothingToChange: () => UserError.of('NOTHING_TO_CHANGE', 'Give a new url, topics or description', ['input']),
  invalidRange: () => UserError.of('INVALID_TIME_RANGE', 'from must be before to, and the range at most 31 days', ['input', 'from']),
};
