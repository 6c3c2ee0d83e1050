import type { EventHandler } from '@ultramarket/kit';

interface OrderCreated {
  customerId: string | null;
}

/** A signed-in shopper's order makes them one of the store's customers, whom its staff may look up. */
export const recordStoreCustomer: EventHandler<OrderCreated> = {
  name: 'accounts-store-customer',
  eventType: 'orders.created',
  async handle(event, tx) {
    if (!event.storeId || typeof event.data.customerId !== 'string') return; // a guest order names no user
    await tx.manager.query(
      `INSERT INTO store_customer (store_id, user_id, first_order_at) VALUES ($1, $2, $3)
       ON CONFLICT (store_id, user_id) DO UPDATE SET first_order_at = LEAST(store_customer.first_order_at, EXCLUDED.first_order_at)`,
      [event.storeId, event.data.customerId, event.occurredAt],
    );
  },
};
