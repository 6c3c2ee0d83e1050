import { isUuid, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { ProductReview } from './product-review.entity';
import { ReviewStatus } from './review-status';
import { ReviewEvents } from './review.events';
import { ReviewErrors } from './review-errors';
import { authorOf, lockReview } from './review-access';
import { cleanTexts } from './review-texts';
import { emitReviewEvent } from './emit-review-event';
import { UpdateProductReviewPayload } from './review.payloads';
import type { UpdateProductReviewInput } from './review.inputs';
import { moveRating, ratingShareOf } from '../rating/product-rating';

/**
 * The author changes their review: it goes back to PENDING (the staff see the new words before shoppers do), so an
 * approved review leaves its product's rating until approved again.
 */
export async function updateProductReview(context: SubgraphContext, input: UpdateProductReviewInput): Promise<UpdateProductReviewPayload> {
  const author = await authorOf(context);
  if (author instanceof UserError) return UpdateProductReviewPayload.failed(author);
  if (!isUuid(input.id)) return UpdateProductReviewPayload.failed(ReviewErrors.reviewNotFound());
  const rating = input.rating ?? undefined;
  const texts = cleanTexts(input);
  if (Array.isArray(texts)) return UpdateProductReviewPayload.failed(...texts);
  if (rating === undefined && texts.title === undefined && texts.body === undefined) return UpdateProductReviewPayload.failed(ReviewErrors.nothingToChange());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const review = await lockReview(tx, input.id, author.storeId, author.userId);
    if (!review) return UpdateProductReviewPayload.failed(ReviewErrors.reviewNotFound());
    const before = ratingShareOf(review);
    Object.assign(review, {
      rating: rating ?? review.rating,
      title: texts.title ?? review.title,
      body: texts.body ?? review.body,
      status: ReviewStatus.PENDING,
      rejectionReason: null,
      version: review.version + 1,
    });
    const saved = await tx.manager.getRepository(ProductReview).save(review);
    await moveRating(tx, saved, before, ratingShareOf(saved));
    await emitReviewEvent(tx, ReviewEvents.edited, saved);
    return UpdateProductReviewPayload.ok(saved);
  });
}
