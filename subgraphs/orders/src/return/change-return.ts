import { actorOf, traceOf, type SubgraphContext, type Tx, type UserError } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { lockOrder } from '../order/order-transitions';
import { canFulfilOrder } from '../order/order-access';
import { OrderChangeRefused } from '../order/order-commands';
import { staffChangeRefusal } from '../order/staff-store-status';
import { auditActorOf } from '../audit/record-order-audit';
import { Return } from './return.entity';
import { returnNotFound, type ReturnActor } from './move-return';

type PayloadClass<T> = { ok(found: Return): T; failed(...errors: UserError[]): T };

/**
 * A staff step on a return of the caller's store: its order locked first (every change to an order and its returns
 * goes through that lock, so two steps at once are serialised and the second sees the first), the return read again
 * under it, then `step`. A return of another store, or of an order the caller does not manage, is NOT_FOUND; a
 * refusal (OrderChangeRefused) is answered as its userErrors with nothing written. The staff of a suspended or
 * closed store change nothing (STORE_UNAVAILABLE).
 */
export async function changeReturn<T>(
  context: SubgraphContext,
  returnId: string,
  payload: PayloadClass<T>,
  step: (tx: Tx, order: Order, found: Return, who: ReturnActor) => Promise<T>,
): Promise<T> {
  if (context.caller.storeId) {
    const refused = await staffChangeRefusal(context, context.caller.storeId);
    if (refused) return payload.failed(refused);
  }
  const store = context.storeDb.whereStore();
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const seen = await tx.manager.getRepository(Return).findOneBy({ id: returnId, ...store });
    if (!seen) return payload.failed(returnNotFound());
    const order = await lockOrder(tx, seen.orderId, store);
    if (!order || !canFulfilOrder(context.caller, order)) return payload.failed(returnNotFound());
    // read again under the order's lock: another step may have moved it before we held it
    const found = (await tx.manager.getRepository(Return).findOneBy({ id: seen.id, storeId: order.storeId }))!;
    const who = { actor: actorOf(context.caller), audit: auditActorOf(context.caller, order.storeId) };
    try {
      return await tx.savepoint((inner) => step(inner, order, found, who));
    } catch (error) {
      if (error instanceof OrderChangeRefused) return payload.failed(...error.userErrors);
      throw error;
    }
  });
}
