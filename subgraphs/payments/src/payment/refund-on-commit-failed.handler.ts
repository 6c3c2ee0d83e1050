import type { EventHandler } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { closeOrder, orderIdOf, storeIdOf } from '../order/order-read-model.handlers';
import { voidOrderAuthorization } from '../void/void-authorization';
import { refundOrderPayment } from './refund-payment';

interface CommitFailed {
  orderId: string;
  reason: string | null;
}

/** inventory.commit-failed: the order was paid (or authorized) but its stock is gone, so the shopper gets the money back (or the hold released). */
export function refundOnCommitFailed(provider: PaymentProvider): EventHandler<CommitFailed> {
  return {
    name: 'payments-refund-on-commit-failed',
    eventType: 'inventory.commit-failed',
    async handle(event, tx, logger) {
      const orderId = orderIdOf(event.aggregateId, event.data);
      const storeId = storeIdOf(event);
      const why = event.data.reason ?? 'the stock could not be committed';
      await closeOrder(tx, orderId, storeId, `paid without stock (${why})`);
      await refundOrderPayment(tx, provider, { orderId, storeId }, `paid but the stock is gone: ${why}`, logger);
      await voidOrderAuthorization(tx, provider, { orderId, storeId }, `authorized but the stock is gone: ${why}`, null, logger);
    },
  };
}
