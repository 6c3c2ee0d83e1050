import { keysetPage, pageSize, toConnection, type Connection, type KeysetSort, type SubgraphContext } from '@ultramarket/kit';
import type { SelectQueryBuilder } from 'typeorm';
import { ProductReview } from './product-review.entity';
import type { ReviewStatus } from './review-status';

/** Newest first: what shoppers and staff read first. */
const NEWEST: KeysetSort<ProductReview> = { column: 'r.created_at', type: 'timestamptz', valueOf: (review) => review.createdAt.toISOString() };

export interface ReviewPage {
  first?: number | null;
  after?: string | null;
}

/**
 * A page of the request's store's reviews meeting `where` (row-level security and the store condition both hold the
 * store); a request naming no store reads none.
 */
function pageOfStore(
  context: SubgraphContext,
  page: ReviewPage,
  countTotal: boolean,
  where: (query: SelectQueryBuilder<ProductReview>) => void,
): Promise<Connection<ProductReview>> {
  const limit = pageSize(page.first);
  const storeId = context.caller.storeId;
  if (!storeId) return Promise.resolve(toConnection<ProductReview>([], limit, 0, false, () => ''));
  return context.storeDb.read((manager) => {
    const query = manager.getRepository(ProductReview).createQueryBuilder('r').where('r.store_id = :storeId', { storeId });
    where(query);
    return keysetPage(query, { sort: NEWEST, descending: true, limit, after: page.after, countTotal });
  });
}

/** A product's reviews, of one status or (null) all. */
export function productReviewsOf(context: SubgraphContext, productId: string, status: ReviewStatus | null, page: ReviewPage, countTotal: boolean) {
  return pageOfStore(context, page, countTotal, (query) => {
    query.andWhere('r.product_id = :productId', { productId });
    if (status) query.andWhere('r.status = :status', { status });
  });
}

/** The store's reviews for its staff, of one status or (null) all. */
export function storeReviews(context: SubgraphContext, status: ReviewStatus | null, page: ReviewPage, countTotal: boolean) {
  return pageOfStore(context, page, countTotal, (query) => {
    if (status) query.andWhere('r.status = :status', { status });
  });
}

/** The signed-in shopper's own reviews in the request's store, every status. */
export function myReviews(context: SubgraphContext, page: ReviewPage, countTotal: boolean) {
  const { userId } = context.caller;
  return pageOfStore(context, page, countTotal, (query) => {
    query.andWhere('r.customer_id = :userId', { userId });
  });
}
