import { inScope, PLATFORM_SCOPE, type SubgraphContext } from '@ultramarket/kit';
import { mayPayOrder } from '../payment/payment-access';
import { OrderReadModel, Payability, payabilityOf } from './order-read-model.entity';
import type { OrderFeed } from './order-feed';
import type { ChangeWatch } from './change-listener';

/**
 * The order processPayment is about, from the read model (in the caller's store), starting from `first`
 * (the caller's first read of it, made after it opened `watch` on the order). processPayment usually
 * comes right after placeOrder, before orders.created and inventory.reserved have reached us, so it
 * waits (within `waitMs`) until the order is payable or can never be, woken by the read model's own
 * notifications (`watch`: the handlers NOTIFY as they commit) rather than by polling, but only while
 * there is evidence that the order exists:
 *
 * - the read model has a row for it in the caller's store (one of its events arrived), or
 * - payments has not applied every orders.created JetStream holds yet (`OrderFeed`).
 *
 * Without either, the id was never announced (or belongs to another store: the read model holds it
 * there) and the answer is null at once, after one read in the caller's store and one existence
 * check across stores; a guessed or foreign id costs no wait.
 */
export async function awaitOrder(
  context: SubgraphContext,
  store: { storeId?: string },
  orderId: string,
  waitMs: number,
  feed: OrderFeed,
  watch: ChangeWatch,
  first: OrderReadModel | null,
): Promise<OrderReadModel | null> {
  const deadline = Date.now() + waitMs;
  const read = () => context.storeDb.read((manager) => manager.getRepository(OrderReadModel).findOneBy({ orderId, ...store }));
  let order = first;
  if (!order && !(await mayStillArrive(context, store, orderId, feed))) return null;
  for (;;) {
    const payability = payabilityOf(order);
    const decided = payability === Payability.PAYABLE || payability === Payability.CLOSED || payability === Payability.EXPIRED;
    const notTheirs = order?.placedAt && !mayPayOrder(context.caller, order);
    if (decided || notTheirs || Date.now() >= deadline) return order;
    await watch.next(deadline - Date.now());
    order = await read();
  }
}

/**
 * Whether an order the caller's store does not show (yet) may still arrive. JetStream is asked first
 * and the read model second: an orders.created applied in between is then found by the second look.
 */
async function mayStillArrive(context: SubgraphContext, store: { storeId?: string }, orderId: string, feed: OrderFeed): Promise<boolean> {
  const caughtUp = await feed.caughtUp();
  // only which store holds the id, across stores (row-level security hides other stores' rows); nothing of it reaches the caller
  const holders: { store_id: string }[] = await inScope(context.db, PLATFORM_SCOPE, (manager) =>
    manager.query(`SELECT store_id FROM order_read_model WHERE order_id = $1`, [orderId]),
  );
  const holder = holders[0]?.store_id;
  if (holder !== undefined) return store.storeId === undefined || holder === store.storeId;
  return !caughtUp;
}
