import { managesStore, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { Product } from './product.entity';
import { productEventData, type ProductEvents } from './product.events';
import { ProductOption } from '../option/product-option.entity';
import { ProductVariant } from '../variant/product-variant.entity';

/** What every product write shares: finding the caller's product, refusing others', publishing the whole product. */

export const STORE_REQUIRED = () => UserError.of('STORE_REQUIRED', 'Act for a store (a store token or X-Store-Id) to change its products');

export function productNotFound(field = ['input', 'id']): UserError {
  return UserError.of('NOT_FOUND', 'No such product in your store', field);
}

const UNIQUE_VIOLATION = '23505';

/** The unique index a failed write ran into, when that is why it failed (e.g. `product_variant_store_sku`). */
export function violatedUniqueIndex(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  return driverError?.code === UNIQUE_VIOLATION ? (driverError.constraint ?? '') : null;
}

/**
 * Which of the given SKUs another variant of the caller's store holds, read after a write failed on
 * `product_variant_store_sku`: PostgreSQL leaves the key out of the error under row-level security,
 * and the variant that won a race has committed by now.
 */
export async function takenSkuOf(context: SubgraphContext, skus: (string | null | undefined)[]): Promise<string | null> {
  const given = skus.filter((sku): sku is string => typeof sku === 'string');
  if (given.length === 0) return null;
  const rows: { sku: string }[] = await context.storeDb.read((manager) =>
    manager.query(`SELECT sku FROM product_variant WHERE sku = ANY($1::text[]) ${context.caller.storeId ? 'AND store_id = $2' : ''}`, [
      given,
      ...(context.caller.storeId ? [context.caller.storeId] : []),
    ]),
  );
  const taken = new Set(rows.map((row) => row.sku));
  return given.find((sku) => taken.has(sku)) ?? null;
}

/**
 * The product, locked for this transaction, if the caller manages its store; another store's product
 * is "not found". The transaction sees only the caller's store (row-level security) and the query
 * says so too; a platform admin without a store works across stores.
 */
export async function lockOwnProduct(context: SubgraphContext, tx: Tx, id: string): Promise<Product | null> {
  const storeId = context.caller.storeId;
  const product = await tx.manager.getRepository(Product).findOne({ where: storeId ? { id, storeId } : { id }, lock: { mode: 'pessimistic_write' } });
  return product && managesStore(context.caller, product.storeId) ? product : null;
}

export function optionsOf(tx: Tx, productId: string): Promise<ProductOption[]> {
  return tx.manager.getRepository(ProductOption).find({ where: { productId }, order: { position: 'ASC' } });
}

export function variantsOf(tx: Tx, productId: string): Promise<ProductVariant[]> {
  return tx.manager.getRepository(ProductVariant).find({ where: { productId }, order: { position: 'ASC' } });
}

/**
 * After its options or variants changed: the product's version rises (so consumers upserting by
 * version take the new state) and its price becomes the lowest variant price again, in the same
 * transaction as the change.
 */
export async function touchProduct(tx: Tx, productId: string): Promise<Product> {
  await tx.manager.query(
    `UPDATE product p SET version = p.version + 1, updated_at = now(), price_amount = lowest.price_amount, currency_code = lowest.currency_code
       FROM (SELECT price_amount, currency_code FROM product_variant WHERE product_id = $1 ORDER BY price_amount, position LIMIT 1) lowest
      WHERE p.id = $1`,
    [productId],
  );
  return tx.manager.getRepository(Product).findOneByOrFail({ id: productId });
}

/** Writes the whole product (options and variants included) to the outbox, in the caller's transaction. */
export async function emitProductEvent(tx: Tx, type: (typeof ProductEvents)[keyof typeof ProductEvents], product: Product): Promise<void> {
  const [options, variants] = await Promise.all([optionsOf(tx, product.id), variantsOf(tx, product.id)]);
  await tx.emit({
    type,
    storeId: product.storeId,
    aggregateId: product.id,
    aggregateVersion: product.version,
    data: productEventData(product, options, variants),
  });
}
