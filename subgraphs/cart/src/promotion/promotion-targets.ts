import type { EntityManager } from 'typeorm';
import type { UserError } from '@ultramarket/kit';
import { invalidPromotion } from './promotion-rules';

/**
 * INVALID_PROMOTION naming the first product or variant the store's catalog view does not hold: an id
 * of another store, a mistyped one, or a product created an instant ago whose event has not reached
 * cart yet (the merchant retries). Collections are not checked: cart learns of a collection only
 * through its members, so an empty collection is unknown here and still a valid target.
 */
export async function unknownTargetRefusal(
  manager: EntityManager,
  storeId: string,
  targets: { productIds: string[]; variantIds: string[] },
): Promise<UserError | null> {
  if (targets.productIds.length === 0 && targets.variantIds.length === 0) return null;
  const [known]: { products: string[]; variants: string[] }[] = await manager.query(
    `SELECT
       ARRAY(SELECT product_id::text FROM catalog_product WHERE store_id = $1 AND product_id = ANY($2::uuid[])) AS products,
       ARRAY(SELECT variant_id::text FROM catalog_variant WHERE store_id = $1 AND variant_id = ANY($3::uuid[])) AS variants`,
    [storeId, targets.productIds, targets.variantIds],
  );
  const product = targets.productIds.find((id) => !known.products.includes(id));
  if (product) return invalidPromotion(`Product ${product} is not one of this store's products (or is not known to the cart yet)`, 'productIds');
  const variant = targets.variantIds.find((id) => !known.variants.includes(id));
  if (variant) return invalidPromotion(`Variant ${variant} is not one of this store's variants (or is not known to the cart yet)`, 'variantIds');
  return null;
}
