import { managesStore, type Caller } from '@ultramarket/kit';
import { ProductStatus } from './product/product-status';

/**
 * The SQL condition (on a `product` alias) for the products a caller may see in category and collection
 * lists and counts: a store's staff (and platform admins) every status, everyone else ACTIVE ones already
 * published (`published_at` null or past), as `product(id)` decides (product-queries.ts `canSeeProduct`). One place, so the lists, the counts
 * and the product page never disagree.
 */
export function visibleProductsSql(caller: Caller, storeId: string, alias: string): string {
  return managesStore(caller, storeId)
    ? 'TRUE'
    : `(${alias}.status = '${ProductStatus.ACTIVE}' AND (${alias}.published_at IS NULL OR ${alias}.published_at <= now()))`;
}
