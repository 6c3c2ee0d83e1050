import { actorOf, managesStore, readReturnWindowDays, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { OrderLineItem } from '../order/order-line-item.entity';
import { OrderStatus } from '../order/order-status';
import { lockOrder } from '../order/order-transitions';
import { staffChangeRefusal } from '../order/staff-store-status';
import { auditActorOf } from '../audit/record-order-audit';
import { announceReturn } from './move-return';
import { Return } from './return.entity';
import { ReturnLine } from './return-line.entity';
import { ReturnStatus } from './return-status';
import { returnableUnits } from './returnable-units';
import { RequestReturnPayload } from './return.payloads';
import type { RequestReturnInput } from './return.inputs';

const DAY_MS = 86_400_000;

/** Orders nothing can be returned from: their money is all back already. */
const CLOSED_FOR_RETURNS: readonly OrderStatus[] = [OrderStatus.CANCELLED, OrderStatus.REFUNDED];

/** Why the lines asked for cannot be returned (every reason, each at its field), or none. */
async function refusals(tx: Tx, order: Order, input: RequestReturnInput, now: Date): Promise<UserError[]> {
  if (CLOSED_FOR_RETURNS.includes(order.status))
    return [UserError.of('INVALID_TRANSITION', `Nothing of a ${order.status} order can be returned`, ['input', 'orderId'])];
  const windowDays = await readReturnWindowDays(tx.manager, order.storeId);
  if (windowDays === 0) return [UserError.of('RETURNS_DISABLED', 'This store takes no returns', ['input', 'orderId'])];
  const lines = await tx.manager.getRepository(OrderLineItem).findBy({ orderId: order.id, storeId: order.storeId });
  const units = await returnableUnits(tx, order, lines);
  const asked = new Map<string, number>();
  const errors: UserError[] = [];
  input.lines.forEach((requested, index) => {
    const field = ['input', 'lines', String(index)];
    const line = units.get(requested.lineItemId);
    if (!line) return errors.push(UserError.of('LINE_NOT_IN_ORDER', 'The order has no such line', [...field, 'lineItemId']));
    if (line.delivered === 0 || !line.lastDeliveredAt)
      return errors.push(UserError.of('LINE_NOT_DELIVERED', 'No unit of this line was delivered yet', [...field, 'lineItemId']));
    if (now.getTime() > line.lastDeliveredAt.getTime() + windowDays * DAY_MS) {
      return errors.push(UserError.of('RETURN_WINDOW_CLOSED', `Returns are taken up to ${windowDays} days after delivery`, [...field, 'lineItemId']));
    }
    const left = line.delivered - line.taken - (asked.get(requested.lineItemId) ?? 0);
    if (requested.quantity > left) {
      return errors.push(
        UserError.of('RETURN_QUANTITY_EXCEEDED', `Only ${Math.max(0, left)} delivered units of this line are left to return`, [...field, 'quantity']),
      );
    }
    asked.set(requested.lineItemId, (asked.get(requested.lineItemId) ?? 0) + requested.quantity);
  });
  return errors;
}

/**
 * Opens a return of delivered units of an order, REQUESTED: by the order's shopper (signed in) or its store's staff.
 * Under the order's lock, every line must be the order's (LINE_NOT_IN_ORDER), delivered (LINE_NOT_DELIVERED), within
 * the store's return window counted from its last delivery (RETURN_WINDOW_CLOSED; RETURNS_DISABLED when the window
 * is 0), and at most its delivered units less those refunded or in other returns (RETURN_QUANTITY_EXCEEDED). Any
 * refusal writes nothing. Publishes orders.return-updated and records the step in the order's audit trail.
 */
export async function requestReturn(context: SubgraphContext, input: RequestReturnInput): Promise<RequestReturnPayload> {
  const { caller } = context;
  if (caller.storeId) {
    const refused = await staffChangeRefusal(context, caller.storeId);
    if (refused) return RequestReturnPayload.failed(refused);
  }
  const store = context.storeDb.whereStore();
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const order = await lockOrder(tx, input.orderId, store);
    const mayAsk = order && (managesStore(caller, order.storeId) || (order.customerId !== null && caller.userId === order.customerId));
    if (!order || !mayAsk) return RequestReturnPayload.failed(UserError.of('NOT_FOUND', 'No such order', ['input', 'orderId']));
    const errors = await refusals(tx, order, input, new Date());
    if (errors.length > 0) return RequestReturnPayload.failed(...errors);

    const returns = tx.manager.getRepository(Return);
    const created = await returns.save(
      returns.create({
        storeId: order.storeId,
        orderId: order.id,
        status: ReturnStatus.REQUESTED,
        customerNote: input.customerNote ?? null,
        rejectReason: null,
        refundId: null,
        version: 1,
        requestedBy: caller.userId,
      }),
    );
    const lineRepository = tx.manager.getRepository(ReturnLine);
    await lineRepository.save(
      input.lines.map((line) =>
        lineRepository.create({
          storeId: order.storeId,
          returnId: created.id,
          lineItemId: line.lineItemId,
          quantity: line.quantity,
          reason: line.reason,
          note: line.note ?? null,
          restock: null,
          locationId: null,
        }),
      ),
    );
    const units = input.lines.reduce((sum, line) => sum + line.quantity, 0);
    await announceReturn(
      tx,
      order,
      created,
      null,
      { actor: actorOf(caller), audit: auditActorOf(caller, order.storeId) },
      `Return of ${units} unit(s) requested`,
    );
    return RequestReturnPayload.ok(created);
  });
}
