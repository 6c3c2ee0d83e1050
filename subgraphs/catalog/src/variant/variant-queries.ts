import { In } from 'typeorm';
import { byKeys, isUuid, type SubgraphContext } from '@ultramarket/kit';
import { ProductVariant } from './product-variant.entity';
import { ProductOption } from '../option/product-option.entity';
import { findVisibleProduct } from '../product/product-queries';

/** Rows grouped by a key, one (possibly empty) list per requested key, in the rows' order. */
function groupedBy<V>(keys: readonly string[], rows: V[], keyOf: (row: V) => string): V[][] {
  const groups = new Map<string, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/** The store condition of every read: the caller's store when it has one (row-level security says the same). */
function inCallersStore(context: SubgraphContext): { storeId?: string } {
  return context.caller.storeId ? { storeId: context.caller.storeId } : {};
}

/** A product's variants in position order, batched per request (Product.variants, priceRange, events). */
export function loadVariantsOfProduct(context: SubgraphContext, productId: string): Promise<ProductVariant[]> {
  return context.loaders
    .get<string, ProductVariant[]>('variantsByProduct', async (productIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(ProductVariant).find({ where: { productId: In([...productIds]), ...inCallersStore(context) }, order: { position: 'ASC' } }),
      );
      return groupedBy(productIds, rows, (row) => row.productId);
    })
    .load(productId);
}

/** A product's options in position order, batched per request. */
export function loadOptionsOfProduct(context: SubgraphContext, productId: string): Promise<ProductOption[]> {
  return context.loaders
    .get<string, ProductOption[]>('optionsByProduct', async (productIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(ProductOption).find({ where: { productId: In([...productIds]), ...inCallersStore(context) }, order: { position: 'ASC' } }),
      );
      return groupedBy(productIds, rows, (row) => row.productId);
    })
    .load(productId);
}

function loadVariant(context: SubgraphContext, id: string): Promise<ProductVariant | null> {
  return context.loaders
    .get<string, ProductVariant | null>('variantById', async (ids) => {
      const rows = await context.storeDb.read((manager) => manager.getRepository(ProductVariant).findBy({ id: In([...ids]), ...inCallersStore(context) }));
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

/**
 * A variant the caller may see: exactly when it may see the variant's product (shoppers: ACTIVE,
 * published, in a browsable store; staff: every status of their store). Used by `productVariant(id)`
 * and the ProductVariant reference resolver, both batched.
 */
export async function findVisibleVariant(context: SubgraphContext, id: string): Promise<ProductVariant | null> {
  if (!isUuid(id)) return null;
  const variant = await loadVariant(context, id);
  if (!variant) return null;
  return (await findVisibleProduct(context, variant.productId)) ? variant : null;
}
