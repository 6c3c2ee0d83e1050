import type { EventHandler } from '@ultramarket/kit';
import { createNotification } from '../notification/create-notification';
import { notificationTexts } from '../messages/notification-texts';
import { readLowStock } from './consumed-events';

/** A store-wide STOCK notification for the store's staff when a product runs low. */
export function notifyStaffOnLowStock(): EventHandler {
  return {
    name: 'notifications-low-stock',
    eventType: 'inventory.low-stock',
    async handle(event, tx) {
      const stock = readLowStock(event);
      await createNotification(tx, event, { ...notificationTexts.lowStock(stock), userId: null, storeId: stock.storeId, orderId: null });
    },
  };
}
