import type { EntityManager } from 'typeorm';
import { localDayOf, isTimeZone } from '../period/local-day';
import { storeOf, type Applier } from '../rollup/applier';

/** What analytics assumes of a store it has not heard of yet (docs/analytics.md "Time zones"). */
export const DEFAULT_TIMEZONE = 'UTC';

export interface StoreProfile {
  timezone: string;
  currencyCode: string | null;
}

/** stores.created / stores.updated: the store's time zone and currency, a newer aggregateVersion winning. */
const keepProfile: Applier['apply'] = async (event, manager) => {
  const storeId = storeOf(event);
  const data = event.data as { timezone?: unknown; currency?: unknown };
  const timezone = typeof data.timezone === 'string' && isTimeZone(data.timezone) ? data.timezone : DEFAULT_TIMEZONE;
  const currency = typeof data.currency === 'string' && /^[A-Z]{3}$/.test(data.currency) ? data.currency : 'USD';
  await manager.query(
    `INSERT INTO store_profile (store_id, timezone, currency_code, version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (store_id) DO UPDATE SET timezone = EXCLUDED.timezone, currency_code = EXCLUDED.currency_code, version = EXCLUDED.version, updated_at = now()
     WHERE store_profile.version < EXCLUDED.version`,
    [storeId, timezone, currency, event.aggregateVersion ?? 0],
  );
};

export const storeAppliers: Applier[] = [
  { eventType: 'stores.created', apply: keepProfile },
  { eventType: 'stores.updated', apply: keepProfile },
];

/** The store's profile as analytics knows it (UTC and no currency for a store not heard of yet). */
export async function readStoreProfile(manager: EntityManager, storeId: string): Promise<StoreProfile> {
  const [row]: { timezone: string; currency_code: string }[] = await manager.query(`SELECT timezone, currency_code FROM store_profile WHERE store_id = $1`, [
    storeId,
  ]);
  return { timezone: row?.timezone ?? DEFAULT_TIMEZONE, currencyCode: row?.currency_code ?? null };
}

/** The store-local date of an event's instant, in the store's time zone as known now. */
export async function storeDayOf(manager: EntityManager, storeId: string, occurredAt: string): Promise<string> {
  const { timezone } = await readStoreProfile(manager, storeId);
  return localDayOf(new Date(occurredAt), timezone);
}
