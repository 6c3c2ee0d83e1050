import type { EventHandler, EventActor } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { orderIdOf, storeIdOf } from '../order/order-read-model.handlers';
import { voidOrderAuthorization } from './void-authorization';

interface OrderCancelled {
  orderId: string;
  reason: string | null;
  actor?: EventActor;
}

/** orders.cancelled: an authorized order's hold is released (payments.voided); what was captured before stays taken. */
export function voidOnCancelled(provider: PaymentProvider): EventHandler<OrderCancelled> {
  return {
    name: 'payments-void-on-cancelled',
    eventType: 'orders.cancelled',
    async handle(event, tx, logger) {
      const order = { orderId: orderIdOf(event.aggregateId, event.data), storeId: storeIdOf(event) };
      await voidOrderAuthorization(tx, provider, order, `order cancelled (${event.data.reason ?? 'no reason given'})`, event.data.actor ?? null, logger);
    },
  };
}
