import { storeOf, type Applier } from '../rollup/applier';
import { storeDayOf } from '../store/store-profile';

/** Adds one to a cart counter of the event's store-local day. */
function countInto(column: 'carts_created' | 'checkouts_completed'): Applier['apply'] {
  return async (event, manager) => {
    const storeId = storeOf(event);
    const day = await storeDayOf(manager, storeId, event.occurredAt);
    await manager.query(
      `INSERT INTO cart_day (store_id, day, ${column}) VALUES ($1, $2, 1)
       ON CONFLICT (store_id, day) DO UPDATE SET ${column} = cart_day.${column} + 1`,
      [storeId, day],
    );
  };
}

/** cart.created and cart.checkout-completed: the two ends of cart-to-order conversion (docs/analytics.md "Conversion"). */
export const cartAppliers: Applier[] = [
  { eventType: 'cart.created', apply: countInto('carts_created') },
  { eventType: 'cart.checkout-completed', apply: countInto('checkouts_completed') },
];
