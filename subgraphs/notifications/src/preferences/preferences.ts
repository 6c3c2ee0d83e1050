import { storeRequired, traceOf, unauthenticated, UserError, type SubgraphContext } from '@ultramarket/kit';
import type { EntityManager } from 'typeorm';
import { isOptional, NotificationCategory } from './notification-category';
import { canDisable, NotificationChannel } from './notification-channel';
import { NotificationPreference, UpdateMyNotificationPreferencesPayload, type UpdateMyNotificationPreferencesInput } from './preference.types';

/** The categories a customer hears about (STAFF messages go to staff, not customers). */
const CUSTOMER_CATEGORIES = Object.values(NotificationCategory).filter((category) => category !== NotificationCategory.STAFF);

/** The signed-in customer and the store they are in. */
function customerInStore(context: SubgraphContext): { customerId: string; storeId: string } {
  const { userId, storeId } = context.caller;
  if (!userId) throw unauthenticated();
  if (!storeId) throw storeRequired();
  return { customerId: userId, storeId };
}

async function preferencesOf(manager: EntityManager, storeId: string, customerId: string): Promise<NotificationPreference[]> {
  const rows: { category: string; channel: string; enabled: boolean }[] = await manager.query(
    `SELECT category, channel, enabled FROM notification_preference WHERE store_id = $1 AND customer_id = $2`,
    [storeId, customerId],
  );
  return CUSTOMER_CATEGORIES.flatMap((category) =>
    Object.values(NotificationChannel).map((channel) => {
      const optional = canDisable(isOptional(category), channel);
      const stored = rows.find((row) => row.category === category && row.channel === channel);
      return Object.assign(new NotificationPreference(), { category, channel, canDisable: optional, enabled: !optional || (stored?.enabled ?? true) });
    }),
  );
}

/** Every category on every channel for the signed-in customer in the request's store; everything is on until turned off. */
export function myNotificationPreferences(context: SubgraphContext): Promise<NotificationPreference[]> {
  const { customerId, storeId } = customerInStore(context);
  return context.storeDb.read((manager) => preferencesOf(manager, storeId, customerId));
}

/**
 * Turns categories on or off for the signed-in customer in the request's store. Turning off the emails they are owed
 * (receipts, account security) or those for staff is refused with NOTIFICATION_REQUIRED, and nothing is written; turning
 * them on changes nothing.
 */
export async function updateMyNotificationPreferences(
  context: SubgraphContext,
  input: UpdateMyNotificationPreferencesInput,
): Promise<UpdateMyNotificationPreferencesPayload> {
  const { customerId, storeId } = customerInStore(context);
  const refused = input.preferences.flatMap((preference, index) =>
    canDisable(isOptional(preference.category), preference.channel) || preference.enabled
      ? []
      : [
          UserError.of('NOTIFICATION_REQUIRED', `${preference.category} emails are always sent and cannot be turned off`, [
            'input',
            'preferences',
            String(index),
            'enabled',
          ]),
        ],
  );
  if (refused.length > 0) return Object.assign(new UpdateMyNotificationPreferencesPayload(), { preferences: null, userErrors: refused });
  const preferences = await context.unitOfWork.run(traceOf(context), async (tx) => {
    // a category that is always sent keeps no row: asking for it on changes nothing
    for (const { category, channel, enabled } of input.preferences.filter((preference) => canDisable(isOptional(preference.category), preference.channel))) {
      await tx.manager.query(
        `INSERT INTO notification_preference (store_id, customer_id, category, channel, enabled) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (store_id, customer_id, category, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
        [storeId, customerId, category, channel, enabled],
      );
    }
    return preferencesOf(tx.manager, storeId, customerId);
  });
  return Object.assign(new UpdateMyNotificationPreferencesPayload(), { preferences, userErrors: [] });
}
