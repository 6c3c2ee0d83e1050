import { PermanentEventError, type EventHandler, type EventActor } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { orderIdOf, storeIdOf } from '../order/order-read-model.handlers';
import { lockOpenAuthorization, voidAuthorization } from '../void/void-authorization';
import { captureAuthorization } from './capture-authorization';

/** What payments reads of orders.fulfilment-recorded (the issue 15 contract; orders produces it). */
interface FulfilmentRecorded {
  orderId: string;
  shipmentId: string;
  /** The shipped lines' share of the order total; the shares of all shipments add up to the total. */
  value: { amount: number; currencyCode: string };
  orderFullyFulfilled: boolean;
  actor?: EventActor;
}

/**
 * orders.fulfilment-recorded: a shipment of an authorized order captures its share (`value`, capped at what is
 * still held), and the shipment that fulfils the order is the final capture, releasing anything left. The
 * capture is named by the shipment (`fulfilment-<shipmentId>`), so a redelivered event captures nothing more.
 * An order without an open authorization (paid by a sale, captured in full by staff, voided) needs nothing.
 * A capture the provider refuses (the authorization expired) can never succeed: it goes to the dead letters for operators.
 */
export function captureOnFulfilment(provider: PaymentProvider): EventHandler<FulfilmentRecorded> {
  return {
    name: 'payments-capture-on-fulfilment',
    eventType: 'orders.fulfilment-recorded',
    async handle(event, tx, logger) {
      const { data } = event;
      const orderId = orderIdOf(event.aggregateId, data);
      if (typeof data.shipmentId !== 'string' || !Number.isSafeInteger(data.value?.amount) || data.value.amount < 0) {
        throw new PermanentEventError('orders.fulfilment-recorded without a shipmentId and a valid value');
      }
      const payment = await lockOpenAuthorization(tx, orderId, storeIdOf(event));
      if (!payment) {
        logger.info({ orderId, shipmentId: data.shipmentId }, 'fulfilment recorded; no open authorization to capture');
        return;
      }
      if (data.value.currencyCode !== payment.currencyCode) {
        throw new PermanentEventError(`fulfilment value in ${data.value.currencyCode}, payment in ${payment.currencyCode}`);
      }
      const actor = data.actor ?? null;
      const amount = Math.min(data.value.amount, payment.amountMinorUnits - payment.capturedMinorUnits);
      if (amount === 0) {
        // nothing of this shipment is left to take; the order's last shipment releases the rest of the hold
        if (data.orderFullyFulfilled) await voidAuthorization(tx, provider, payment, 'order fulfilled; the rest of the authorization released', actor);
        return;
      }
      const result = await captureAuthorization(tx, provider, {
        payment,
        amount,
        final: data.orderFullyFulfilled,
        idempotencyKey: `fulfilment-${data.shipmentId}`,
        actor,
      });
      if ('error' in result) throw new PermanentEventError(`capture on fulfilment refused: ${result.error.message}`);
      logger.info({ orderId, paymentId: payment.id, shipmentId: data.shipmentId, captured: result.captured }, 'captured on fulfilment');
    },
  };
}
