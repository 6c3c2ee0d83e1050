import { ErrorCode, UserError, type Tx } from '@ultramarket/kit';
import type { OrdersConfig } from '../orders-config';

/** Statuses of an order that holds stock and is not paid: what a shopper may have only so many of. */
const OPEN_UNPAID = `status IN ('CREATED', 'PAYMENT_PENDING', 'PAYMENT_FAILED')`;

/** Who a checkout is for, as cart's snapshot says. */
export interface CheckoutShopper {
  /** The signed-in shopper; null for a guest. */
  customerId: string | null;
  /** A guest's client address (the gateway's signed X-Client-Address); null for a signed-in shopper. */
  clientAddress: string | null;
  /** The store's staff placed it: not capped. */
  staffPlaced: boolean;
}

/**
 * Refuses a checkout that would give the shopper more open unpaid orders in the store than allowed:
 * every one of them holds stock until it is paid or its reservation lapses. Guests are counted by
 * client address, signed-in shoppers by user; the store's staff are not capped. Runs in the
 * transaction that writes the order, behind a lock per shopper, so concurrent checkouts cannot both
 * take the last place.
 */
export async function openOrderLimit(tx: Tx, config: OrdersConfig, storeId: string, shopper: CheckoutShopper): Promise<UserError | null> {
  if (shopper.staffPlaced) return null;
  const guest = shopper.customerId === null;
  const who = guest ? shopper.clientAddress : shopper.customerId;
  const limit = guest ? config.maxOpenGuestOrders : config.maxOpenCustomerOrders;
  await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`orders:open:${storeId}:${guest ? 'address' : 'user'}:${who}`]);
  const sameShopper = guest ? 'customer_id IS NULL AND client_address IS NOT DISTINCT FROM $2' : 'customer_id = $2';
  const [{ open }]: { open: number }[] = await tx.manager.query(
    `SELECT count(*)::int AS open FROM customer_order WHERE store_id = $1 AND ${sameShopper} AND ${OPEN_UNPAID}`,
    [storeId, who],
  );
  if (open < limit) return null;
  return UserError.of(
    ErrorCode.RATE_LIMITED,
    `You have ${open} unpaid orders in this store: pay or cancel one before placing another (at most ${limit} at a time${guest ? ' for guests' : ''})`,
  );
}
