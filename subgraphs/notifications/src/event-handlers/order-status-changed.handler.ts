import type { EventHandler } from '@ultramarket/kit';
import { readOrderStatusChanged, type OrderStatus } from './consumed-events';
import { recordStatusChange } from './order-reference';
import { orderStatusNotices } from './order-status-notices';
import { tellCustomer, type HandlerOptions } from './tell-customer';

/** Tells the customer about the order statuses they care about (see `orderStatusNotices`). */
export function notifyOnOrderStatusChanged(options: HandlerOptions): EventHandler {
  return {
    name: 'notifications-order-status-changed',
    eventType: 'orders.status-changed',
    async handle(event, tx, logger) {
      const order = readOrderStatusChanged(event);
      if ((await recordStatusChange(tx, order, event.aggregateVersion)) === 'stale') {
        logger.info({ orderId: order.orderId, to: order.to }, 'a later status change was already handled; not telling the customer about this one');
        return;
      }
      const notice = orderStatusNotices[order.to as OrderStatus];
      if (notice) await tellCustomer(tx, event, options, order, notice(order));
    },
  };
}
