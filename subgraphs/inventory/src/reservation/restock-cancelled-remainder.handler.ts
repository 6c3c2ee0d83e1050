import { isUuid, PermanentEventError, type EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { putBackCommitted } from './put-back-committed';

interface RemainderCancelledData {
  orderId: string;
  lines: { variantId: string; quantity: number }[];
}

/**
 * orders.remainder-cancelled → the units a partly shipped order will no longer ship were sold at payment (on hand
 * went down); they go back on hand, and so to available, at the locations the order's reservation took them from.
 * Once per event (the consumer records it): an order's remainder is cancelled once. An order whose reservation was
 * never committed has no sold units to give back and changes nothing.
 */
export const restockCancelledRemainder: EventHandler<RemainderCancelledData> = {
  name: 'inventory-restock-cancelled-remainder',
  eventType: 'orders.remainder-cancelled',
  async handle(event, tx) {
    const storeId = storeOfEvent(event);
    const { orderId, lines } = event.data;
    if (!isUuid(orderId) || !Array.isArray(lines)) throw new PermanentEventError(`${event.type} ${event.id} names no order or lines`);
    await putBackCommitted(tx, storeId, orderId, lines, 'order remainder cancelled');
  },
};
