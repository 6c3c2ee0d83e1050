import { managesStore, traceOf, UserError, type SubgraphContext, type Tx, actorOf } from '@ultramarket/kit';
import type { Order } from './order.entity';
import { CANCELLABLE, OrderStatus } from './order-status';
import { InvalidTransition, lockOrder, transition } from './order-transitions';
import { CancelOrderPayload, CompleteOrderPayload, type OrderPayload } from './order.payloads';
import type { CancelOrderInput, CompleteOrderInput } from './order.inputs';
import { canCancelOrder, canFulfilOrder } from './order-access';
import { OrderCancelReason } from './cancel-reason';
import { staffChangeRefusal } from './staff-store-status';
import { auditActorOf, recordOrderAudit } from '../audit/record-order-audit';
import { OrderAuditAction } from '../audit/order-audit-action';
import { cancelPaidOrder, PAID_CANCELLABLE } from '../refund/cancel-paid-order';
import { capturedAmount } from '../refund/refund-amounts';
import { cancelRemainder } from '../fulfilment/cancel-remainder';

type PayloadClass<T extends OrderPayload> = { ok(order: Order): T; failed(...errors: UserError[]): T };

/** A change refused under the order's lock, before it wrote anything (a rule, or a refund the refund rules refused): answered as its userErrors. */
export class OrderChangeRefused extends Error {
  readonly userErrors: UserError[];

  constructor(...userErrors: UserError[]) {
    super(userErrors.map((error) => error.message).join('; '));
    this.userErrors = userErrors;
  }
}

const notFound = () => UserError.of('NOT_FOUND', 'No such order', ['input', 'orderId']);
const invalid = (error: InvalidTransition) => UserError.of('INVALID_TRANSITION', error.message, ['input', 'orderId']);

/**
 * Locks the order (in the caller's store only), checks the caller may act on it, applies `change`; an
 * impossible change is a userError, never a no-op. The staff of a suspended or closed store change nothing.
 */
export async function changeOrder<T extends OrderPayload>(
  context: SubgraphContext,
  orderId: string,
  payload: PayloadClass<T>,
  allowed: (order: Order) => boolean,
  change: (tx: Tx, order: Order) => Promise<Order>,
): Promise<T> {
  const store = context.storeDb.whereStore();
  if (context.caller.storeId) {
    const refused = await staffChangeRefusal(context, context.caller.storeId);
    if (refused) return payload.failed(refused);
  }
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const order = await lockOrder(tx, orderId, store);
    if (!order || !allowed(order)) return payload.failed(notFound());
    try {
      return payload.ok(await change(tx, order));
    } catch (error) {
      if (error instanceof InvalidTransition) return payload.failed(invalid(error));
      if (error instanceof OrderChangeRefused) return payload.failed(...error.userErrors);
      throw error;
    }
  });
}

/**
 * Cancels an order that is not paid yet; inventory releases its stock on orders.cancelled. The store's staff may also
 * cancel an order paid or authorized that shipped nothing (PAYMENT_SUCCESS, CONFIRMED): what was captured is refunded
 * and every unit restocked in the same step, and payments voids what is still held (`cancelPaidOrder`); and an order
 * partly shipped (PARTIALLY_FULFILLED), whose unshipped remainder is cancelled (`cancelRemainder`: the order becomes
 * FULFILLED, not CANCELLED, as Shopify cancels only what did not ship). A shopper's cancel of a paid or authorized
 * order, and any other status, is INVALID_TRANSITION. The shopper is told the reason code only; the note (`reason`)
 * stays in the history for the staff.
 */
export function cancelOrder(context: SubgraphContext, input: CancelOrderInput): Promise<CancelOrderPayload> {
  return changeOrder(
    context,
    input.orderId,
    CancelOrderPayload,
    (order) => canCancelOrder(context.caller, order),
    async (tx, order) => {
      const reasonCode = input.reasonCode ?? OrderCancelReason.OTHER;
      const why = { reason: input.reason ?? null, reasonCode };
      const staff = managesStore(context.caller, order.storeId);
      let cancelled: Order;
      let summary = input.reason ? `Cancelled (${reasonCode}): ${input.reason}` : `Cancelled (${reasonCode})`;
      // a cancellation that gives money back or releases a hold says what the payment was
      let payment = {};
      if (staff && order.status === OrderStatus.PARTIALLY_FULFILLED) {
        cancelled = await cancelRemainder(tx, order, input.reason ?? null, actorOf(context.caller));
        summary = `Unshipped remainder cancelled (${reasonCode})${input.reason ? `: ${input.reason}` : ''}`;
        payment = { paymentStatus: order.paymentStatus, captured: capturedAmount(order) };
      } else if (staff && PAID_CANCELLABLE.includes(order.status)) {
        payment = { paymentStatus: order.paymentStatus, captured: capturedAmount(order) };
        // the money taken goes back and the stock sold at payment is put back in the same step; a hold is voided on orders.cancelled
        const done = await cancelPaidOrder(tx, order, why, actorOf(context.caller));
        if (done.refund && !done.refund.refund) throw new OrderChangeRefused(...done.refund.userErrors);
        cancelled = done.order;
      } else {
        if (!CANCELLABLE.includes(order.status)) throw new InvalidTransition(order.status, OrderStatus.CANCELLED);
        cancelled = await transition(tx, order, OrderStatus.CANCELLED, why);
      }
      await recordOrderAudit(tx, {
        orderId: order.id,
        storeId: order.storeId,
        actor: auditActorOf(context.caller, order.storeId),
        action: OrderAuditAction.ORDER_CANCELLED,
        summary,
        details: { reasonCode, reason: input.reason ?? null, ...payment },
      });
      return cancelled;
    },
  );
}

export function completeOrder(context: SubgraphContext, input: CompleteOrderInput): Promise<CompleteOrderPayload> {
  return changeOrder(
    context,
    input.orderId,
    CompleteOrderPayload,
    (order) => canFulfilOrder(context.caller, order),
    async (tx, order) => {
      const completed = await transition(tx, order, OrderStatus.COMPLETED);
      await recordOrderAudit(tx, {
        orderId: order.id,
        storeId: order.storeId,
        actor: auditActorOf(context.caller, order.storeId),
        action: OrderAuditAction.ORDER_COMPLETED,
        summary: 'Marked delivered',
      });
      return completed;
    },
  );
}
