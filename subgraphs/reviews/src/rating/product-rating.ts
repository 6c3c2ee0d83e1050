import { byKeys, returnedRows, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { ProductReview } from '../review/product-review.entity';
import { ReviewStatus } from '../review/review-status';
import { ReviewEvents, type RatingChangedData } from '../review/review.events';

/** A product's rating over its approved reviews. */
export interface RatingTotals {
  productId: string;
  count: number;
  sum: number;
}

/** What a review, as it is, adds to its product's rating: only an approved review counts. */
export function ratingShareOf(review: Pick<ProductReview, 'status' | 'rating'> | null): { count: number; sum: number } {
  return review?.status === ReviewStatus.APPROVED ? { count: 1, sum: review.rating } : { count: 0, sum: 0 };
}

/** The average, two decimals, or null without any review. */
export function averageOf(totals: { count: number; sum: number }): number | null {
  return totals.count === 0 ? null : Math.round((totals.sum / totals.count) * 100) / 100;
}

/**
 * Moves a product's rating rollup from what the review added before to what it adds now, in the transaction that
 * changed the review (atomic increments: concurrent changes of the product's reviews add up), and announces the new
 * rating with reviews.rating-changed. Nothing is written when the review's share did not change.
 */
export async function moveRating(
  tx: Tx,
  review: Pick<ProductReview, 'storeId' | 'productId'>,
  before: { count: number; sum: number },
  after: { count: number; sum: number },
): Promise<void> {
  const count = after.count - before.count;
  const sum = after.sum - before.sum;
  if (count === 0 && sum === 0) return;
  type Row = { review_count: number; rating_sum: number; version: number };
  const parameters = [review.storeId, review.productId, count, sum];
  // the row exists whenever a share is taken back (the review was counted); an insert is only ever of a positive share,
  // whose VALUES must pass the table's checks even when it ends as an update
  let [row] = await returnedRows<Row>(
    tx.manager,
    `UPDATE product_rating SET review_count = review_count + $3, rating_sum = rating_sum + $4, version = version + 1, updated_at = now()
     WHERE store_id = $1 AND product_id = $2 RETURNING review_count, rating_sum, version`,
    parameters,
  );
  if (!row) {
    [row] = await returnedRows<Row>(
      tx.manager,
      `INSERT INTO product_rating (store_id, product_id, review_count, rating_sum) VALUES ($1, $2, $3, $4)
       ON CONFLICT (store_id, product_id) DO UPDATE SET review_count = product_rating.review_count + EXCLUDED.review_count,
         rating_sum = product_rating.rating_sum + EXCLUDED.rating_sum, version = product_rating.version + 1, updated_at = now()
       RETURNING review_count, rating_sum, version`,
      parameters,
    );
  }
  const totals = { count: row.review_count, sum: row.rating_sum };
  await tx.emit<RatingChangedData>({
    type: ReviewEvents.ratingChanged,
    storeId: review.storeId,
    aggregateId: review.productId,
    aggregateVersion: row.version,
    data: { productId: review.productId, count: totals.count, average: averageOf(totals) },
  });
}

/**
 * Ratings by product id in the request's store, batched per request: a page of products costs one read. A product
 * without an approved review (or of another store: row-level security and the store condition hide it) has none.
 */
export function loadRating(context: SubgraphContext, productId: string): Promise<RatingTotals> {
  const storeId = context.caller.storeId;
  return context.loaders
    .get<string, RatingTotals>('productRating', async (productIds) => {
      if (!storeId) return productIds.map((id) => ({ productId: id, count: 0, sum: 0 }));
      const rows: { product_id: string; review_count: number; rating_sum: number }[] = await context.storeDb.read((manager) =>
        manager.query(`SELECT product_id, review_count, rating_sum FROM product_rating WHERE store_id = $1 AND product_id = ANY($2::uuid[])`, [
          storeId,
          [...productIds],
        ]),
      );
      const found = byKeys(productIds, rows, (row) => row.product_id);
      return productIds.map((id, index) => ({ productId: id, count: found[index]?.review_count ?? 0, sum: found[index]?.rating_sum ?? 0 }));
    })
    .load(productId);
}
