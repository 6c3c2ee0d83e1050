import { inScope, periodicJob, PLATFORM_SCOPE, returnedRows, type SubgraphRuntime } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';

const BATCH = 500;

/**
 * Deletes expired carts (and merged ones, which expire when merged) with their lines, a batch at a time
 * across every store (a platform-wide sweep). A cart a shopper's transaction holds right now is skipped
 * (SKIP LOCKED) and so are replicas' batches. Answers how many were deleted.
 */
export async function deleteExpiredCarts(runtime: Pick<SubgraphRuntime, 'dataSource'>, batch = BATCH): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
      returnedRows<{ id: string }>(
        manager,
        `DELETE FROM cart WHERE id IN (SELECT id FROM cart WHERE expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id`,
        [batch],
      ),
    );
    deleted += rows.length;
    if (rows.length < batch) return deleted;
  }
}

/** Runs the sweep every CART_EXPIRY_SWEEP_SECONDS on the background pool; returns its stop function. */
export function cartExpiryJob(config: CartConfig) {
  return periodicJob('cart expiry sweep', config.sweepIntervalMs, deleteExpiredCarts);
}
