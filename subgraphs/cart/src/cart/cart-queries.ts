import { MoreThan, type EntityManager } from 'typeorm';
import { isUuid, type SubgraphContext } from '@ultramarket/kit';
import { Cart } from './cart.entity';
import { CartStatus } from './cart-status';
import { canReadCart } from './cart-access';

/** An open, unexpired cart by id in the caller's store (any store for a platform admin without one). */
function findServedCart(manager: EntityManager, context: SubgraphContext, id: string): Promise<Cart | null> {
  return manager.getRepository(Cart).findOneBy({ id, status: CartStatus.OPEN, expiresAt: MoreThan(new Date()), ...context.storeDb.whereStore() });
}

/** The cart, when the caller may read it (its token for a guest cart); null otherwise, expired or not: ids reveal nothing. */
export async function findReadableCart(context: SubgraphContext, id: string, token: string | null | undefined): Promise<Cart | null> {
  if (!isUuid(id) || context.storeDb.scope === null) return null;
  const cart = await context.storeDb.read((manager) => findServedCart(manager, context, id));
  return cart && canReadCart(context.caller, cart, token) ? cart : null;
}

/** The signed-in shopper's open cart in the request's store, or null. */
export async function findMyCart(context: SubgraphContext): Promise<Cart | null> {
  const { userId, storeId } = context.caller;
  if (!userId || !storeId) return null;
  return context.storeDb.read((manager) =>
    manager.getRepository(Cart).findOneBy({ storeId, userId, status: CartStatus.OPEN, expiresAt: MoreThan(new Date()) }),
  );
}

/**
 * A cart another subgraph refers to: only its customer and the store's staff see it. A guest cart
 * needs its token, which a reference cannot carry, so a guest cart resolves to null for everyone else.
 */
export function resolveCartReference(context: SubgraphContext, id: string): Promise<Cart | null> {
  return findReadableCart(context, id, null);
}
