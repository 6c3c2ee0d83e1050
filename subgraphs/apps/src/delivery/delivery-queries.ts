import { byCreatedAt, isUuid, keysetPage, pageSize, toConnection, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDeliveryAttempt } from './webhook-delivery-attempt.entity';
import type { WebhookDeliveryFilter } from './webhook-delivery.filter';
import type { Page } from '../webhook/webhook-queries';

/** The request's store's delivery log, newest first, narrowed by `filter`; a request naming no store reads none. */
export function storeDeliveries(
  context: SubgraphContext,
  filter: WebhookDeliveryFilter | null,
  page: Page,
  countTotal: boolean,
): Promise<Connection<WebhookDelivery>> {
  const limit = pageSize(page.first);
  const storeId = context.caller.storeId;
  const empty = () => Promise.resolve(toConnection<WebhookDelivery>([], limit, 0, false, () => ''));
  if (!storeId) return empty();
  if (filter?.endpointId != null && !isUuid(filter.endpointId)) return empty();
  return context.storeDb.read((manager) => {
    const query = manager.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.store_id = :storeId', { storeId });
    if (filter?.endpointId) query.andWhere('d.endpoint_id = :endpointId', { endpointId: filter.endpointId });
    if (filter?.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter?.topic) query.andWhere('d.topic = :topic', { topic: filter.topic });
    if (filter?.from) query.andWhere('d.created_at >= :from', { from: filter.from });
    if (filter?.to) query.andWhere('d.created_at < :to', { to: filter.to });
    return keysetPage(query, { sort: byCreatedAt('d'), descending: true, limit, after: page.after, countTotal });
  });
}

/** One delivery of the request's store; null for an unknown id or another store's. */
export async function storeDelivery(context: SubgraphContext, id: string): Promise<WebhookDelivery | null> {
  const storeId = context.caller.storeId;
  if (!storeId || !isUuid(id)) return null;
  return context.storeDb.read((manager) => manager.getRepository(WebhookDelivery).findOneBy({ id, storeId }));
}

/**
 * A delivery's attempts in order, through a per-request loader: one read for every delivery of a page. Bounded: a
 * delivery makes a few dozen attempts at most within its retry window.
 */
export function attemptsOf(context: SubgraphContext, delivery: WebhookDelivery): Promise<WebhookDeliveryAttempt[]> {
  return context.loaders
    .get<string, WebhookDeliveryAttempt[]>('webhook-delivery-attempts', async (ids) => {
      const rows = await context.storeDb.read((manager) =>
        manager
          .getRepository(WebhookDeliveryAttempt)
          .createQueryBuilder('a')
          .where('a.delivery_id IN (:...ids)', { ids })
          .orderBy('a.attempt_number', 'ASC')
          .getMany(),
      );
      return ids.map((id) => rows.filter((row) => row.deliveryId === id));
    })
    .load(delivery.id);
}
