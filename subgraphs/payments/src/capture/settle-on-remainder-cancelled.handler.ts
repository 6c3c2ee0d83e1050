import { PermanentEventError, type EventHandler, type EventActor } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { orderIdOf, storeIdOf } from '../order/order-read-model.handlers';
import { lockOpenAuthorization, voidAuthorization } from '../void/void-authorization';
import { captureAuthorization } from './capture-authorization';

/** What payments reads of orders.remainder-cancelled. */
interface RemainderCancelled {
  orderId: string;
  /** What the shipped units are worth: the order total less the cancelled remainder's value. */
  shippedValue: { amount: number; currencyCode: string };
  actor?: EventActor;
}

/**
 * orders.remainder-cancelled: the order will ship nothing more, so its open authorization is settled now. What the
 * shipped units are worth and is not captured yet (a shipment whose own capture is still on its way, whose capture
 * then finds nothing open) is taken as the final capture, which releases the rest; with nothing left to take the hold
 * is voided. The capture is named by the order (`remainder-<orderId>`), so a redelivered event takes nothing more. An
 * order without an open authorization (a sale, captured in full, voided) needs nothing.
 */
export function settleOnRemainderCancelled(provider: PaymentProvider): EventHandler<RemainderCancelled> {
  return {
    name: 'payments-settle-on-remainder-cancelled',
    eventType: 'orders.remainder-cancelled',
    async handle(event, tx, logger) {
      const { data } = event;
      const orderId = orderIdOf(event.aggregateId, data);
      if (!Number.isSafeInteger(data.shippedValue?.amount) || data.shippedValue.amount < 0) {
        throw new PermanentEventError('orders.remainder-cancelled without a valid shippedValue');
      }
      const payment = await lockOpenAuthorization(tx, orderId, storeIdOf(event));
      if (!payment) return;
      const actor = data.actor ?? null;
      const owed = Math.min(Math.max(0, data.shippedValue.amount - payment.capturedMinorUnits), payment.amountMinorUnits - payment.capturedMinorUnits);
      if (owed === 0) {
        await voidAuthorization(tx, provider, payment, 'the unshipped remainder was cancelled', actor);
        return;
      }
      const result = await captureAuthorization(tx, provider, { payment, amount: owed, final: true, idempotencyKey: `remainder-${orderId}`, actor });
      if ('error' in result) throw new PermanentEventError(`capture of the shipped units refused: ${result.error.message}`);
      logger.info({ orderId, paymentId: payment.id, captured: result.captured }, 'shipped units captured; the rest of the authorization released');
    },
  };
}
