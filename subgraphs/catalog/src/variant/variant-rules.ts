import { UserError } from '@ultramarket/kit';
import type { OptionSpec } from '../option/option-rules';

/** A product holds at most 250 variants (Shopify's long-standing limit; every one is listed in each product event). */
export const MAX_VARIANTS = 250;

export function tooManyVariants(count: number, path: string[]): UserError | null {
  return count > MAX_VARIANTS ? UserError.of('TOO_MANY_VARIANTS', `A product has at most ${MAX_VARIANTS} variants (this would make ${count})`, path) : null;
}

/** How many combinations the options make; counted before any is generated, so 100×100×100 is refused cheaply. */
export function combinationCount(options: OptionSpec[]): number {
  return options.length === 0 ? 1 : options.reduce((count, option) => count * option.values.length, 1);
}

/** Every combination of the options' values, first option slowest: [[S, Red], [S, Blue], [M, Red], …]. */
export function allCombinations(options: OptionSpec[]): string[][] {
  return options.reduce<string[][]>((combinations, option) => combinations.flatMap((prefix) => option.values.map((value) => [...prefix, value])), [[]]);
}

/**
 * A variant's option values in option order, or why they are wrong: every option named exactly once,
 * each with one of its declared values, and no other name.
 */
export function combinationOf(options: OptionSpec[], selected: readonly { name: string; value: string }[], path: string[]): string[] | UserError {
  const byName = new Map(selected.map((choice) => [choice.name.trim().toLowerCase(), choice.value.trim()]));
  const invalid = (message: string) => UserError.of('INVALID_VARIANT_OPTIONS', message, path);
  if (byName.size !== selected.length) return invalid('The variant names an option twice');
  if (selected.length !== options.length) return invalid(`The variant must give a value for each of the ${options.length} options, and only those`);
  const values: string[] = [];
  for (const option of options) {
    const value = byName.get(option.name.toLowerCase());
    if (value === undefined) return invalid(`The variant gives no value for option "${option.name}"`);
    if (!option.values.includes(value)) return invalid(`"${value}" is not a value of option "${option.name}"`);
    values.push(value);
  }
  return values;
}

/** The index of the first combination that repeats an earlier one (or one in `taken`), or -1. */
export function firstDuplicate(combinations: string[][], taken: string[][] = []): number {
  const seen = new Set(taken.map((combination) => JSON.stringify(combination)));
  for (const [index, combination] of combinations.entries()) {
    const key = JSON.stringify(combination);
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return -1;
}

export function duplicateVariant(combination: string[], path: string[]): UserError {
  return UserError.of(
    'DUPLICATE_VARIANT',
    `The product already has a variant ${combination.length ? `"${combination.join(' / ')}"` : 'without options'}`,
    path,
  );
}

/** Two SKUs of one request that are the same: refused before the unique index would be. */
export function firstRepeatedSku(skus: (string | null | undefined)[]): number {
  const seen = new Set<string>();
  for (const [index, sku] of skus.entries()) {
    if (sku === null || sku === undefined) continue;
    if (seen.has(sku)) return index;
    seen.add(sku);
  }
  return -1;
}

export function skuTaken(sku: string, path: string[]): UserError {
  return UserError.of('SKU_TAKEN', `Another variant of this store already has the SKU "${sku}"`, path);
}

/** compareAtPrice and every variant's price are in the product's one currency. */
export function currencyMismatch(expected: string, given: string, path: string[]): UserError | null {
  return given === expected ? null : UserError.of('CURRENCY_MISMATCH', `Prices of this product are in ${expected}, not ${given}`, path);
}
