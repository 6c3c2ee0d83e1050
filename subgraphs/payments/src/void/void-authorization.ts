import type { Logger, Tx, EventActor } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { Payment } from '../payment/payment.entity';
import { OPEN_AUTHORIZATION, PaymentStatus } from '../payment/payment-status';
import { PaymentTransaction } from '../payment/payment-transaction.entity';
import { PaymentTransactionStatus, PaymentTransactionType } from '../payment/payment-transaction-kind';
import { PaymentEvents, voidedData } from '../payment/payment.events';
import { voidKeyOf } from '../payment/provider-keys';

/**
 * Releases what is left of an open authorization (the payment row-locked by the caller): the provider's void,
 * a VOID transaction for the released amount, the payment VOIDED, payments.voided. What was captured before
 * stays taken (capturedAmount). A payment that is no open authorization is left as it is (null): voiding is
 * what cancellation and expiry ask for, and a payment captured or voided already needs nothing more.
 */
export async function voidAuthorization(tx: Tx, provider: PaymentProvider, payment: Payment, reason: string, actor: EventActor): Promise<Payment | null> {
  if (!OPEN_AUTHORIZATION.includes(payment.status) || !payment.providerReference) return null;
  await provider.void({ paymentId: payment.id, orderId: payment.orderId, providerReference: payment.providerReference, idempotencyKey: voidKeyOf(payment.id) });
  return recordVoid(tx, payment, reason, actor);
}

/** The void written (after the provider voided, or reported it voided by webhook): VOID transaction, VOIDED, payments.voided. */
export async function recordVoid(tx: Tx, payment: Payment, reason: string, actor: EventActor): Promise<Payment> {
  const released = payment.amountMinorUnits - payment.capturedMinorUnits;
  const transactions = tx.manager.getRepository(PaymentTransaction);
  await transactions.save(
    transactions.create({
      paymentId: payment.id,
      storeId: payment.storeId,
      type: PaymentTransactionType.VOID,
      status: PaymentTransactionStatus.SUCCEEDED,
      amountMinorUnits: released,
      currencyCode: payment.currencyCode,
      providerReference: payment.providerReference,
      idempotencyKey: null,
      errorCode: null,
      errorMessage: reason.slice(0, 1000),
    }),
  );
  payment.status = PaymentStatus.VOIDED;
  const saved = await tx.manager.getRepository(Payment).save(payment);
  await tx.emit({ type: PaymentEvents.voided, storeId: saved.storeId, aggregateId: saved.orderId, data: voidedData(saved, released, reason, actor) });
  return saved;
}

/** The order's open authorization, row-locked, if it has one. */
export function lockOpenAuthorization(tx: Tx, orderId: string, storeId: string): Promise<Payment | null> {
  return tx.manager
    .getRepository(Payment)
    .createQueryBuilder('p')
    .setLock('pessimistic_write')
    .where('p.order_id = :orderId AND p.store_id = :storeId AND p.status IN (:...open)', { orderId, storeId, open: OPEN_AUTHORIZATION })
    .getOne();
}

/** Voids the order's open authorization, if any (cancellation, stock gone). */
export async function voidOrderAuthorization(
  tx: Tx,
  provider: PaymentProvider,
  order: { orderId: string; storeId: string },
  reason: string,
  actor: EventActor,
  logger: Logger,
): Promise<Payment | null> {
  const payment = await lockOpenAuthorization(tx, order.orderId, order.storeId);
  if (!payment) return null;
  const voided = await voidAuthorization(tx, provider, payment, reason, actor);
  logger.info({ orderId: order.orderId, paymentId: payment.id, reason }, 'authorization voided');
  return voided;
}
