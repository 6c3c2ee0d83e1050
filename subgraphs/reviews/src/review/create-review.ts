import { isUuid, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { ProductReview } from './product-review.entity';
import { ReviewStatus } from './review-status';
import { ReviewEvents } from './review.events';
import { ReviewErrors } from './review-errors';
import { authorOf } from './review-access';
import { cleanTexts } from './review-texts';
import { emitReviewEvent } from './emit-review-event';
import { CreateProductReviewPayload } from './review.payloads';
import type { CreateProductReviewInput } from './review.inputs';
import { hasVerifiedPurchase } from '../purchase/purchase.handlers';

/**
 * The signed-in shopper's review of a product of the store, PENDING until the staff moderate it, marked a verified
 * purchase when reviews already knows of a COMPLETED order of theirs containing the product (one completing later marks
 * it then). One review per customer and product: a second is REVIEW_ALREADY_EXISTS, and nothing is written.
 */
export async function createProductReview(context: SubgraphContext, input: CreateProductReviewInput): Promise<CreateProductReviewPayload> {
  const author = await authorOf(context);
  if (author instanceof UserError) return CreateProductReviewPayload.failed(author);
  if (!isUuid(input.productId)) return CreateProductReviewPayload.failed(ReviewErrors.productNotFound());
  const texts = cleanTexts({ title: input.title, body: input.body });
  if (Array.isArray(texts)) return CreateProductReviewPayload.failed(...texts);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const verified = await hasVerifiedPurchase(tx, author.storeId, author.userId, input.productId);
    // the unique index decides between two concurrent first reviews: the loser inserts nothing
    const inserted: { id: string }[] = await tx.manager.query(
      `INSERT INTO product_review (store_id, product_id, customer_id, rating, title, body, status, verified_purchase)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (store_id, customer_id, product_id) DO NOTHING RETURNING id`,
      [author.storeId, input.productId, author.userId, input.rating, texts.title, texts.body, ReviewStatus.PENDING, verified],
    );
    if (inserted.length === 0) return CreateProductReviewPayload.failed(ReviewErrors.alreadyReviewed());
    const review = await tx.manager.getRepository(ProductReview).findOneByOrFail({ id: inserted[0].id, storeId: author.storeId });
    await emitReviewEvent(tx, ReviewEvents.submitted, review);
    return CreateProductReviewPayload.ok(review);
  });
}
