import { traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { ProductEvents } from '../product/product.events';
import type { Product } from '../product/product.entity';
import {
  emitProductEvent,
  lockOwnProduct,
  optionsOf,
  productNotFound,
  takenSkuOf,
  STORE_REQUIRED,
  touchProduct,
  variantsOf,
  violatedUniqueIndex,
} from '../product/product-tx';
import { CreateProductVariantsPayload, DeleteProductVariantsPayload, UpdateProductVariantsPayload, type ProductPayload } from '../product/product.payloads';
import { trimmedOptions } from '../option/option-rules';
import type { ProductVariant } from './product-variant.entity';
import type { CreateProductVariantsInput, DeleteProductVariantsInput, UpdateProductVariantsInput } from './product-variant.inputs';
import { combinationOf, currencyMismatch, duplicateVariant, firstDuplicate, firstRepeatedSku, skuTaken, tooManyVariants } from './variant-rules';
import { insertVariants, recombineVariants, renumberVariants, variantRows, type VariantDraft } from './variant-writes';

/** The payload class of a variant mutation (its static ok/failed). */
interface PayloadOf {
  ok(product: Product): ProductPayload;
  failed(...errors: UserError[]): ProductPayload;
}

/**
 * Runs a variant change on the caller's own product in one transaction: `change` either refuses
 * (nothing is written) or changes variants, after which the product's version rises, its price is
 * the lowest variant price again and catalog.product-updated carries the whole product. A SKU
 * another variant of the store holds (also one written concurrently) is refused as SKU_TAKEN.
 */
async function changeVariants(
  context: SubgraphContext,
  productId: string,
  payload: PayloadOf,
  skus: (string | null | undefined)[],
  skuPath: (sku: string | null) => string[],
  change: (tx: Tx, product: Product, variants: ProductVariant[]) => Promise<UserError | null>,
): Promise<ProductPayload> {
  if (context.unitOfWork.scope === null) return payload.failed(STORE_REQUIRED());
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const product = await lockOwnProduct(context, tx, productId);
      if (!product) return payload.failed(productNotFound(['input', 'productId']));
      const refusal = await change(tx, product, await variantsOf(tx, product.id));
      if (refusal) return payload.failed(refusal);
      const touched = await touchProduct(tx, product.id);
      await emitProductEvent(tx, ProductEvents.updated, touched);
      return payload.ok(touched);
    });
  } catch (error) {
    if (violatedUniqueIndex(error) === 'product_variant_store_sku') {
      const sku = await takenSkuOf(context, skus);
      return payload.failed(skuTaken(sku ?? '', skuPath(sku)));
    }
    throw error;
  }
}

function skuPathIn(variants: readonly { sku?: string | null }[]) {
  return (sku: string | null) => {
    const index = variants.findIndex((variant) => variant.sku === sku);
    return index >= 0 ? ['input', 'variants', String(index), 'sku'] : ['input', 'variants'];
  };
}

/** Adds variants (new combinations of the product's options, each with its price) to a product. */
export function createProductVariants(context: SubgraphContext, input: CreateProductVariantsInput): Promise<CreateProductVariantsPayload> {
  return changeVariants(
    context,
    input.productId,
    CreateProductVariantsPayload,
    input.variants.map((variant) => variant.sku),
    skuPathIn(input.variants),
    async (tx, product, variants) => {
      const tooMany = tooManyVariants(variants.length + input.variants.length, ['input', 'variants']);
      if (tooMany) return tooMany;
      const options = trimmedOptions(await optionsOf(tx, product.id));
      const drafts: VariantDraft[] = [];
      for (const [index, variant] of input.variants.entries()) {
        const path = ['input', 'variants', String(index)];
        const optionValues = combinationOf(options, variant.options, [...path, 'options']);
        if (optionValues instanceof UserError) return optionValues;
        if (!variant.price) return UserError.of('PRICE_REQUIRED', 'A new variant needs a price', [...path, 'price']);
        const problem =
          currencyMismatch(product.currencyCode, variant.price.currencyCode, [...path, 'price', 'currencyCode']) ??
          (variant.compareAtPrice
            ? currencyMismatch(product.currencyCode, variant.compareAtPrice.currencyCode, [...path, 'compareAtPrice', 'currencyCode'])
            : null);
        if (problem) return problem;
        drafts.push({ optionValues, priceAmount: variant.price.amount, currencyCode: product.currencyCode, fields: variant });
      }
      const duplicate = firstDuplicate(
        drafts.map((draft) => draft.optionValues),
        variants.map((variant) => variant.optionValues),
      );
      if (duplicate >= 0) return duplicateVariant(drafts[duplicate].optionValues, ['input', 'variants', String(duplicate), 'options']);
      const repeatedSku = firstRepeatedSku(input.variants.map((variant) => variant.sku));
      if (repeatedSku >= 0) return skuTaken(input.variants[repeatedSku].sku!, ['input', 'variants', String(repeatedSku), 'sku']);
      const nextPosition = variants.reduce((last, variant) => Math.max(last, variant.position), -1) + 1;
      await insertVariants(tx, variantRows(product, drafts, nextPosition));
      return null;
    },
  );
}

/** Changes variants of a product: fields given are set (null clears an optional one), a new combination must be free. */
export function updateProductVariants(context: SubgraphContext, input: UpdateProductVariantsInput): Promise<UpdateProductVariantsPayload> {
  return changeVariants(
    context,
    input.productId,
    UpdateProductVariantsPayload,
    input.variants.map((variant) => variant.sku),
    skuPathIn(input.variants),
    async (tx, product, variants) => {
      const options = trimmedOptions(await optionsOf(tx, product.id));
      const byId = new Map(variants.map((variant) => [variant.id, variant]));
      const combinations = new Map(variants.map((variant) => [variant.id, variant.optionValues]));
      const recombinations: { id: string; optionValues: string[] }[] = [];
      const changed: ProductVariant[] = [];
      for (const [index, change] of input.variants.entries()) {
        const path = ['input', 'variants', String(index)];
        const variant = byId.get(change.id);
        if (!variant) return UserError.of('NOT_FOUND', 'No such variant of this product', [...path, 'id']);
        if (change.options) {
          const optionValues = combinationOf(options, change.options, [...path, 'options']);
          if (optionValues instanceof UserError) return optionValues;
          combinations.set(variant.id, optionValues);
          recombinations.push({ id: variant.id, optionValues });
        }
        if (change.price) {
          const mismatch = currencyMismatch(product.currencyCode, change.price.currencyCode, [...path, 'price', 'currencyCode']);
          if (mismatch) return mismatch;
          variant.priceAmount = change.price.amount;
        }
        if (change.compareAtPrice) {
          const mismatch = currencyMismatch(product.currencyCode, change.compareAtPrice.currencyCode, [...path, 'compareAtPrice', 'currencyCode']);
          if (mismatch) return mismatch;
        }
        if (change.compareAtPrice !== undefined) variant.compareAtAmount = change.compareAtPrice?.amount ?? null;
        if (change.sku !== undefined) variant.sku = change.sku ?? null;
        if (change.barcode !== undefined) variant.barcode = change.barcode ?? null;
        if (change.weightGrams !== undefined) variant.weightGrams = change.weightGrams ?? null;
        if (change.trackInventory !== undefined && change.trackInventory !== null) variant.trackInventory = change.trackInventory;
        changed.push(variant);
      }
      for (const [index, change] of input.variants.entries()) {
        if (!change.options) continue;
        const mine = JSON.stringify(combinations.get(change.id));
        const clash = [...combinations].some(([id, optionValues]) => id !== change.id && JSON.stringify(optionValues) === mine);
        if (clash) return duplicateVariant(combinations.get(change.id)!, ['input', 'variants', String(index), 'options']);
      }
      const repeatedSku = firstRepeatedSku(variants.map((variant) => variant.sku));
      if (repeatedSku >= 0) {
        const sku = variants[repeatedSku].sku;
        return skuTaken(sku!, skuPathIn(input.variants)(sku));
      }
      // combinations first (through placeholders), then the remaining fields of each changed variant
      await recombineVariants(tx, recombinations);
      for (const variant of new Set(changed)) {
        await tx.manager.query(
          `UPDATE product_variant SET price_amount = $2, compare_at_amount = $3, sku = $4, barcode = $5, weight_grams = $6, track_inventory = $7,
                version = version + 1, updated_at = now() WHERE id = $1`,
          [variant.id, variant.priceAmount, variant.compareAtAmount, variant.sku, variant.barcode, variant.weightGrams, variant.trackInventory],
        );
      }
      return null;
    },
  );
}

/** Removes variants from a product; the product keeps at least one (LAST_VARIANT). */
export function deleteProductVariants(context: SubgraphContext, input: DeleteProductVariantsInput): Promise<DeleteProductVariantsPayload> {
  return changeVariants(
    context,
    input.productId,
    DeleteProductVariantsPayload,
    [],
    () => ['input', 'variantIds'],
    async (tx, product, variants) => {
      const own = new Set(variants.map((variant) => variant.id));
      const missing = input.variantIds.findIndex((id) => !own.has(id));
      if (missing >= 0) return UserError.of('NOT_FOUND', 'No such variant of this product', ['input', 'variantIds', String(missing)]);
      const removed = new Set(input.variantIds);
      if (variants.every((variant) => removed.has(variant.id))) {
        return UserError.of('LAST_VARIANT', 'A product keeps at least one variant; archive the product to stop selling it', ['input', 'variantIds']);
      }
      await tx.manager.query(`DELETE FROM product_variant WHERE id = ANY($1::uuid[])`, [[...removed]]);
      await renumberVariants(tx, product.id);
      return null;
    },
  );
}
