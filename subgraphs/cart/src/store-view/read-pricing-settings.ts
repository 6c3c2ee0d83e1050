import type { EntityManager } from 'typeorm';
import type { RoundingScope } from '@ultramarket/kit';
import type { StorePricingSettings } from './store-pricing-settings';

/** The stores' pricing settings as cart last heard them; a store not heard of yet is missing from the map. */
export async function readPricingSettings(manager: EntityManager, storeIds: string[]): Promise<Map<string, StorePricingSettings>> {
  const rows: { store_id: string; currency_code: string; rounding: RoundingScope; prices_include_tax: boolean }[] = await manager.query(
    `SELECT store_id, currency_code, rounding, prices_include_tax FROM store_pricing_settings WHERE store_id = ANY($1::uuid[])`,
    [storeIds],
  );
  return new Map(rows.map((row) => [row.store_id, { currencyCode: row.currency_code, rounding: row.rounding, pricesIncludeTax: row.prices_include_tax }]));
}
