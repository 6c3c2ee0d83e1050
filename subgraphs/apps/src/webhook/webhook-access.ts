import { acceptsStaffChanges, isUuid, type SubgraphContext, type Tx, type UserError } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookErrors } from './webhook-errors';
import { isSubscribableTopic } from './webhook-topics';

/** The store whose webhooks the staff change, while its staff may change things there; else why not. */
export async function staffStore(context: SubgraphContext): Promise<string | UserError> {
  const { storeId } = context.caller;
  if (!storeId) return WebhookErrors.storeRequired();
  const status = await context.storeStatuses.of(storeId);
  return acceptsStaffChanges(status) ? storeId : WebhookErrors.storeUnavailable(status);
}

/** The endpoint with this id in the store, locked for the transaction; another store's is not found. */
export function lockEndpoint(tx: Tx, id: string, storeId: string): Promise<WebhookEndpoint | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return tx.manager.getRepository(WebhookEndpoint).findOne({ where: { id, storeId }, lock: { mode: 'pessimistic_write' } });
}

/** The topics without duplicates, or why they cannot be subscribed to. */
export function checkedTopics(topics: readonly string[]): string[] | UserError {
  const unique = [...new Set(topics.map((topic) => topic.trim()))];
  if (unique.length === 0) return WebhookErrors.noTopics();
  const unknown = unique.find((topic) => !isSubscribableTopic(topic));
  return unknown === undefined ? unique : WebhookErrors.invalidTopic(unknown);
}
