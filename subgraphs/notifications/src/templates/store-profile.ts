import type { EntityManager } from 'typeorm';
import { PermanentEventError, isUuid, type EventHandler } from '@ultramarket/kit';
import { formatFor, type TemplateFormat } from './template-format';

/** What notifications keeps of a store (from stores' events) to render its emails: its name, locale and time zone. */
export interface StoreProfile {
  name: string;
  format: TemplateFormat;
}

/** The store's profile; null while no stores event about it has arrived (emails then use the defaults). */
export async function loadStoreProfile(manager: EntityManager, storeId: string): Promise<StoreProfile | null> {
  const [row]: { name: string; locale: string; timezone: string }[] = await manager.query(
    `SELECT name, locale, timezone FROM store_profile WHERE store_id = $1`,
    [storeId],
  );
  return row ? { name: row.name, format: formatFor(row.locale, row.timezone) } : null;
}

interface StoreEventData {
  name?: unknown;
  locale?: unknown;
  timezone?: unknown;
}

/** Keeps the store's profile from stores.created / stores.updated; a newer `aggregateVersion` wins. */
function keepStoreProfile(name: string, eventType: string): EventHandler<StoreEventData> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      if (!isUuid(event.storeId)) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
      const { name: storeName, locale, timezone } = event.data;
      if (typeof storeName !== 'string' || typeof locale !== 'string' || typeof timezone !== 'string') {
        throw new PermanentEventError(`${event.type} ${event.id} carries no name, locale and timezone`);
      }
      await tx.manager.query(
        `INSERT INTO store_profile (store_id, name, locale, timezone, version) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (store_id) DO UPDATE SET name = EXCLUDED.name, locale = EXCLUDED.locale, timezone = EXCLUDED.timezone,
           version = EXCLUDED.version, updated_at = now()
         WHERE store_profile.version < EXCLUDED.version`,
        [event.storeId, storeName.slice(0, 200), locale.slice(0, 35), timezone.slice(0, 64), event.aggregateVersion],
      );
    },
  };
}

/** The consumers that keep store profiles (schema/events.md). */
export const storeProfileHandlers = [
  keepStoreProfile('notifications-store-created', 'stores.created'),
  keepStoreProfile('notifications-store-updated', 'stores.updated'),
] as EventHandler<never>[];
