import { acceptsStaffChanges, storefrontVisible, type SubgraphContext, type Tx, type UserError } from '@ultramarket/kit';
import { ProductReview } from './product-review.entity';
import { ReviewErrors } from './review-errors';

/** The shopper writing in a store whose storefront is open: their user id and the store; else why not. */
export async function authorOf(context: SubgraphContext): Promise<{ userId: string; storeId: string } | UserError> {
  const { userId, storeId } = context.caller;
  if (!userId || !storeId) return ReviewErrors.storeRequired();
  const status = await context.storeStatuses.of(storeId);
  return storefrontVisible(status) ? { userId, storeId } : ReviewErrors.storeUnavailable(status);
}

/** The store whose reviews the staff moderate, while its staff may change things there; else why not. */
export async function moderatorStore(context: SubgraphContext): Promise<string | UserError> {
  const { storeId } = context.caller;
  if (!storeId) return ReviewErrors.storeRequired();
  const status = await context.storeStatuses.of(storeId);
  return acceptsStaffChanges(status) ? storeId : ReviewErrors.storeUnavailable(status);
}

/**
 * The review with this id in the store, locked for the transaction; with `customerId`, only that author's (anyone
 * else's review, or another store's, is not found).
 */
export function lockReview(tx: Tx, id: string, storeId: string, customerId?: string): Promise<ProductReview | null> {
  return tx.manager.getRepository(ProductReview).findOne({
    where: { id, storeId, ...(customerId ? { customerId } : {}) },
    lock: { mode: 'pessimistic_write' },
  });
}
