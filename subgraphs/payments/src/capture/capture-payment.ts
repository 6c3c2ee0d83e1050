import {
  badUserInput,
  forbidden,
  hasAnyRole,
  isUuid,
  managesStore,
  notFound,
  STORE_ROLES,
  traceOf,
  type SubgraphContext,
  type Tx,
  actorOf,
} from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { Payment } from '../payment/payment.entity';
import { OPEN_AUTHORIZATION } from '../payment/payment-status';
import { captureAuthorization, lockPayment } from './capture-authorization';
import type { CapturePaymentInput } from './capture-payment.inputs';
import { CapturePaymentPayload } from './capture-payment.payload';

/**
 * Staff capture (part of) an authorized payment: `amount`, or all that is still held as the final capture.
 * Only the store's staff (and platform admins); a payment or order of another store is NOT_FOUND. The payment
 * is row-locked for the capture (`captureAuthorization`), so concurrent captures run one after the other.
 */
export async function capturePayment(context: SubgraphContext, provider: PaymentProvider, input: CapturePaymentInput): Promise<CapturePaymentPayload> {
  if (!hasAnyRole(context.caller, STORE_ROLES)) throw forbidden("Only the store's staff may capture payments");
  if (Boolean(input.paymentId) === Boolean(input.orderId)) {
    throw badUserInput('Give exactly one of paymentId or orderId', [{ field: ['input', 'paymentId'], message: 'give exactly one of paymentId or orderId' }]);
  }
  const result = await context.unitOfWork.run(traceOf(context), async (tx) => {
    const payment = await findPayment(tx, context, input);
    if (!payment || !managesStore(context.caller, payment.storeId)) return null;
    const locked = (await lockPayment(tx, { id: payment.id, storeId: payment.storeId })) ?? payment;
    const actor = actorOf(context.caller);
    return captureAuthorization(tx, provider, {
      payment: locked,
      amount: input.amount ?? null,
      final: input.amount === undefined,
      idempotencyKey: input.idempotencyKey,
      actor,
    });
  });
  if (!result) throw notFound(input.paymentId ? 'Payment' : 'Order', input.paymentId ?? input.orderId ?? '');
  return 'error' in result ? CapturePaymentPayload.of(result.payment, result.error) : CapturePaymentPayload.of(result.payment);
}

/** The payment named, in the caller's store: by id, or the order's open authorization (else its latest payment, to say why it cannot be captured). */
async function findPayment(tx: Tx, context: SubgraphContext, input: CapturePaymentInput): Promise<Payment | null> {
  const store = context.storeDb.whereStore();
  const payments = tx.manager.getRepository(Payment);
  if (input.paymentId) return isUuid(input.paymentId) ? payments.findOneBy({ id: input.paymentId, ...store }) : null;
  const ofOrder = await payments.find({ where: { orderId: input.orderId, ...store }, order: { createdAt: 'DESC', id: 'DESC' } });
  return ofOrder.find((payment) => OPEN_AUTHORIZATION.includes(payment.status)) ?? ofOrder[0] ?? null;
}
