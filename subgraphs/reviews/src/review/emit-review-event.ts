import type { Tx } from '@ultramarket/kit';
import type { ProductReview } from './product-review.entity';
import { reviewEventData, type ReviewEventData, type ReviewEvents } from './review.events';

type ReviewEventType = (typeof ReviewEvents)['submitted' | 'edited' | 'deleted' | 'moderated'];

/** A review event (see ReviewEvents), in the transaction that changed the review. */
export async function emitReviewEvent(tx: Tx, type: ReviewEventType, review: ProductReview): Promise<void> {
  await tx.emit<ReviewEventData>({ type, storeId: review.storeId, aggregateId: review.id, aggregateVersion: review.version, data: reviewEventData(review) });
}
