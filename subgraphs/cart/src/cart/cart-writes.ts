import type { EntityManager } from 'typeorm';
import { storefrontVisible, type SubgraphContext, type Tx, type UserError } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { Cart } from './cart.entity';
import { CartStatus } from './cart-status';
import { ownsCart } from './cart-access';
import { CartErrors } from './cart-errors';
import { expiresAtFor } from './cart-lifetime';
import type { Quantities } from './line-plan';

/** Why a shopper cannot change carts in the request's store now: none named, or the store not open to shoppers. */
export async function storeRefusal(context: SubgraphContext): Promise<UserError | null> {
  const { storeId } = context.caller;
  if (!storeId) return CartErrors.storeRequired();
  const status = await context.storeStatuses.of(storeId);
  return storefrontVisible(status) ? null : CartErrors.storeUnavailable(status);
}

/** The caller's open, unexpired cart by id, locked for this transaction; null when it is not theirs to change. */
export async function lockOwnedCart(context: SubgraphContext, tx: Tx, cartId: string, token: string | null | undefined): Promise<Cart | null> {
  const storeId = context.caller.storeId;
  if (!storeId) return null;
  const cart = await tx.manager
    .getRepository(Cart)
    .createQueryBuilder('cart')
    .setLock('pessimistic_write')
    .where('cart.id = :cartId AND cart.store_id = :storeId AND cart.status = :status AND cart.expires_at > now()', {
      cartId,
      storeId,
      status: CartStatus.OPEN,
    })
    .getOne();
  return cart && ownsCart(context.caller, cart, token) ? cart : null;
}

/** The cart's quantities by variant, oldest line first. */
export async function readQuantities(manager: EntityManager, cart: Cart): Promise<Quantities> {
  const rows: { variant_id: string; quantity: number }[] = await manager.query(
    `SELECT variant_id, quantity FROM cart_line WHERE cart_id = $1 AND store_id = $2 ORDER BY created_at, id`,
    [cart.id, cart.storeId],
  );
  return new Map(rows.map((row) => [row.variant_id, row.quantity]));
}

/** Makes the cart's lines `next`: changed and new lines upserted (a new line keeps its variant's price now: review reports a change), lines gone deleted; untouched lines stay as they are. */
export async function writeQuantities(manager: EntityManager, cart: Cart, current: Quantities, next: Quantities): Promise<void> {
  const gone = [...current.keys()].filter((variantId) => !next.has(variantId));
  const changed = [...next].filter(([variantId, quantity]) => current.get(variantId) !== quantity);
  if (gone.length > 0) {
    await manager.query(`DELETE FROM cart_line WHERE cart_id = $1 AND store_id = $2 AND variant_id = ANY($3::uuid[])`, [cart.id, cart.storeId, gone]);
  }
  if (changed.length > 0) {
    // a millisecond apart (the column's precision), so new lines keep the order they were named in
    await manager.query(
      `INSERT INTO cart_line (store_id, cart_id, variant_id, quantity, created_at, added_unit_price_amount, added_currency_code)
       SELECT $1, $2, change.variant_id, change.quantity, now() + change.position * interval '1 millisecond', variant.price_amount, variant.currency_code
         FROM unnest($3::uuid[], $4::int[]) WITH ORDINALITY AS change (variant_id, quantity, position)
         LEFT JOIN catalog_variant variant ON variant.variant_id = change.variant_id AND variant.store_id = $1
       ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()`,
      [cart.storeId, cart.id, changed.map(([variantId]) => variantId), changed.map(([, quantity]) => quantity)],
    );
  }
}

/** Records a change of the cart: a new version, its idle lifetime restarted, and the given fields set. */
export async function touchCart(
  manager: EntityManager,
  cart: Cart,
  config: CartConfig,
  changes: Partial<
    Pick<Cart, 'currencyCode' | 'email' | 'userId' | 'tokenHash' | 'status' | 'shippingAddress' | 'billingAddress' | 'shippingRateId' | 'note' | 'phone'>
  > = {},
): Promise<Cart> {
  const next = { ...cart, ...changes };
  const expiresAt = expiresAtOf(next, config);
  await manager.query(
    `UPDATE cart SET currency_code = $3, email = $4, user_id = $5, token_hash = $6, status = $7, expires_at = $8,
            shipping_address = $9::jsonb, billing_address = $10::jsonb, shipping_rate_id = $11, note = $12, phone = $13,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND store_id = $2`,
    [
      cart.id,
      cart.storeId,
      next.currencyCode,
      next.email,
      next.userId,
      next.tokenHash,
      next.status,
      expiresAt,
      jsonOrNull(next.shippingAddress),
      jsonOrNull(next.billingAddress),
      next.shippingRateId,
      next.note,
      next.phone,
    ],
  );
  return (await manager.getRepository(Cart).findOneBy({ id: cart.id, storeId: cart.storeId }))!;
}

/**
 * An open cart lives its idle lifetime; a merged one is swept at once; a checked-out (or buy-now) cart is kept
 * for a customer's idle lifetime, so a replayed checkout still finds its order and a refusal can reopen it.
 */
export function expiresAtOf(cart: Pick<Cart, 'status' | 'userId'>, config: CartConfig, now = new Date()): Date {
  if (cart.status === CartStatus.OPEN) return expiresAtFor(cart.userId, config, now);
  if (cart.status === CartStatus.MERGED) return now;
  return new Date(now.getTime() + config.customerIdleMs);
}

const jsonOrNull = (value: object | null) => (value === null ? null : JSON.stringify(value));
