import {
  acceptsCheckout,
  DEFAULT_CHECKOUT_SETTINGS,
  isStoreStatus,
  PermanentEventError,
  StoreStatus,
  UserError,
  type CheckoutSettings,
  type PaymentCaptureMode,
  type EventHandler,
  type Logger,
  type Tx,
} from '@ultramarket/kit';
import { ordersConfig } from '../orders-config';
import { openOrderLimit } from '../order/open-order-limit';
import { OrderEvents, type CheckoutRefusedData } from '../order/order.events';
import { checkoutRefusal } from '../store-view/checkout-settings';
import { checkoutOf, type CheckoutCompleted } from './checkout-snapshot';
import { writeOrder } from './write-order';

/** What the store and this checkout's ids already say, read in one statement. */
interface CheckoutFacts {
  /** An order with this checkout's id exists, or a refusal of it was recorded: the checkout was handled. */
  handled: boolean;
  /** Another order of the store was placed with this idempotency key. */
  keyTaken: boolean;
  storeStatus: StoreStatus;
  settings: CheckoutSettings;
}

async function checkoutFacts(tx: Tx, storeId: string, checkout: CheckoutCompleted): Promise<CheckoutFacts> {
  const [row]: {
    order_exists: boolean;
    refused: boolean;
    key_taken: boolean;
    store_status: string | null;
    guest_checkout_enabled: boolean | null;
    require_phone_at_checkout: boolean | null;
    payment_capture_mode: PaymentCaptureMode | null;
  }[] = await tx.manager.query(
    `SELECT EXISTS (SELECT 1 FROM customer_order WHERE id = $2 AND store_id = $1) AS order_exists,
            EXISTS (SELECT 1 FROM checkout_refusal WHERE order_id = $2 AND store_id = $1) AS refused,
            EXISTS (SELECT 1 FROM customer_order WHERE store_id = $1 AND idempotency_key = $3 AND id <> $2) AS key_taken,
            (SELECT status FROM store_status WHERE store_id = $1) AS store_status,
            settings.guest_checkout_enabled, settings.require_phone_at_checkout, settings.payment_capture_mode
       FROM (VALUES (1)) AS one LEFT JOIN store_checkout_settings settings ON settings.store_id = $1`,
    [storeId, checkout.orderId, checkout.idempotencyKey],
  );
  return {
    handled: row.order_exists || row.refused,
    keyTaken: row.key_taken,
    // a store not heard of yet counts as ACTIVE, as everywhere (StoreStatuses)
    storeStatus: isStoreStatus(row.store_status) ? row.store_status : StoreStatus.ACTIVE,
    settings:
      row.guest_checkout_enabled === null || row.require_phone_at_checkout === null || row.payment_capture_mode === null
        ? DEFAULT_CHECKOUT_SETTINGS
        : {
            guestCheckoutEnabled: row.guest_checkout_enabled,
            requirePhoneAtCheckout: row.require_phone_at_checkout,
            paymentCaptureMode: row.payment_capture_mode,
          },
  };
}

/** Why the order may not be recorded, in the order the shopper would want to hear it; null when it may. */
async function refusalOf(tx: Tx, storeId: string, checkout: CheckoutCompleted, facts: CheckoutFacts): Promise<UserError | null> {
  if (!acceptsCheckout(facts.storeStatus)) return UserError.of('STORE_UNAVAILABLE', `This store is ${facts.storeStatus} and takes no orders`);
  if (facts.keyTaken) {
    return UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another checkout', ['input', 'idempotencyKey']);
  }
  return checkoutRefusal(facts.settings, checkout) ?? (await openOrderLimit(tx, ordersConfig, storeId, checkout));
}

/** Records the refusal (final for this order id) and tells cart: orders.checkout-refused, aggregate = the order id. */
async function refuse(tx: Tx, storeId: string, checkout: CheckoutCompleted, error: UserError, logger: Logger): Promise<void> {
  const field = error.field ?? null;
  await tx.manager.query(`INSERT INTO checkout_refusal (order_id, store_id, cart_id, code, message, field) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`, [
    checkout.orderId,
    storeId,
    checkout.cartId,
    error.code,
    error.message,
    field && JSON.stringify(field),
  ]);
  const data: CheckoutRefusedData = { orderId: checkout.orderId, cartId: checkout.cartId, code: error.code, message: error.message, field };
  // no order exists, so no order version: 0 says "before the order"
  await tx.emit({ type: OrderEvents.checkoutRefused, storeId, aggregateId: checkout.orderId, aggregateVersion: 0, data });
  logger.info({ orderId: checkout.orderId, cartId: checkout.cartId, code: error.code }, 'checkout refused');
}

/**
 * `orders-create-from-checkout`: records the order cart priced (`cart.checkout-completed`), or refuses it.
 *
 * - Idempotent by order id: an order or a refusal already recorded for it means the checkout was
 *   handled, and nothing new happens (a refusal is final for its order id).
 * - Refuses, writing no order, with orders.checkout-refused: a store that is not ACTIVE
 *   (STORE_UNAVAILABLE), an idempotency key another order of the store was placed with
 *   (IDEMPOTENCY_KEY_REUSED), a guest where the store wants signed-in shoppers (GUEST_CHECKOUT_DISABLED)
 *   or no phone where it wants one (PHONE_REQUIRED), and a shopper with too many open unpaid orders
 *   (RATE_LIMITED, `openOrderLimit`, staff not capped).
 * - Otherwise writes the order exactly as priced (`writeOrder`) and publishes orders.created.
 *
 * A store's checkouts are recorded one at a time (an advisory lock per store held to the end of the
 * transaction, taken before anything else), so two deliveries racing on two replicas can neither both
 * write nor both take the last place under a cap; the order number already serialised them.
 */
export const createOrderFromCheckout: EventHandler = {
  name: 'orders-create-from-checkout',
  eventType: 'cart.checkout-completed',
  async handle(event, tx, logger) {
    const storeId = event.storeId;
    if (!storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
    const checkout = checkoutOf(event);
    // every checkout of the store waits here first: writing an order locks the store's counter row until
    // commit anyway, and a batch of checkouts in one transaction would otherwise hold that row while waiting
    // for a shopper's lock another transaction holds while waiting for the row (a deadlock)
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`orders:checkouts:${storeId}`]);
    const facts = await checkoutFacts(tx, storeId, checkout);
    if (facts.handled) {
      logger.debug({ orderId: checkout.orderId }, 'checkout already recorded');
      return;
    }
    const refusal = await refusalOf(tx, storeId, checkout, facts);
    try {
      if (refusal) await refuse(tx, storeId, checkout, refusal, logger);
      else await writeOrder(tx, storeId, checkout);
    } catch (error) {
      // the id is another store's order or refusal (invisible here): never this store's to take
      if (takenOrderId(error)) throw new PermanentEventError(`${event.type} ${event.id}: order id ${checkout.orderId} is taken in another store`);
      throw error;
    }
  },
};

function takenOrderId(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && (constraint === 'customer_order_pkey' || constraint === 'checkout_refusal_pkey');
}
