import { PermanentEventError, type EventHandler, type EventActor } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import type { RefundRetrySettings } from '../payments.config';
import { storeIdOf } from '../order/order-read-model.handlers';
import { recordRefundRequest } from './refund-request';
import { attemptRefund } from './attempt-refund';

interface RefundRequested {
  orderId: string;
  refundId: string;
  attempt: number;
  amount: { amount: number; currencyCode: string };
  actor: EventActor;
}

/**
 * orders.refund-requested: the refund is recorded and tried at once; a failed try is left for the retry
 * job (`retryRefundsJob`), so the event is acked whatever the provider said and never dead-lettered for it.
 */
export function refundOnRequest(provider: PaymentProvider, settings: RefundRetrySettings): EventHandler<RefundRequested> {
  return {
    name: 'payments-refund-requested',
    eventType: 'orders.refund-requested',
    async handle(event, tx, logger) {
      const { data } = event;
      if (!data.refundId || !data.orderId || !Number.isSafeInteger(data.amount?.amount) || data.amount.amount <= 0) {
        throw new PermanentEventError(`orders.refund-requested ${event.id} lacks a refund id, order id or amount`);
      }
      const row = await recordRefundRequest(tx.manager, {
        refundId: data.refundId,
        storeId: storeIdOf(event),
        orderId: data.orderId,
        amount: data.amount.amount,
        currencyCode: data.amount.currencyCode,
        actor: data.actor ?? null,
        attempt: data.attempt ?? 1,
      });
      if (!row) return; // seen already: a repeat, or an older attempt than the one recorded
      await attemptRefund(tx, provider, row, settings, logger);
    },
  };
}
