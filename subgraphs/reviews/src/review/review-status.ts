import { registerEnumType } from 'type-graphql';

/** Where a review is in moderation: only APPROVED reviews are shown to shoppers and counted in a product's rating. */
export enum ReviewStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(ReviewStatus, {
  name: 'ProductReviewStatus',
  description: 'Where a review is in moderation.',
  valuesConfig: {
    PENDING: { description: 'Written or edited by its author, waiting for the store’s staff.' },
    APPROVED: { description: 'Shown to shoppers and counted in the product’s rating.' },
    REJECTED: { description: 'Turned down by the store’s staff, with a reason its author can read.' },
  },
});

/** The staff's decision on a review. */
export enum ModerationDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(ModerationDecision, {
  name: 'ProductReviewModerationDecision',
  description: 'What the store’s staff decide about a review.',
  valuesConfig: {
    APPROVE: { description: 'Show it and count it in the rating.' },
    REJECT: { description: 'Hide it (a reason is required).' },
  },
});
