import { UserError, type SubgraphContext } from '@ultramarket/kit';
import { OrderChangeRefused } from '../order/order-commands';
import { createRefund } from '../refund/create-refund';
import { Refund } from '../refund/refund.entity';
import { changeReturn } from './change-return';
import { announceReturn, invalidReturnStep } from './move-return';
import { withRestockChoices } from './receive-return';
import { Return } from './return.entity';
import { ReturnLine } from './return-line.entity';
import { ReturnStatus } from './return-status';
import { RefundReturnPayload } from './return.payloads';
import type { RefundReturnInput } from './return.inputs';

/**
 * Staff refund a RECEIVED return through `createRefund` (the one place refunds are made): its lines' share, each
 * line restocked or not as chosen now or on receiving (no restock when never chosen), shipping or an amount
 * adjusted. The return stays RECEIVED with its refund PENDING, and becomes REFUNDED when payments says the money went
 * back (`returnRefundSucceeded`); a FAILED refund shows on `Return.refund` and is retried with retryRefund. A return
 * already refunded or being refunded, or in any other status, is INVALID_TRANSITION (the same idempotency key
 * answers the refund it made); the refund's own refusals (REFUND_QUANTITY_EXCEEDED, …) come back as they are.
 * Nothing is written unless the whole refund is.
 */
export function refundReturn(context: SubgraphContext, input: RefundReturnInput): Promise<RefundReturnPayload> {
  const answer = (found: Return, refund: Refund | null): RefundReturnPayload => Object.assign(RefundReturnPayload.ok(found), { refund });
  const payload = {
    ok: (found: Return) => answer(found, null),
    failed: (...errors: UserError[]): RefundReturnPayload => Object.assign(RefundReturnPayload.failed(...errors), { refund: null }),
  };
  return changeReturn<RefundReturnPayload>(context, input.returnId, payload, async (tx, order, found, who) => {
    if (found.refundId) {
      const made = await tx.manager.getRepository(Refund).findOneBy({ id: found.refundId, storeId: order.storeId });
      if (input.idempotencyKey && made?.idempotencyKey === input.idempotencyKey) return answer(found, made);
      throw new OrderChangeRefused(
        UserError.of('INVALID_TRANSITION', 'This return’s refund was already asked for (retry a FAILED one with retryRefund)', ['input', 'returnId']),
      );
    }
    if (found.status !== ReturnStatus.RECEIVED) throw new OrderChangeRefused(invalidReturnStep(found.status, ReturnStatus.REFUNDED));
    // the key used before by another refund of the order (refundOrder, another return) would answer that refund: never ours to take
    if (
      input.idempotencyKey &&
      (await tx.manager.getRepository(Refund).findOneBy({ orderId: order.id, storeId: order.storeId, idempotencyKey: input.idempotencyKey }))
    ) {
      throw new OrderChangeRefused(
        UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another refund of the order', ['input', 'idempotencyKey']),
      );
    }
    const lines = await withRestockChoices(tx, found.id, order.storeId, input.lines ?? []);
    const made = await createRefund(tx, order, {
      lines: lines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity, restock: line.restock ?? false, locationId: line.locationId })),
      shipping: input.shipping ? { full: input.shipping.fullRefund ?? false, amount: input.shipping.amount ?? null } : null,
      amount: input.amount ?? null,
      reason: `Return ${found.id}`,
      note: input.note ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      actor: who.actor,
    });
    if (!made.refund) throw new OrderChangeRefused(...made.userErrors);
    await tx.manager.getRepository(ReturnLine).save(lines);
    found.refundId = made.refund.id;
    found.refundRequestedBy = who.actor?.userId ?? null;
    found.version += 1;
    const saved = await tx.manager.getRepository(Return).save(found);
    await announceReturn(tx, order, saved, saved.status, who, `Refund of the return asked for (${made.refund.id})`);
    return answer(saved, made.refund);
  });
}
