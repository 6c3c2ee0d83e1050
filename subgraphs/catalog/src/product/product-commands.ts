import { randomUUID } from 'node:crypto';
import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { Product } from './product.entity';
import { ProductStatus } from './product-status';
import { ProductEvents } from './product.events';
import { availableHandle, slugify } from './product-handle';
import { normalizedTags } from './product-tags';
import { storedTaxClass } from './product-tax-class';
import { emitProductEvent, lockOwnProduct, productNotFound, STORE_REQUIRED, takenSkuOf, touchProduct, violatedUniqueIndex } from './product-tx';
import { ArchiveProductPayload, CreateProductPayload, UpdateProductPayload } from './product.payloads';
import type { ArchiveProductInput, CreateProductInput, UpdateProductInput } from './product.inputs';
import { insertOptions } from '../option/option-writes';
import { optionsProblem, trimmedOptions, type OptionSpec } from '../option/option-rules';
import {
  allCombinations,
  combinationCount,
  combinationOf,
  currencyMismatch,
  duplicateVariant,
  firstDuplicate,
  firstRepeatedSku,
  skuTaken,
  tooManyVariants,
} from '../variant/variant-rules';
import { insertVariants, variantRows, type VariantDraft } from '../variant/variant-writes';

const HANDLE_TAKEN = (handle: string) => UserError.of('HANDLE_TAKEN', `Another product of this store already uses the handle "${handle}"`, ['input', 'handle']);

/**
 * The variants a new product starts with, or why it cannot: without options its one default variant;
 * with options and no list every combination at `price`; with a list exactly those combinations.
 */
export function plannedVariants(input: CreateProductInput, options: OptionSpec[]): VariantDraft[] | UserError {
  const currencyCode = input.price.currencyCode;
  const sharedFields = { compareAtPrice: input.compareAtPrice, weightGrams: input.weightGrams, trackInventory: input.trackInventory };
  // one SKU cannot name several variants, nor compete with the ones a variant list gives
  if ((options.length > 0 || input.variants) && (input.sku || input.barcode)) {
    return UserError.of('SKU_PER_VARIANT', 'A product with options or a variant list takes its SKUs and barcodes per variant, in `variants`', [
      'input',
      input.sku ? 'sku' : 'barcode',
    ]);
  }
  if (!input.variants) {
    const tooMany = tooManyVariants(combinationCount(options), ['input', 'options']);
    if (tooMany) return tooMany;
    const fields = options.length === 0 ? input : sharedFields;
    const drafts = allCombinations(options).map((optionValues) => ({ optionValues, priceAmount: input.price.amount, currencyCode, fields }));
    const compareAt = input.compareAtPrice
      ? currencyMismatch(currencyCode, input.compareAtPrice.currencyCode, ['input', 'compareAtPrice', 'currencyCode'])
      : null;
    return compareAt ?? drafts;
  }
  const tooMany = tooManyVariants(input.variants.length, ['input', 'variants']);
  if (tooMany) return tooMany;
  if (input.variants.length === 0) return UserError.of('INVALID_VARIANT_OPTIONS', 'A product needs at least one variant', ['input', 'variants']);
  const drafts: VariantDraft[] = [];
  for (const [index, variant] of input.variants.entries()) {
    const path = ['input', 'variants', String(index)];
    const optionValues = combinationOf(options, variant.options, [...path, 'options']);
    if (optionValues instanceof UserError) return optionValues;
    const price = variant.price ?? input.price;
    const problem =
      currencyMismatch(currencyCode, price.currencyCode, [...path, 'price', 'currencyCode']) ??
      (variant.compareAtPrice ? currencyMismatch(currencyCode, variant.compareAtPrice.currencyCode, [...path, 'compareAtPrice', 'currencyCode']) : null);
    if (problem) return problem;
    drafts.push({ optionValues, priceAmount: price.amount, currencyCode, fields: variant });
  }
  const duplicate = firstDuplicate(drafts.map((draft) => draft.optionValues));
  if (duplicate >= 0) return duplicateVariant(drafts[duplicate].optionValues, ['input', 'variants', String(duplicate), 'options']);
  const repeatedSku = firstRepeatedSku(drafts.map((draft) => draft.fields.sku));
  if (repeatedSku >= 0) return skuTaken(drafts[repeatedSku].fields.sku!, ['input', 'variants', String(repeatedSku), 'sku']);
  return drafts;
}

/** Where a SKU of the input sits, for a SKU_TAKEN the unique index reported. */
function skuField(input: CreateProductInput, sku: string | null): string[] {
  const index = input.variants?.findIndex((variant) => variant.sku === sku) ?? -1;
  return index >= 0 ? ['input', 'variants', String(index), 'sku'] : ['input', 'sku'];
}

/**
 * Creates a product with its options and variants in one transaction and publishes
 * catalog.product-created with all of it; its first variant has the product's id, so a product
 * without options is sellable under its own id. Nothing is written when any part is refused.
 */
export async function createProduct(context: SubgraphContext, input: CreateProductInput): Promise<CreateProductPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return CreateProductPayload.failed(STORE_REQUIRED());
  const options = trimmedOptions(input.options ?? []);
  const optionProblem = optionsProblem(options, ['input', 'options']);
  if (optionProblem) return CreateProductPayload.failed(optionProblem);
  const drafts = plannedVariants(input, options);
  if (drafts instanceof UserError) return CreateProductPayload.failed(drafts);
  try {
    const product = await context.unitOfWork.run(traceOf(context), async (tx) => {
      const repository = tx.manager.getRepository(Product);
      const handle = input.handle ?? (await availableHandle(tx.manager, storeId, slugify(input.title)));
      const id = randomUUID();
      const product = await repository.save(
        repository.create({
          id,
          storeId,
          title: input.title,
          description: input.description ?? '',
          handle,
          status: input.status ?? ProductStatus.DRAFT,
          priceAmount: Math.min(...drafts.map((draft) => draft.priceAmount)),
          currencyCode: input.price.currencyCode,
          category: input.category ?? null,
          imageUrl: input.imageUrl ?? null,
          tags: normalizedTags(input.tags ?? []),
          vendor: input.vendor ?? null,
          productType: input.productType ?? null,
          seoTitle: input.seoTitle ?? null,
          seoDescription: input.seoDescription ?? null,
          publishedAt: input.publishedAt ?? null,
          taxClass: storedTaxClass(input.taxClass),
        }),
      );
      await insertOptions(tx, product, options);
      await insertVariants(tx, variantRows(product, drafts, 0, [id]));
      await emitProductEvent(tx, ProductEvents.created, product);
      return product;
    });
    return CreateProductPayload.ok(product);
  } catch (error) {
    const index = violatedUniqueIndex(error);
    if (index === 'product_store_handle') return CreateProductPayload.failed(HANDLE_TAKEN(input.handle ?? slugify(input.title)));
    if (index === 'product_variant_store_sku') {
      const sku = await takenSkuOf(context, [input.sku, ...(input.variants ?? []).map((variant) => variant.sku)]);
      return CreateProductPayload.failed(skuTaken(sku ?? '', skuField(input, sku)));
    }
    throw error;
  }
}

/**
 * Changes a product's own fields. A new `price` is every variant's new price (the way to reprice a
 * product with one variant, as before variants existed); tags replace the current set.
 */
export async function updateProduct(context: SubgraphContext, input: UpdateProductInput): Promise<UpdateProductPayload> {
  if (context.unitOfWork.scope === null) return UpdateProductPayload.failed(STORE_REQUIRED());
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const product = await lockOwnProduct(context, tx, input.id);
      if (!product) return UpdateProductPayload.failed(productNotFound());
      if (input.title !== undefined && input.title !== null) product.title = input.title;
      if (input.description !== undefined && input.description !== null) product.description = input.description;
      if (input.handle !== undefined && input.handle !== null) product.handle = input.handle;
      if (input.price) {
        // a price in another currency cannot keep a compare-at price in the old one
        await tx.manager.query(
          `UPDATE product_variant SET price_amount = $2, currency_code = $3,
                  compare_at_amount = CASE WHEN currency_code = $3 THEN compare_at_amount END, version = version + 1, updated_at = now()
            WHERE product_id = $1`,
          [product.id, input.price.amount, input.price.currencyCode],
        );
        product.priceAmount = input.price.amount;
        product.currencyCode = input.price.currencyCode;
      }
      if (input.category !== undefined) product.category = input.category ?? null;
      if (input.imageUrl !== undefined) product.imageUrl = input.imageUrl ?? null;
      if (input.status) product.status = input.status;
      if (input.tags !== undefined && input.tags !== null) product.tags = normalizedTags(input.tags);
      if (input.vendor !== undefined) product.vendor = input.vendor ?? null;
      if (input.productType !== undefined) product.productType = input.productType ?? null;
      if (input.seoTitle !== undefined) product.seoTitle = input.seoTitle ?? null;
      if (input.seoDescription !== undefined) product.seoDescription = input.seoDescription ?? null;
      if (input.publishedAt !== undefined) product.publishedAt = input.publishedAt ?? null;
      if (input.taxClass !== undefined) product.taxClass = storedTaxClass(input.taxClass);
      const versionBefore = product.version;
      let saved = await tx.manager.getRepository(Product).save(product);
      // repricing variants to the lowest price they already had changes no product column, but it is a change
      if (input.price && saved.version === versionBefore) saved = await touchProduct(tx, product.id);
      await emitProductEvent(tx, ProductEvents.updated, saved);
      return UpdateProductPayload.ok(saved);
    });
  } catch (error) {
    if (violatedUniqueIndex(error) === 'product_store_handle') return UpdateProductPayload.failed(HANDLE_TAKEN(input.handle ?? ''));
    throw error;
  }
}

export async function archiveProduct(context: SubgraphContext, input: ArchiveProductInput): Promise<ArchiveProductPayload> {
  if (context.unitOfWork.scope === null) return ArchiveProductPayload.failed(STORE_REQUIRED());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const product = await lockOwnProduct(context, tx, input.id);
    if (!product) return ArchiveProductPayload.failed(productNotFound());
    if (product.status === ProductStatus.ARCHIVED) return ArchiveProductPayload.ok(product);
    product.status = ProductStatus.ARCHIVED;
    const saved = await tx.manager.getRepository(Product).save(product);
    await emitProductEvent(tx, ProductEvents.updated, saved);
    return ArchiveProductPayload.ok(saved);
  });
}
