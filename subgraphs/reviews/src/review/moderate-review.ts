import { isUuid, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { ProductReview } from './product-review.entity';
import { ModerationDecision, ReviewStatus } from './review-status';
import { ReviewEvents } from './review.events';
import { ReviewErrors } from './review-errors';
import { lockReview, moderatorStore } from './review-access';
import { cleanTitle } from './review-text';
import { emitReviewEvent } from './emit-review-event';
import { ModerateProductReviewPayload } from './review.payloads';
import type { ModerateProductReviewInput } from './review.inputs';
import { moveRating, ratingShareOf } from '../rating/product-rating';

/**
 * The store's staff approve a review (shown, counted in the product's rating) or reject it with a reason its author
 * reads; the rating rollup moves in the same transaction and reviews.rating-changed announces it.
 */
export async function moderateProductReview(context: SubgraphContext, input: ModerateProductReviewInput): Promise<ModerateProductReviewPayload> {
  const storeId = await moderatorStore(context);
  if (storeId instanceof UserError) return ModerateProductReviewPayload.failed(storeId);
  if (!isUuid(input.id)) return ModerateProductReviewPayload.failed(ReviewErrors.reviewNotFound());
  const reason = input.decision === ModerationDecision.REJECT ? cleanTitle(input.reason ?? '') : null;
  if (reason === '') return ModerateProductReviewPayload.failed(ReviewErrors.reasonRequired());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const review = await lockReview(tx, input.id, storeId);
    if (!review) return ModerateProductReviewPayload.failed(ReviewErrors.reviewNotFound());
    const before = ratingShareOf(review);
    Object.assign(review, {
      status: input.decision === ModerationDecision.APPROVE ? ReviewStatus.APPROVED : ReviewStatus.REJECTED,
      rejectionReason: reason,
      moderatedAt: new Date(),
      version: review.version + 1,
    });
    const saved = await tx.manager.getRepository(ProductReview).save(review);
    await moveRating(tx, saved, before, ratingShareOf(saved));
    await emitReviewEvent(tx, ReviewEvents.moderated, saved);
    return ModerateProductReviewPayload.ok(saved);
  });
}
