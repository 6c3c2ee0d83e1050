import { UserError } from '@ultramarket/kit';

/** The userErrors reviews answers (each code is listed in docs/errors.md). */
export const ReviewErrors = {
  storeRequired: () => UserError.of('STORE_REQUIRED', 'Name the store (a store token or X-Store-Id) whose product you review'),
  storeUnavailable: (status: string) => UserError.of('STORE_UNAVAILABLE', `This store is ${status}: its reviews cannot be changed now`),
  reviewNotFound: () => UserError.of('NOT_FOUND', 'No such review of yours in this store', ['input', 'id']),
  productNotFound: () => UserError.of('NOT_FOUND', 'No such product', ['input', 'productId']),
  alreadyReviewed: () =>
    UserError.of('REVIEW_ALREADY_EXISTS', 'You have already reviewed this product: edit or delete that review instead', ['input', 'productId']),
  invalidText: (field: 'title' | 'body', message: string) => UserError.of('INVALID_REVIEW_TEXT', message, ['input', field]),
  nothingToChange: () => UserError.of('NOTHING_TO_CHANGE', 'Give a new rating, title or body', ['input']),
  reasonRequired: () => UserError.of('REJECTION_REASON_REQUIRED', 'Say why the review is rejected: its author reads the reason', ['input', 'reason']),
};
