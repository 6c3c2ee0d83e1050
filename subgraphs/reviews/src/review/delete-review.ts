import { isUuid, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { ReviewEvents } from './review.events';
import { ReviewErrors } from './review-errors';
import { authorOf, lockReview } from './review-access';
import { emitReviewEvent } from './emit-review-event';
import { DeleteProductReviewPayload } from './review.payloads';
import type { DeleteProductReviewInput } from './review.inputs';
import { moveRating, ratingShareOf } from '../rating/product-rating';

/** The author deletes their review; an approved one leaves its product's rating in the same transaction. */
export async function deleteProductReview(context: SubgraphContext, input: DeleteProductReviewInput): Promise<DeleteProductReviewPayload> {
  const author = await authorOf(context);
  if (author instanceof UserError) return DeleteProductReviewPayload.failed(author);
  if (!isUuid(input.id)) return DeleteProductReviewPayload.failed(ReviewErrors.reviewNotFound());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const review = await lockReview(tx, input.id, author.storeId, author.userId);
    if (!review) return DeleteProductReviewPayload.failed(ReviewErrors.reviewNotFound());
    await tx.manager.query(`DELETE FROM product_review WHERE id = $1 AND store_id = $2`, [review.id, review.storeId]);
    await moveRating(tx, review, ratingShareOf(review), ratingShareOf(null));
    review.version += 1;
    await emitReviewEvent(tx, ReviewEvents.deleted, review);
    return DeleteProductReviewPayload.ok(review.id);
  });
}
