import { traceOf, UserError, type SubgraphContext, type Tx, actorOf } from '@ultramarket/kit';
import { lockOrder } from '../order/order-transitions';
import { canFulfilOrder } from '../order/order-access';
import { staffChangeRefusal } from '../order/staff-store-status';
import type { Order } from '../order/order.entity';
import { OrderLineItem } from '../order/order-line-item.entity';
import { Refund } from './refund.entity';
import { RefundLine } from './refund-line.entity';
import { RefundStatus } from './refund-status';
import { capturedAmount } from './refund-amounts';
import { refundedSoFar } from './refund-ledger';
import { refundRequestedData, RefundEvents } from './refund.events';
import { RetryRefundPayload } from './refund.payloads';
import type { RetryRefundInput } from './refund.inputs';
import { refundNotFound } from './refund-errors';

/**
 * Asks payments again for a FAILED refund (a new attempt, so a new provider idempotency key). Only a
 * FAILED refund may be retried (INVALID_TRANSITION otherwise), and only while its units and amount still
 * fit what is left of the order, other refunds made meanwhile counted.
 */
export async function retryRefund(context: SubgraphContext, input: RetryRefundInput): Promise<RetryRefundPayload> {
  if (context.caller.storeId) {
    const refused = await staffChangeRefusal(context, context.caller.storeId);
    if (refused) return RetryRefundPayload.failed(refused);
  }
  const store = context.storeDb.whereStore();
  const notFound = () => RetryRefundPayload.failed(refundNotFound(['input', 'refundId']));
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const found = await tx.manager.getRepository(Refund).findOneBy({ id: input.refundId, ...store });
    if (!found) return notFound();
    const order = await lockOrder(tx, found.orderId, store);
    if (!order || !canFulfilOrder(context.caller, order)) return notFound();
    // read again under the order lock: its status may have changed before we held it
    const refund = (await tx.manager.getRepository(Refund).findOneBy({ id: found.id, storeId: order.storeId }))!;
    if (refund.status !== RefundStatus.FAILED) {
      return RetryRefundPayload.failed(UserError.of('INVALID_TRANSITION', `A ${refund.status} refund cannot be retried`, ['input', 'refundId']));
    }
    const refused = await stillFits(tx, order, refund);
    if (refused) return RetryRefundPayload.failed(refused);
    refund.status = RefundStatus.PENDING;
    refund.attempts += 1;
    refund.failureReason = null;
    const saved = await tx.manager.getRepository(Refund).save(refund);
    const lines = await tx.manager.getRepository(RefundLine).findBy({ refundId: refund.id, storeId: order.storeId });
    const orderLines = await tx.manager.getRepository(OrderLineItem).findBy({ orderId: order.id, storeId: order.storeId });
    const actor = actorOf(context.caller);
    await tx.emit({
      type: RefundEvents.requested,
      storeId: order.storeId,
      aggregateId: order.id,
      data: refundRequestedData(order, saved, lines, orderLines, actor),
    });
    return RetryRefundPayload.ok(saved, order);
  });
}

/** Whether the refund still fits what is left of the order (other refunds may have been made since it failed). */
async function stillFits(tx: Tx, order: Order, refund: Refund): Promise<UserError | null> {
  const soFar = await refundedSoFar(tx, order.id, order.storeId);
  const left = capturedAmount(order) - soFar.amount;
  if (refund.amountMinorUnits > left)
    return UserError.of('REFUND_EXCEEDS_REFUNDABLE', `At most ${left} is left to refund on this order`, ['input', 'refundId']);
  const lines = await tx.manager.getRepository(RefundLine).findBy({ refundId: refund.id, storeId: order.storeId });
  const bought = new Map(
    (await tx.manager.getRepository(OrderLineItem).findBy({ orderId: order.id, storeId: order.storeId })).map((line) => [line.id, line.quantity]),
  );
  const over = lines.find((line) => (soFar.quantityByLine.get(line.lineItemId) ?? 0) + line.quantity > (bought.get(line.lineItemId) ?? 0));
  if (over) return UserError.of('REFUND_QUANTITY_EXCEEDED', 'Units of this refund were refunded by another refund since it failed', ['input', 'refundId']);
  return null;
}
