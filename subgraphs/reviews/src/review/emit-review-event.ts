import type { Tx } from '@ultramarket/kit';
import type { ProductReview } from './product-review.entity';
import { reviewEventData, type ReviewEventData } from './review.events';

/** A review event (see ReviewEvents), in the transaction that changed the review. */
export async function emitReviewEvent(tx: Tx, type: string, review: ProductReview): Promise<void> {
  await tx.emit<ReviewEventData>({ type, storeId: review.storeId, aggregateId: review.id, aggregateVersion: review.version, data: reviewEventData(review) });
}
