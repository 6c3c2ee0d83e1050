import { UserError, type Tx, type EventActor } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { OrderLineItem } from '../order/order-line-item.entity';
import { Refund } from './refund.entity';
import { RefundLine } from './refund-line.entity';
import { RefundStatus } from './refund-status';
import { capturedAmount, computeRefund, type RefundRequest } from './refund-amounts';
import { refundedSoFar } from './refund-ledger';
import { refundRequestedData, RefundEvents } from './refund.events';

/** A refund to make on a locked order: what to give back, why, and who asks. */
export interface RefundSpec extends RefundRequest {
  reason: string;
  note: string | null;
  idempotencyKey: string | null;
  actor: EventActor;
}

export type CreatedRefund = { refund: Refund; userErrors: [] } | { refund: null; userErrors: UserError[] };

/**
 * Records a refund of an order the caller has locked (`lockOrder`) inside the caller's transaction, and
 * asks payments for the money (orders.refund-requested). This is the one place refunds are made: staff's
 * refundOrder, a paid order's cancellation, and later returns call it. Guarantees: nothing is written
 * unless the whole refund is allowed (lines of the order, units not refunded before, shipping and amount
 * within what is left of the captured money counting PENDING refunds); the same idempotency key on the
 * same order answers the refund it made.
 */
export async function createRefund(tx: Tx, order: Order, spec: RefundSpec): Promise<CreatedRefund> {
  const refunds = tx.manager.getRepository(Refund);
  if (spec.idempotencyKey) {
    const made = await refunds.findOneBy({ orderId: order.id, storeId: order.storeId, idempotencyKey: spec.idempotencyKey });
    if (made) return { refund: made, userErrors: [] };
  }
  const captured = capturedAmount(order);
  if (captured === 0)
    return { refund: null, userErrors: [UserError.of('ORDER_NOT_PAID', 'The order has no captured payment to refund', ['input', 'orderId'])] };
  const orderLines = await tx.manager.getRepository(OrderLineItem).findBy({ orderId: order.id, storeId: order.storeId });
  const soFar = await refundedSoFar(tx, order.id, order.storeId);
  const computed = computeRefund(order, orderLines, spec, soFar, captured - soFar.amount);
  if (Array.isArray(computed)) return { refund: null, userErrors: computed };

  const refund = await refunds.save(
    refunds.create({
      storeId: order.storeId,
      orderId: order.id,
      status: RefundStatus.PENDING,
      amountMinorUnits: computed.amount,
      shippingAmount: computed.shippingAmount,
      currencyCode: order.currencyCode,
      reason: spec.reason,
      note: spec.note,
      idempotencyKey: spec.idempotencyKey,
      failureReason: null,
      attempts: 1,
      requestedBy: spec.actor?.userId ?? null,
    }),
  );
  const lineRepository = tx.manager.getRepository(RefundLine);
  const lines = await lineRepository.save(
    computed.lines.map((line) =>
      lineRepository.create({
        storeId: order.storeId,
        refundId: refund.id,
        lineItemId: line.lineItemId,
        quantity: line.quantity,
        amount: line.amount,
        restock: line.restock,
        locationId: line.restock ? line.locationId : null,
      }),
    ),
  );
  await tx.emit({
    type: RefundEvents.requested,
    storeId: order.storeId,
    aggregateId: order.id,
    data: refundRequestedData(order, refund, lines, orderLines, spec.actor),
  });
  return { refund, userErrors: [] };
}
