import { In } from 'typeorm';
import { byCreatedAt, byKeys, isUuid, keysetPage, pageSize, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { storeOfCaller } from '../shipping-store';
import { ShippingMethod } from './shipping-method.entity';

/** Methods by id in the caller's store, batched per request. */
export function loadMethod(context: SubgraphContext, id: string): Promise<ShippingMethod | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return context.loaders
    .get<string, ShippingMethod | null>('shippingMethodById', (ids) =>
      context.storeDb.read(async (manager) => {
        const rows = await manager.getRepository(ShippingMethod).findBy({ id: In([...ids]), ...context.storeDb.whereStore() });
        return byKeys(ids, rows, (row) => row.id);
      }),
    )
    .load(id);
}

/** Each zone's methods, oldest first, one statement per request. */
export function loadZoneMethods(context: SubgraphContext, zoneId: string): Promise<ShippingMethod[]> {
  return context.loaders
    .get<string, ShippingMethod[]>('shippingMethodsByZone', (zoneIds) =>
      context.storeDb.read(async (manager) => {
        const rows = await manager
          .getRepository(ShippingMethod)
          .find({ where: { zoneId: In([...zoneIds]), ...context.storeDb.whereStore() }, order: { createdAt: 'ASC', id: 'ASC' } });
        return zoneIds.map((id) => rows.filter((row) => row.zoneId === id));
      }),
    )
    .load(zoneId);
}

/** The caller's store's methods (of one zone when given), oldest first. */
export function listMethods(
  context: SubgraphContext,
  args: { zoneId?: string | null; first?: number | null; after?: string | null },
  countTotal: boolean,
): Promise<Connection<ShippingMethod>> {
  const limit = pageSize(args.first);
  return context.storeDb.read(async (manager) => {
    const query = manager.getRepository(ShippingMethod).createQueryBuilder('m');
    const storeId = storeOfCaller(context);
    if (storeId) query.andWhere('m.store_id = :storeId', { storeId });
    if (args.zoneId) query.andWhere('m.zone_id = :zoneId', { zoneId: args.zoneId });
    return keysetPage(query, { sort: byCreatedAt<ShippingMethod>('m'), descending: false, limit, after: args.after, countTotal });
  });
}
