import { isUuid, PermanentEventError, returnedRows } from '@ultramarket/kit';
import { storeOf, type Applier } from '../rollup/applier';

const amountOf = (value: unknown): { amount: number; currencyCode: string } | null => {
  const money = value as { amount?: unknown; currencyCode?: unknown } | null | undefined;
  return typeof money?.amount === 'number' &&
    Number.isSafeInteger(money.amount) &&
    typeof money.currencyCode === 'string' &&
    /^[A-Z]{3}$/.test(money.currencyCode)
    ? { amount: money.amount, currencyCode: money.currencyCode }
    : null;
};

/**
 * inventory.stock-changed: the variant's on-hand units at the store's active locations (`variant.onHand`), a newer
 * stock version of the product winning. An event from before variants carries the product's units as its default variant's.
 */
const stockChanged: Applier['apply'] = async (event, manager) => {
  const storeId = storeOf(event);
  const data = event.data as { productId?: unknown; variantId?: unknown; onHand?: unknown; variant?: { onHand?: unknown } | null };
  if (!isUuid(data.productId)) throw new PermanentEventError(`${event.type} ${event.id} names no product`);
  const variantId = isUuid(data.variantId) ? data.variantId : data.productId;
  const onHand = data.variant ? data.variant.onHand : data.onHand;
  if (typeof onHand !== 'number' || !Number.isSafeInteger(onHand)) throw new PermanentEventError(`${event.type} ${event.id} has no on-hand units`);
  await manager.query(
    `INSERT INTO variant_stock (store_id, variant_id, product_id, on_hand, version) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (store_id, variant_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, version = EXCLUDED.version WHERE variant_stock.version < EXCLUDED.version`,
    [storeId, variantId, data.productId, onHand, event.aggregateVersion ?? 0],
  );
};

/**
 * catalog.product-created / catalog.product-updated: the price of every listed variant (the whole product travels each
 * time), a newer product version winning; variants no longer listed lose their price (and leave the stock value).
 */
const productChanged: Applier['apply'] = async (event, manager) => {
  const storeId = storeOf(event);
  const data = event.data as { productId?: unknown; price?: unknown; variants?: unknown };
  const productId = isUuid(data.productId) ? data.productId : event.aggregateId;
  if (!isUuid(productId)) throw new PermanentEventError(`${event.type} ${event.id} names no product`);
  const newer = await returnedRows<{ version: string }>(
    manager,
    `INSERT INTO product_version (store_id, product_id, version) VALUES ($1, $2, $3)
     ON CONFLICT (store_id, product_id) DO UPDATE SET version = EXCLUDED.version WHERE product_version.version < EXCLUDED.version RETURNING version`,
    [storeId, productId, event.aggregateVersion ?? 0],
  );
  if (newer.length === 0) return;
  // an event from before variants is one default variant (id = product id) at the product's price
  const variants = Array.isArray(data.variants)
    ? (data.variants as { variantId?: unknown; price?: unknown }[]).map((variant) => ({ variantId: variant.variantId, price: amountOf(variant.price) }))
    : [{ variantId: productId, price: amountOf(data.price) }];
  await manager.query(`DELETE FROM variant_price WHERE store_id = $1 AND product_id = $2`, [storeId, productId]);
  for (const variant of variants) {
    if (!isUuid(variant.variantId) || !variant.price) continue;
    await manager.query(
      `INSERT INTO variant_price (store_id, variant_id, product_id, price, currency_code, version) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (store_id, variant_id) DO UPDATE SET product_id = EXCLUDED.product_id, price = EXCLUDED.price, currency_code = EXCLUDED.currency_code, version = EXCLUDED.version`,
      [storeId, variant.variantId, productId, variant.price.amount, variant.price.currencyCode, event.aggregateVersion ?? 0],
    );
  }
};

export const stockAppliers: Applier[] = [
  { eventType: 'inventory.stock-changed', apply: stockChanged },
  { eventType: 'catalog.product-created', apply: productChanged },
  { eventType: 'catalog.product-updated', apply: productChanged },
];
