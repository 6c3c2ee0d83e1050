import { traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { ProductEvents } from '../product/product.events';
import { emitProductEvent, lockOwnProduct, optionsOf, productNotFound, STORE_REQUIRED, touchProduct, variantsOf } from '../product/product-tx';
import { insertOptions } from './option-writes';
import { SetProductOptionsPayload } from '../product/product.payloads';
import { ProductOption } from './product-option.entity';
import { optionsProblem, trimmedOptions, type OptionSpec } from './option-rules';
import type { SetProductOptionsInput } from './product-option.inputs';
import type { ProductVariant } from '../variant/product-variant.entity';
import { allCombinations, combinationCount, tooManyVariants } from '../variant/variant-rules';
import { insertVariants, recombineVariants, renumberVariants, variantRows } from '../variant/variant-writes';

/** How one new option takes its values from the current ones: which current option (if any) and which values are renamed. */
interface OptionMapping {
  sourceIndex: number | null;
  renames: Map<string, string>;
}

function mappingsOf(input: SetProductOptionsInput, current: ProductOption[], next: OptionSpec[]): OptionMapping[] | UserError {
  const used = new Set<number>();
  const mappings: OptionMapping[] = [];
  for (const [index, option] of input.options.entries()) {
    const path = ['input', 'options', String(index)];
    const sourceName = (option.previousName ?? option.name).trim();
    const sourceIndex = current.findIndex((candidate) => candidate.name === sourceName);
    if (option.previousName && sourceIndex < 0)
      return UserError.of('INVALID_OPTIONS', `The product has no option named "${sourceName}"`, [...path, 'previousName']);
    if (sourceIndex >= 0 && used.has(sourceIndex)) return UserError.of('INVALID_OPTIONS', `Option "${sourceName}" is used twice`, path);
    if (sourceIndex >= 0) used.add(sourceIndex);
    const renames = new Map<string, string>();
    for (const rename of option.valueRenames ?? []) {
      const [from, to] = [rename.from.trim(), rename.to.trim()];
      if (sourceIndex < 0 || !current[sourceIndex].values.includes(from)) {
        return UserError.of('INVALID_OPTIONS', `"${from}" is not a current value of option "${sourceName}"`, [...path, 'valueRenames']);
      }
      if (!next[index].values.includes(to)) return UserError.of('INVALID_OPTIONS', `"${to}" is not among the option's new values`, [...path, 'valueRenames']);
      renames.set(from, to);
    }
    mappings.push({ sourceIndex: sourceIndex >= 0 ? sourceIndex : null, renames });
  }
  return mappings;
}

/** A surviving variant's new combination, or null when a value it had is gone. */
function recombined(variant: ProductVariant, next: OptionSpec[], mappings: OptionMapping[]): string[] | null {
  const values: string[] = [];
  for (const [index, option] of next.entries()) {
    const { sourceIndex, renames } = mappings[index];
    if (sourceIndex === null) {
      values.push(option.values[0]);
      continue;
    }
    const old = variant.optionValues[sourceIndex];
    const value = renames.get(old) ?? old;
    if (!option.values.includes(value)) return null;
    values.push(value);
  }
  return values;
}

/**
 * Sets a product's options in one transaction and publishes catalog.product-updated.
 * - An option keeps its variants' values when matched (by previousName, else by name); renamed values follow.
 * - A removed value removes the variants that had it; a removed option merges the variants it told apart
 *   (the first by position stays); a new option gives every variant its first value.
 * - Options set for the first time: the default variant becomes the first combination (keeping its id,
 *   stock and SKU) and every other combination is added at its price.
 * - No options any more: the first variant stays as the default variant, with its id.
 */
export async function setProductOptions(context: SubgraphContext, input: SetProductOptionsInput): Promise<SetProductOptionsPayload> {
  if (context.unitOfWork.scope === null) return SetProductOptionsPayload.failed(STORE_REQUIRED());
  const next = trimmedOptions(input.options);
  const problem = optionsProblem(next, ['input', 'options']);
  if (problem) return SetProductOptionsPayload.failed(problem);
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const product = await lockOwnProduct(context, tx, input.productId);
    if (!product) return SetProductOptionsPayload.failed(productNotFound(['input', 'productId']));
    const current = await optionsOf(tx, product.id);
    const variants = await variantsOf(tx, product.id);
    const mappings = mappingsOf(input, current, next);
    if (mappings instanceof UserError) return SetProductOptionsPayload.failed(mappings);

    const failure =
      current.length === 0 && next.length > 0 ? await firstOptions(tx, product, variants, next) : await reshapeVariants(tx, variants, next, mappings);
    if (failure) return SetProductOptionsPayload.failed(failure);

    await tx.manager.getRepository(ProductOption).delete({ productId: product.id });
    await insertOptions(
      tx,
      product,
      next,
      mappings.map((mapping) => (mapping.sourceIndex === null ? undefined : current[mapping.sourceIndex].id)),
    );
    const touched = await touchProduct(tx, product.id);
    await emitProductEvent(tx, ProductEvents.updated, touched);
    return SetProductOptionsPayload.ok(touched);
  });
}

/** The default variant becomes the first combination; every other combination is added at the default variant's price. */
async function firstOptions(tx: Tx, product: { id: string; storeId: string }, variants: ProductVariant[], next: OptionSpec[]): Promise<UserError | null> {
  const tooMany = tooManyVariants(combinationCount(next), ['input', 'options']);
  if (tooMany) return tooMany;
  const [first, ...rest] = allCombinations(next);
  const template = variants[0];
  await recombineVariants(tx, [{ id: template.id, optionValues: first, position: 0 }]);
  const fields = {
    compareAtPrice: template.compareAtAmount === null ? null : { amount: template.compareAtAmount, currencyCode: template.currencyCode },
    weightGrams: template.weightGrams,
    trackInventory: template.trackInventory,
  };
  const drafts = rest.map((optionValues) => ({ optionValues, priceAmount: template.priceAmount, currencyCode: template.currencyCode, fields }));
  await insertVariants(tx, variantRows(product, drafts, 1));
  return null;
}

/** Every variant takes its new combination; those that lost a value, or now repeat an earlier one, are removed. */
async function reshapeVariants(tx: Tx, variants: ProductVariant[], next: OptionSpec[], mappings: OptionMapping[]): Promise<UserError | null> {
  const kept: { id: string; optionValues: string[] }[] = [];
  const seen = new Set<string>();
  for (const variant of variants) {
    const optionValues = next.length === 0 ? [] : recombined(variant, next, mappings);
    if (optionValues === null || seen.has(JSON.stringify(optionValues))) continue;
    seen.add(JSON.stringify(optionValues));
    kept.push({ id: variant.id, optionValues });
  }
  if (kept.length === 0)
    return UserError.of('LAST_VARIANT', 'These options would remove every variant of the product; a product keeps at least one', ['input', 'options']);
  const removed = variants.filter((variant) => !kept.some((keep) => keep.id === variant.id)).map((variant) => variant.id);
  if (removed.length > 0) await tx.manager.query(`DELETE FROM product_variant WHERE id = ANY($1::uuid[])`, [removed]);
  await recombineVariants(tx, kept);
  await renumberVariants(tx, variants[0].productId);
  return null;
}
