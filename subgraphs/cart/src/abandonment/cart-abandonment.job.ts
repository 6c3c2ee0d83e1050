import { inScope, periodicJob, PLATFORM_SCOPE, StoreStatus, type SubgraphRuntime, type Tx } from '@ultramarket/kit';
import { Cart } from '../cart/cart.entity';
import { CartStatus } from '../cart/cart-status';
import { priceCarts } from '../cart/priced-cart';
import { recoveryUrlFor, type AbandonmentConfig } from './abandonment-config';
import { CART_ABANDONED, type CartAbandonedData } from './cart-abandoned.events';
import { newRecoveryToken } from './recovery-token';

const BATCH = 100;

interface DueCart {
  id: string;
  store_id: string;
}

/**
 * What makes a cart abandoned, as one predicate for the search and the locked re-check: open, unexpired, never
 * marked, with an email and a line, unchanged for the configured time ($1, in milliseconds), in a store shoppers can
 * see (a SUSPENDED or CLOSED store's carts wait: the link would lead nowhere). The partial index `cart_abandonment_due`
 * serves it by `updated_at`; the line is found by `cart_line`'s (cart_id, variant_id) index, the status by its key.
 */
const ABANDONED = `cart.status = '${CartStatus.OPEN}' AND cart.abandoned_at IS NULL AND cart.email IS NOT NULL
  AND cart.updated_at <= now() - $1 * interval '1 millisecond' AND cart.expires_at > now()
  AND EXISTS (SELECT 1 FROM cart_line line WHERE line.cart_id = cart.id)
  AND NOT EXISTS (SELECT 1 FROM store_status store WHERE store.store_id = cart.store_id AND store.status IN ('${StoreStatus.SUSPENDED}', '${StoreStatus.CLOSED}'))`;

/**
 * Marks abandoned carts and publishes `cart.abandoned` for each, once in a cart's life (`abandoned_at` is never
 * cleared: a shopper who comes back and leaves again is not emailed twice). Carts are found across stores (a
 * platform-wide read) and each is marked in its own store's unit of work, which locks it (SKIP LOCKED: a cart a
 * shopper or another replica holds now is left for the next round), checks again that it is still abandoned and
 * unmarked, stores a new recovery token's hash with its expiry, and emits the event with the recovery link through
 * the outbox: mark and event commit together or not at all. Answers how many carts were marked.
 */
export async function markAbandonedCarts(runtime: Pick<SubgraphRuntime, 'dataSource' | 'unitOfWork' | 'logger'>, config: AbandonmentConfig, batch = BATCH) {
  let marked = 0;
  for (;;) {
    const due: DueCart[] = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
      manager.query(`SELECT cart.id, cart.store_id FROM cart WHERE ${ABANDONED} ORDER BY cart.updated_at LIMIT $2`, [config.abandonedAfterMs, batch]),
    );
    let markedNow = 0;
    for (const cart of due) {
      const outcome = await markInItsStore(runtime, config, cart).catch((error: unknown) => {
        runtime.logger.warn({ err: error, cartId: cart.id, storeId: cart.store_id }, 'marking an abandoned cart failed; will retry');
        return false;
      });
      if (outcome) markedNow += 1;
    }
    marked += markedNow;
    // a full batch of which none was marked here is another replica's (or failing): the next round sees the rest
    if (due.length < batch || markedNow === 0) return marked;
  }
}

function markInItsStore(runtime: Pick<SubgraphRuntime, 'unitOfWork'>, config: AbandonmentConfig, due: DueCart): Promise<boolean> {
  return runtime.unitOfWork.forScope(due.store_id).run({ correlationId: due.id, causationId: null }, async (tx) => {
    const [locked]: { id: string }[] = await tx.manager.query(
      `SELECT cart.id FROM cart WHERE cart.id = $2 AND cart.store_id = $3 AND ${ABANDONED} FOR UPDATE OF cart SKIP LOCKED`,
      [config.abandonedAfterMs, due.id, due.store_id],
    );
    if (!locked) return false;
    const { token, hash } = newRecoveryToken();
    const expiresAt = new Date(Date.now() + config.recoveryTtlMs);
    await tx.manager.query(`UPDATE cart SET abandoned_at = now(), recovery_token_hash = $3, recovery_expires_at = $4 WHERE id = $1 AND store_id = $2`, [
      due.id,
      due.store_id,
      hash,
      expiresAt,
    ]);
    const cart = (await tx.manager.getRepository(Cart).findOneBy({ id: due.id, storeId: due.store_id }))!;
    await emitAbandoned(tx, cart, recoveryUrlFor(config, cart.id, token), expiresAt);
    return true;
  });
}

/** The event, with the cart priced by the one pricing engine as the shopper saw it last (available lines only). */
async function emitAbandoned(tx: Tx, cart: Cart, recoveryUrl: string, recoveryExpiresAt: Date): Promise<void> {
  const [priced] = await priceCarts(tx.manager, [cart]);
  const available = priced.lines.filter((line) => line.available);
  const data: CartAbandonedData = {
    cartId: cart.id,
    email: cart.email!,
    customerId: cart.userId,
    currencyCode: priced.currencyCode,
    itemCount: priced.itemCount,
    subtotal: { amount: priced.subtotal.amount, currencyCode: priced.subtotal.currencyCode },
    lines: available.map((line) => ({ title: line.title, variantTitle: line.variantTitle, quantity: line.quantity })),
    recoveryUrl,
    recoveryExpiresAt: recoveryExpiresAt.toISOString(),
  };
  await tx.emit({ type: CART_ABANDONED, storeId: cart.storeId, aggregateId: cart.id, aggregateVersion: cart.version, data });
}

/** Runs the sweep every CART_ABANDONMENT_SWEEP_SECONDS on the background pool; returns its stop function. */
export function cartAbandonmentJob(config: AbandonmentConfig) {
  return periodicJob('cart abandonment sweep', config.sweepIntervalMs, (runtime) => markAbandonedCarts(runtime, config));
}
