import { isUuid, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { Cart } from '../cart/cart.entity';
import { CartStatus } from '../cart/cart-status';
import { cartTokenMatches, hashCartToken, newCartToken } from '../cart/cart-token';
import { storeRefusal, touchCart } from '../cart/cart-writes';
import { RecoverCartPayload, type RecoverCartInput } from './recover-cart.types';

/** The userErrors of recoverCart (docs/errors.md). */
export const RecoveryErrors = {
  /** One code for a wrong, used or expired token, an unknown, closed or expired cart and another store's cart: none is told apart. */
  invalid: () =>
    UserError.of('CART_RECOVERY_INVALID', 'This recovery link does not work (any more): it works once, for a limited time, in its store only', [
      'input',
      'recoveryToken',
    ]),
  signInRequired: () =>
    UserError.of('CART_SIGN_IN_REQUIRED', 'This cart belongs to a customer account: sign in as that customer to get back to it', ['input', 'cartId']),
};

interface RecoveryRow {
  recovery_token_hash: Buffer | null;
  recovery_expires_at: Date | null;
}

/**
 * Exchanges an abandoned cart's recovery token, once and before it expires, for the cart. A guest cart gets a new
 * cart token (the old one stops working: whoever held it, the link's holder now owns the cart); a customer's cart
 * is returned to its signed-in customer only (anyone else is refused and the token stays usable). The token is
 * spent in the same transaction, under the cart's row lock, so two uses at once cannot both succeed. Every refusal
 * writes nothing.
 */
export async function recoverCart(context: SubgraphContext, config: CartConfig, input: RecoverCartInput): Promise<RecoverCartPayload> {
  const refusal = await storeRefusal(context);
  if (refusal) return RecoverCartPayload.failed(refusal);
  const storeId = context.caller.storeId!;
  if (!isUuid(input.cartId)) return RecoverCartPayload.failed(RecoveryErrors.invalid());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const [row]: RecoveryRow[] = await tx.manager.query(
      `SELECT recovery_token_hash, recovery_expires_at FROM cart
        WHERE id = $1 AND store_id = $2 AND status = $3 AND expires_at > now() AND recovery_expires_at > now() FOR UPDATE`,
      [input.cartId, storeId, CartStatus.OPEN],
    );
    if (!row || !cartTokenMatches(input.recoveryToken, row.recovery_token_hash)) return RecoverCartPayload.failed(RecoveryErrors.invalid());
    const cart = (await tx.manager.getRepository(Cart).findOneBy({ id: input.cartId, storeId }))!;
    if (cart.userId !== null && cart.userId !== context.caller.userId) return RecoverCartPayload.failed(RecoveryErrors.signInRequired());

    await tx.manager.query(`UPDATE cart SET recovery_token_hash = NULL, recovery_expires_at = NULL WHERE id = $1 AND store_id = $2`, [cart.id, storeId]);
    if (cart.userId !== null) return RecoverCartPayload.ok(cart);
    const cartToken = newCartToken();
    const recovered = await touchCart(tx.manager, cart, config, { tokenHash: hashCartToken(cartToken) });
    return Object.assign(RecoverCartPayload.ok(recovered), { cartToken });
  });
}
