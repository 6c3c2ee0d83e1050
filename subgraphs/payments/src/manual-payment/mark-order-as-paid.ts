import { acceptsStaffChanges, managesStore, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { OrderReadModel, Payability, payabilityOf } from '../order/order-read-model.entity';
import { Payment } from '../payment/payment.entity';
import { PaymentStatus } from '../payment/payment-status';
import { settlePayment } from '../payment/settle-payment';
import { MANUAL_PROVIDER } from '../manual-method/manual-method-kind';
import type { MarkOrderAsPaidInput } from './mark-order-as-paid.inputs';
import { MarkOrderAsPaidPayload } from './mark-order-as-paid.payload';

const notFound = () => UserError.of('NOT_FOUND', 'No such order', ['input', 'orderId']);
const invalid = (why: string) => UserError.of('INVALID_TRANSITION', `This order cannot be marked paid: ${why}`, ['input', 'orderId']);

/**
 * Staff confirm that an order's manual payment arrived. Under the order's read-model row lock (the one
 * processPayment takes), its PENDING manual payment is settled through `settlePayment` — the path every card
 * payment takes — so `payments.succeeded` (with the staff member as `actor`) moves the saga exactly as a card
 * would: inventory commits, orders confirms, customers and notifications follow. The same idempotency key is
 * answered again and changes nothing; a paid, expired or cancelled order is INVALID_TRANSITION and nothing is written.
 */
export async function markOrderAsPaid(context: SubgraphContext, input: MarkOrderAsPaidInput): Promise<MarkOrderAsPaidPayload> {
  const store = context.storeDb.whereStore();
  const { caller } = context;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const order = await tx.manager.getRepository(OrderReadModel).findOne({ where: { orderId: input.orderId, ...store }, lock: { mode: 'pessimistic_write' } });
    if (!order || !managesStore(caller, order.storeId)) return MarkOrderAsPaidPayload.refused(notFound());
    const status = await context.storeStatuses.of(order.storeId);
    if (!acceptsStaffChanges(status))
      return MarkOrderAsPaidPayload.refused(UserError.of('STORE_UNAVAILABLE', `This store is ${status}: nothing can be marked paid`));

    const payments = await tx.manager.getRepository(Payment).find({ where: { orderId: order.orderId, storeId: order.storeId }, order: { createdAt: 'DESC' } });
    const earlier = payments.find((payment) => payment.markedPaidKey === input.idempotencyKey);
    if (earlier) return replay(earlier, input);
    const awaited = payments.find((payment) => payment.provider === MANUAL_PROVIDER && payment.status === PaymentStatus.PENDING);
    if (!awaited) return MarkOrderAsPaidPayload.refused(invalid(whyNothingAwaits(payments)), order.orderId);
    const payability = payabilityOf(order);
    if (payability !== Payability.PAYABLE) {
      return MarkOrderAsPaidPayload.refused(invalid(payability === Payability.EXPIRED ? 'its stock reservation expired' : 'it is closed'), order.orderId);
    }
    return settle(tx, awaited, input, caller.userId);
  });
}

/** The awaited payment SUCCEEDED with the staff's reference, and who marked it with which key (the replay's answer). */
async function settle(tx: Tx, awaited: Payment, input: MarkOrderAsPaidInput, userId: string | null): Promise<MarkOrderAsPaidPayload> {
  const reference = input.reference.trim();
  const actor = userId ? { userId } : null;
  const settled = await settlePayment(tx, awaited.id, awaited.storeId, { status: 'succeeded', providerReference: reference }, actor);
  if (settled?.status !== PaymentStatus.SUCCEEDED) return MarkOrderAsPaidPayload.refused(invalid('its payment is no longer awaited'), awaited.orderId);
  await tx.manager.query(`UPDATE payment SET marked_paid_key = $3, marked_paid_by = $4 WHERE id = $1 AND store_id = $2`, [
    settled.id,
    settled.storeId,
    input.idempotencyKey,
    userId,
  ]);
  return MarkOrderAsPaidPayload.of(Object.assign(settled, { markedPaidKey: input.idempotencyKey, markedPaidBy: userId }));
}

function replay(earlier: Payment, input: MarkOrderAsPaidInput): MarkOrderAsPaidPayload {
  if (earlier.providerReference !== input.reference.trim()) {
    return MarkOrderAsPaidPayload.refused(
      UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key already marked this order paid with another reference', ['input', 'idempotencyKey']),
      earlier.orderId,
    );
  }
  return MarkOrderAsPaidPayload.of(earlier);
}

function whyNothingAwaits(payments: Payment[]): string {
  if (payments.some((payment) => payment.status === PaymentStatus.SUCCEEDED || payment.status === PaymentStatus.REFUNDED)) return 'it is already paid';
  if (payments.some((payment) => payment.provider === MANUAL_PROVIDER)) return 'its manual payment was not received before the order closed';
  return 'it awaits no manual payment';
}
