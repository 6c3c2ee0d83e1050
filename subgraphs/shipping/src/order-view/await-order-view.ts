import { setTimeout as sleep } from 'node:timers/promises';
import type { SubgraphContext } from '@ultramarket/kit';
import { readOrderView, type OrderView } from './order-view';

const POLL_MS = 50;

/**
 * The order as shipping knows it, once `ready` holds or `waitMs` has passed (then as it is, or null). Shipping
 * hears of orders through events, a moment after orders commits: a client that saw an order CONFIRMED through
 * the gateway and ships it at once must not be refused because shipping's copy is still a step behind.
 */
export async function awaitOrderView(
  context: SubgraphContext,
  orderId: string,
  storeId: string,
  ready: (order: OrderView | null) => boolean,
  waitMs: number,
): Promise<OrderView | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const order = await context.storeDb.read((manager) => readOrderView(manager, orderId, storeId));
    if (ready(order) || Date.now() >= deadline) return order;
    await sleep(POLL_MS);
  }
}
