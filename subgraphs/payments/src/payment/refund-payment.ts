import type { Logger, Tx } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { Payment } from './payment.entity';
import { PaymentStatus } from './payment-status';
import { PaymentTransaction } from './payment-transaction.entity';
import { PaymentTransactionStatus, PaymentTransactionType } from './payment-transaction-kind';
import { PaymentEvents, refundedData } from './payment.events';
import { refundKeyOf } from './provider-keys';
import { MANUAL_PROVIDER } from '../manual-method/manual-method-kind';

/**
 * Gives back the money of an order's succeeded payment: a REFUND transaction, status REFUNDED,
 * payments.refunded. The provider is called inside the caller's transaction with the payment's
 * refund key, so if the transaction fails after the provider refunded, the retry refunds nothing more.
 */
export async function refundOrderPayment(
  tx: Tx,
  provider: PaymentProvider,
  order: { orderId: string; storeId: string },
  reason: string,
  logger: Logger,
): Promise<Payment | null> {
  const { orderId, storeId } = order;
  const payments = tx.manager.getRepository(Payment);
  const payment = await payments.findOne({ where: { orderId, storeId, status: PaymentStatus.SUCCEEDED }, lock: { mode: 'pessimistic_write' } });
  if (!payment) {
    logger.info({ orderId }, 'no succeeded payment to refund');
    return null;
  }
  if (!payment.providerReference) throw new Error(`payment ${payment.id} succeeded without a provider reference`);
  // a manual payment's money came outside any provider: staff give it back the same way; the REFUND records that it is owed
  const refund =
    payment.provider === MANUAL_PROVIDER
      ? { providerReference: null }
      : await provider.refund({
          paymentId: payment.id,
          orderId,
          providerReference: payment.providerReference,
          // of an authorization only what was captured was taken
          amount: refundedData(payment, reason).amount,
          reason,
          idempotencyKey: refundKeyOf(payment.id),
        });
  const transactions = tx.manager.getRepository(PaymentTransaction);
  await transactions.save(
    transactions.create({
      paymentId: payment.id,
      storeId,
      type: PaymentTransactionType.REFUND,
      status: PaymentTransactionStatus.SUCCEEDED,
      amountMinorUnits: refundedData(payment, reason).amount.amount,
      currencyCode: payment.currencyCode,
      providerReference: refund.providerReference,
      errorCode: null,
      errorMessage: null,
    }),
  );
  payment.status = PaymentStatus.REFUNDED;
  const saved = await payments.save(payment);
  await tx.emit({ type: PaymentEvents.refunded, storeId: saved.storeId, aggregateId: orderId, data: refundedData(saved, reason) });
  logger.info({ orderId, paymentId: saved.id }, 'payment refunded');
  return saved;
}
