import type { EntityManager } from 'typeorm';
import { type NotificationCategory } from './notification-category';

/** Records that an address wants no more of a store's messages of a category (a repeat changes nothing). */
export async function recordOptOut(manager: EntityManager, storeId: string, address: string, category: NotificationCategory): Promise<void> {
  await manager.query(
    `INSERT INTO email_opt_out (store_id, address, category) VALUES ($1, lower($2), $3) ON CONFLICT (store_id, address, category) DO NOTHING`,
    [storeId, address, category],
  );
}

/**
 * Whether an email of this category to this address (and customer, when known) may be sent: not when the address
 * unsubscribed from the category in this store, nor when the customer turned its email channel off. Categories a
 * customer cannot turn off are not asked about.
 */
export async function emailWanted(
  manager: EntityManager,
  storeId: string,
  address: string,
  customerId: string | null,
  category: NotificationCategory,
): Promise<boolean> {
  const [row]: { opted_out: boolean; turned_off: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM email_opt_out WHERE store_id = $1 AND address = lower($2) AND category = $3) AS opted_out,
            EXISTS (SELECT 1 FROM notification_preference
                     WHERE store_id = $1 AND customer_id = $4 AND category = $3 AND channel = 'EMAIL' AND NOT enabled) AS turned_off`,
    [storeId, address, category, customerId],
  );
  return !row.opted_out && !row.turned_off;
}
