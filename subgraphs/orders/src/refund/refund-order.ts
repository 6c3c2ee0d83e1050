import { traceOf, type SubgraphContext, actorOf } from '@ultramarket/kit';
import { lockOrder } from '../order/order-transitions';
import { canFulfilOrder } from '../order/order-access';
import { staffChangeRefusal } from '../order/staff-store-status';
import { createRefund } from './create-refund';
import { RefundOrderPayload } from './refund.payloads';
import type { RefundOrderInput } from './refund.inputs';
import { refundNotFound } from './refund-errors';

/**
 * Staff's refund of an order of their store. The order is locked for the whole check-and-write, so two
 * refunds at once are serialised: the second sees the first as PENDING and can never take the total past
 * what was captured.
 */
export async function refundOrder(context: SubgraphContext, input: RefundOrderInput): Promise<RefundOrderPayload> {
  if (context.caller.storeId) {
    const refused = await staffChangeRefusal(context, context.caller.storeId);
    if (refused) return RefundOrderPayload.failed(refused);
  }
  const store = context.storeDb.whereStore();
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const order = await lockOrder(tx, input.orderId, store);
    if (!order || !canFulfilOrder(context.caller, order)) return RefundOrderPayload.failed(refundNotFound(['input', 'orderId']));
    const made = await createRefund(tx, order, {
      lines: (input.lines ?? []).map((line) => ({
        lineItemId: line.lineItemId,
        quantity: line.quantity,
        restock: line.restock ?? false,
        locationId: line.locationId ?? null,
      })),
      shipping: input.shipping ? { full: input.shipping.fullRefund ?? false, amount: input.shipping.amount ?? null } : null,
      amount: input.amount ?? null,
      reason: input.reason,
      note: input.note ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      actor: actorOf(context.caller),
    });
    // createRefund writes nothing before it has checked everything
    if (!made.refund) return RefundOrderPayload.failed(...made.userErrors);
    return RefundOrderPayload.ok(made.refund, order);
  });
}
