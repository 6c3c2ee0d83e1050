import { In } from 'typeorm';
import { byCreatedAt, byKeys, isUuid, keysetPage, pageSize, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { storeOfCaller } from '../shipping-store';
import { ShippingZone } from './shipping-zone.entity';

/** Zones by id in the caller's store, batched per request. */
export function loadZone(context: SubgraphContext, id: string): Promise<ShippingZone | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return context.loaders
    .get<string, ShippingZone | null>('shippingZoneById', (ids) =>
      context.storeDb.read(async (manager) => {
        const rows = await manager.getRepository(ShippingZone).findBy({ id: In([...ids]), ...context.storeDb.whereStore() });
        return byKeys(ids, rows, (row) => row.id);
      }),
    )
    .load(id);
}

/** The caller's store's zones, oldest first. */
export function listZones(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null },
  countTotal: boolean,
): Promise<Connection<ShippingZone>> {
  const limit = pageSize(args.first);
  return context.storeDb.read(async (manager) => {
    const query = manager.getRepository(ShippingZone).createQueryBuilder('z');
    const storeId = storeOfCaller(context);
    if (storeId) query.andWhere('z.store_id = :storeId', { storeId });
    return keysetPage(query, { sort: byCreatedAt<ShippingZone>('z'), descending: false, limit, after: args.after, countTotal });
  });
}
