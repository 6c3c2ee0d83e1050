import { isUuid, keysetPage, pageSize, storeRequired, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { Promotion } from './promotion.entity';
import type { PromotionsArgs } from './promotion.inputs';

/** A promotion of the caller's store (its staff), or null. */
export async function findPromotion(context: SubgraphContext, id: string): Promise<Promotion | null> {
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  if (!isUuid(id)) return null;
  return context.storeDb.read((manager) => manager.getRepository(Promotion).findOneBy({ id, storeId }));
}

/** The store's promotions, newest first, keyset-paginated, optionally only active/inactive and automatic/codes. */
export async function listPromotions(context: SubgraphContext, args: PromotionsArgs, countTotal: boolean): Promise<Connection<Promotion>> {
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  const limit = pageSize(args.first);
  return context.storeDb.read((manager) => {
    const query = manager.getRepository(Promotion).createQueryBuilder('p').where('p.store_id = :storeId', { storeId });
    if (args.active !== undefined && args.active !== null) query.andWhere('p.active = :active', { active: args.active });
    if (args.automatic === true) query.andWhere('p.code IS NULL');
    if (args.automatic === false) query.andWhere('p.code IS NOT NULL');
    return keysetPage(query, {
      sort: { column: 'p.created_at', type: 'timestamptz', valueOf: (row) => row.createdAt.toISOString() },
      descending: true,
      limit,
      after: args.after,
      countTotal,
    });
  });
}
