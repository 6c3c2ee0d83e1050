import { byCreatedAt, hasAnyRole, isUuid, keysetPage, pageSize, Role, toConnection, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export interface Page {
  first?: number | null;
  after?: string | null;
}

/** The request's store's endpoints, oldest first; a request naming no store reads none. */
export function storeEndpoints(context: SubgraphContext, page: Page, countTotal: boolean): Promise<Connection<WebhookEndpoint>> {
  const limit = pageSize(page.first);
  const storeId = context.caller.storeId;
  if (!storeId) return Promise.resolve(toConnection<WebhookEndpoint>([], limit, 0, false, () => ''));
  return context.storeDb.read((manager) => {
    const query = manager.getRepository(WebhookEndpoint).createQueryBuilder('e').where('e.store_id = :storeId', { storeId });
    return keysetPage(query, { sort: byCreatedAt('e'), descending: false, limit, after: page.after, countTotal });
  });
}

/** One endpoint of the request's store; null for an unknown id or another store's. */
export async function storeEndpoint(context: SubgraphContext, id: string): Promise<WebhookEndpoint | null> {
  const storeId = context.caller.storeId;
  if (!storeId || !isUuid(id)) return null;
  return context.storeDb.read((manager) => manager.getRepository(WebhookEndpoint).findOneBy({ id, storeId }));
}

/**
 * `_entities` of WebhookEndpoint: the store's staff (and platform admins) only, like the queries; anyone else, and
 * another store's staff, get null (an endpoint's URL is the store's business).
 */
export function endpointReference(context: SubgraphContext, id: string): Promise<WebhookEndpoint | null> {
  if (!hasAnyRole(context.caller, [Role.MERCHANT, Role.STORE_STAFF])) return Promise.resolve(null);
  return storeEndpoint(context, id);
}
