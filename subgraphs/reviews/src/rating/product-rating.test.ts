import { averageOf, ratingShareOf } from './product-rating';
import { ReviewStatus } from '../review/review-status';

describe('a review’s share of its product’s rating', () => {
  it('counts approved reviews only', () => {
    expect(ratingShareOf({ status: ReviewStatus.APPROVED, rating: 4 })).toEqual({ count: 1, sum: 4 });
    expect(ratingShareOf({ status: ReviewStatus.PENDING, rating: 4 })).toEqual({ count: 0, sum: 0 });
    expect(ratingShareOf({ status: ReviewStatus.REJECTED, rating: 4 })).toEqual({ count: 0, sum: 0 });
    expect(ratingShareOf(null)).toEqual({ count: 0, sum: 0 });
  });

  it('averages to two decimals, null without reviews', () => {
    expect(averageOf({ count: 0, sum: 0 })).toBeNull();
    expect(averageOf({ count: 3, sum: 13 })).toBe(4.33);
    expect(averageOf({ count: 2, sum: 7 })).toBe(3.5);
  });
});
