import { PermanentEventError, type EventHandler } from '@ultramarket/kit';

interface ProductEventData {
  productId: string;
  title: string;
  status: string;
  price: { amount: number; currencyCode: string };
}

function keepSnapshot(name: string, eventType: string): EventHandler<ProductEventData> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      const { productId, title, status, price } = event.data;
      if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
      if (!Number.isSafeInteger(price?.amount) || price.amount < 0) throw new PermanentEventError(`${event.type} ${event.id} has no valid price`);
      // events of one product may arrive out of order across the two consumers: the higher version wins
      await tx.manager.query(
        `INSERT INTO product_snapshot (product_id, store_id, title, status, price_amount, currency_code, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (product_id) DO UPDATE SET title = EXCLUDED.title, status = EXCLUDED.status,
           price_amount = EXCLUDED.price_amount, currency_code = EXCLUDED.currency_code, version = EXCLUDED.version
         WHERE product_snapshot.version < EXCLUDED.version AND product_snapshot.store_id = EXCLUDED.store_id`,
        [productId, event.storeId, title, status, price.amount, price.currencyCode, event.aggregateVersion],
      );
    },
  };
}

export const productSnapshotHandlers = [
  keepSnapshot('orders-product-created', 'catalog.product-created'),
  keepSnapshot('orders-product-updated', 'catalog.product-updated'),
];
