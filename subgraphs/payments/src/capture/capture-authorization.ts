import type { Tx, UserError, EventActor } from '@ultramarket/kit';
import { ProviderRefusal, type PaymentProvider } from '../provider/payment-provider';
import { Payment } from '../payment/payment.entity';
import { OPEN_AUTHORIZATION, PaymentStatus } from '../payment/payment-status';
import { PaymentTransaction } from '../payment/payment-transaction.entity';
import { PaymentTransactionStatus, PaymentTransactionType } from '../payment/payment-transaction-kind';
import { capturedData, PaymentEvents } from '../payment/payment.events';
import { captureKeyOf } from '../payment/provider-keys';
import { CaptureErrors } from './capture-errors';

export interface CaptureAsk {
  /** The payment, locked by the caller (`lockPayment`). */
  payment: Payment;
  /** What to take, in the payment's minor units; null takes whatever is still held. */
  amount: number | null;
  /** The last capture: the rest of the authorization is released. Taking all that is left is always the last. */
  final: boolean;
  /** Asked twice with the same key, the capture is made once (the second answer is the first's payment). */
  idempotencyKey: string;
  actor: EventActor;
}

export type CaptureResult = { payment: Payment; captured: number } | { payment: Payment; error: UserError };

/** The payment of `storeId`, row-locked for the rest of the transaction: captures and voids of one payment run one at a time. */
export function lockPayment(tx: Tx, where: { id: string; storeId: string }): Promise<Payment | null> {
  return tx.manager.getRepository(Payment).findOne({ where, lock: { mode: 'pessimistic_write' } });
}

/**
 * Takes (part of) an open authorization: the provider's capture (its idempotency key derived from ours, so a
 * transaction that fails after the provider captured captures nothing more on retry), a CAPTURE transaction,
 * the payment PARTIALLY_CAPTURED or, once closed, SUCCEEDED, and payments.captured. Refused, it writes nothing:
 * INVALID_TRANSITION for a payment that is not an open authorization, CAPTURE_EXCEEDS_AUTHORIZED for more
 * than is held, CAPTURE_REFUSED when the provider says no (an expired authorization). The caller holds the
 * payment's row lock, so concurrent captures are serialised and never take more than was authorized.
 */
export async function captureAuthorization(tx: Tx, provider: PaymentProvider, ask: CaptureAsk): Promise<CaptureResult> {
  const { payment } = ask;
  const transactions = tx.manager.getRepository(PaymentTransaction);
  const earlier = await transactions.findOneBy({
    paymentId: payment.id,
    storeId: payment.storeId,
    type: PaymentTransactionType.CAPTURE,
    idempotencyKey: ask.idempotencyKey,
  });
  if (earlier) return { payment, captured: earlier.amountMinorUnits };
  if (!OPEN_AUTHORIZATION.includes(payment.status) || !payment.providerReference) return { payment, error: CaptureErrors.notCapturable(payment.status) };
  const capturable = payment.amountMinorUnits - payment.capturedMinorUnits;
  const amount = ask.amount ?? capturable;
  if (amount > capturable) return { payment, error: CaptureErrors.exceedsAuthorized(amount, capturable) };

  let closed: boolean;
  let providerReference: string;
  try {
    const outcome = await provider.capture({
      paymentId: payment.id,
      orderId: payment.orderId,
      providerReference: payment.providerReference,
      amount: { amount, currencyCode: payment.currencyCode },
      final: ask.final || amount === capturable,
      idempotencyKey: captureKeyOf(payment.id, ask.idempotencyKey),
    });
    ({ closed, providerReference } = outcome);
  } catch (error) {
    if (error instanceof ProviderRefusal) return { payment, error: CaptureErrors.refused(error.message) };
    throw error;
  }
  const capture = await transactions.save(
    transactions.create({
      paymentId: payment.id,
      storeId: payment.storeId,
      type: PaymentTransactionType.CAPTURE,
      status: PaymentTransactionStatus.SUCCEEDED,
      amountMinorUnits: amount,
      currencyCode: payment.currencyCode,
      providerReference,
      idempotencyKey: ask.idempotencyKey,
      errorCode: null,
      errorMessage: null,
    }),
  );
  payment.capturedMinorUnits += amount;
  payment.status = closed ? PaymentStatus.SUCCEEDED : PaymentStatus.PARTIALLY_CAPTURED;
  const saved = await tx.manager.getRepository(Payment).save(payment);
  await tx.emit({
    type: PaymentEvents.captured,
    storeId: saved.storeId,
    aggregateId: saved.orderId,
    data: capturedData(saved, capture.id, amount, closed, ask.actor),
  });
  return { payment: saved, captured: amount };
}
