import type { EntityManager } from 'typeorm';
import { OPTION_SEPARATOR } from './collection-rule';

/**
 * A product event's payload as the issue-13 contract states it (variants, tags, vendor, type). Events
 * from before variants carry none of those: such a product has one default variant at the event's price.
 */
export interface ProductEventFacts {
  productId: string;
  status: string;
  price: { amount: number; currencyCode: string };
  tags?: string[];
  vendor?: string | null;
  productType?: string | null;
  variants?: { price: { amount: number }; options?: { name: string; value: string }[] }[];
}

const lowered = (text: string | null | undefined): string | null => {
  const trimmed = text?.trim().toLowerCase();
  return trimmed ? trimmed : null;
};

/**
 * Keeps what collection rules look at for one product, from the product's event: the higher
 * aggregateVersion wins, so a redelivered or late older event changes nothing, and an event naming a
 * product its store does not have (another store's) changes nothing either. True when the facts were
 * written (the product's memberships must then be re-evaluated).
 */
export async function upsertProductFacts(manager: EntityManager, storeId: string, version: number, data: ProductEventFacts): Promise<boolean> {
  const variants = data.variants && data.variants.length > 0 ? data.variants : [{ price: data.price, options: [] }];
  const tags = [...new Set((data.tags ?? []).map(lowered).filter((tag): tag is string => tag !== null))];
  const optionValues = [
    ...new Set(variants.flatMap((variant) => (variant.options ?? []).map((option) => `${lowered(option.name)}${OPTION_SEPARATOR}${lowered(option.value)}`))),
  ];
  const written: unknown[] = await manager.query(
    `INSERT INTO product_rule_facts AS f (product_id, store_id, status, tags, vendor, product_type, variant_prices, option_values, version)
     SELECT $1, $2, $3, $4::text[], $5, $6, $7::bigint[], $8::text[], $9
      WHERE EXISTS (SELECT 1 FROM product WHERE id = $1 AND store_id = $2)
     ON CONFLICT (product_id) DO UPDATE SET status = EXCLUDED.status, tags = EXCLUDED.tags, vendor = EXCLUDED.vendor,
       product_type = EXCLUDED.product_type, variant_prices = EXCLUDED.variant_prices, option_values = EXCLUDED.option_values,
       version = EXCLUDED.version
     WHERE f.version < EXCLUDED.version
     RETURNING 1`,
    [
      data.productId,
      storeId,
      data.status,
      tags,
      lowered(data.vendor),
      lowered(data.productType),
      variants.map((variant) => variant.price.amount),
      optionValues,
      version,
    ],
  );
  return written.length > 0;
}
