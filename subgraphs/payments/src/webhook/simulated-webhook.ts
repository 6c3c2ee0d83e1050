import { inScope, isUuid, PLATFORM_SCOPE, type SubgraphRuntime } from '@ultramarket/kit';
import { Payment } from '../payment/payment.entity';
import { settlePayment } from '../payment/settle-payment';
import type { SimulatedWebhookListener } from '../provider/simulated-provider';

/**
 * The simulated provider's webhook, applied like Stripe's (`reconcile-payment-intent.ts`): the payment is
 * found across stores (a read only), then settled by `settlePayment` in its own store's scope, so a late,
 * repeated or overtaken report changes nothing.
 */
export function simulatedWebhookListener(runtime: SubgraphRuntime): SimulatedWebhookListener {
  return async (paymentId, outcome) => {
    if (!isUuid(paymentId)) return;
    const found = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) => manager.getRepository(Payment).findOneBy({ id: paymentId }));
    if (!found) return;
    await runtime.unitOfWork
      .forScope(found.storeId)
      .run({ correlationId: paymentId, causationId: null }, (tx) => settlePayment(tx, found.id, found.storeId, outcome));
    runtime.logger.info({ paymentId, status: outcome.status }, 'simulated provider webhook applied');
  };
}
