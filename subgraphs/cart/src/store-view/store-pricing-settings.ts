import { PermanentEventError, type EventHandler, type RoundingScope } from '@ultramarket/kit';

/** How a store prices (owned by the stores subgraph): what the pricing engine's `PricingSettings` takes. */
export interface StorePricingSettings {
  currencyCode: string;
  rounding: RoundingScope;
  pricesIncludeTax: boolean;
}

/** What a store's settings are until stores says otherwise (its own defaults): round per line, prices exclude tax. */
export const DEFAULT_ROUNDING: RoundingScope = 'PER_LINE';
export const DEFAULT_PRICES_INCLUDE_TAX = false;

/**
 * The settings a stores event carries: `currency` from the store itself, `settings.priceRounding` and
 * `settings.pricesIncludeTax` (an event without them, published before stores had them, keeps the
 * store's current values, or the defaults). An event without a valid currency teaches nothing.
 */
export function pricingSettingsOf(data: unknown): { currencyCode: string; rounding: RoundingScope | null; pricesIncludeTax: boolean | null } | null {
  const { currency, settings } = (data ?? {}) as { currency?: unknown; settings?: Record<string, unknown> | null };
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return null;
  const rounding = settings?.priceRounding === 'PER_LINE' || settings?.priceRounding === 'PER_ORDER' ? settings.priceRounding : null;
  const pricesIncludeTax = typeof settings?.pricesIncludeTax === 'boolean' ? settings.pricesIncludeTax : null;
  return { currencyCode: currency, rounding, pricesIncludeTax };
}

/** Keeps `store_pricing_settings` from stores.created and stores.updated; the store's aggregate version orders them. */
function follow(name: string, eventType: string): EventHandler {
  return {
    name,
    eventType,
    async handle(event, tx) {
      if (!event.storeId || event.storeId !== event.aggregateId) throw new PermanentEventError(`${event.type} ${event.id} is not about its own store`);
      const settings = pricingSettingsOf(event.data);
      if (!settings) return;
      await tx.manager.query(
        `INSERT INTO store_pricing_settings (store_id, currency_code, rounding, prices_include_tax, version, updated_at)
         VALUES ($1, $2, COALESCE($3::varchar, $6::varchar), COALESCE($4::boolean, $7::boolean), $5, now())
         ON CONFLICT (store_id) DO UPDATE SET
           currency_code = EXCLUDED.currency_code,
           rounding = COALESCE($3::varchar, store_pricing_settings.rounding),
           prices_include_tax = COALESCE($4::boolean, store_pricing_settings.prices_include_tax),
           version = EXCLUDED.version, updated_at = now()
         WHERE store_pricing_settings.version < EXCLUDED.version`,
        [
          event.storeId,
          settings.currencyCode,
          settings.rounding,
          settings.pricesIncludeTax,
          event.aggregateVersion,
          DEFAULT_ROUNDING,
          DEFAULT_PRICES_INCLUDE_TAX,
        ],
      );
    },
  };
}

export const storePricingSettingsHandlers: EventHandler[] = [
  follow('cart-store-settings-created', 'stores.created'),
  follow('cart-store-settings-updated', 'stores.updated'),
];
