import type { ProductReview } from './product-review.entity';

/** What reviews publishes (see schema/events.md); a review event's aggregate is the review, rating-changed's the product. */
export const ReviewEvents = {
  submitted: 'reviews.review-submitted',
  edited: 'reviews.review-edited',
  deleted: 'reviews.review-deleted',
  moderated: 'reviews.review-moderated',
  ratingChanged: 'reviews.rating-changed',
} as const;

/** Every review event's data. `rejectionReason` is the staff's words to the author. */
export interface ReviewEventData {
  reviewId: string;
  productId: string;
  customerId: string;
  rating: number;
  status: string;
  verifiedPurchase: boolean;
  rejectionReason: string | null;
}

export function reviewEventData(review: ProductReview): ReviewEventData {
  return {
    reviewId: review.id,
    productId: review.productId,
    customerId: review.customerId,
    rating: review.rating,
    status: review.status,
    verifiedPurchase: review.verifiedPurchase,
    rejectionReason: review.rejectionReason,
  };
}

/** reviews.rating-changed: a product's rating over its approved reviews, as it now is (average null without any). */
export interface RatingChangedData {
  productId: string;
  count: number;
  average: number | null;
}
