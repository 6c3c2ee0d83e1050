import type { UserError } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import { CartErrors } from './cart-errors';
import type { VariantOffer } from './variant-offers';

/** A cart's quantities by variant, in line order. */
export type Quantities = Map<string, number>;

/** What a change leads to: the new quantities and the cart's currency, or why it is refused (then nothing is written). */
export type LinePlan = { quantities: Quantities; currencyCode: string | null } | { errors: UserError[] };

interface Requested {
  variantId: string;
  quantity: number;
}

/** Each requested variant must be on sale in the cart's currency (the first line fixes a currency the cart has not got). */
function checkOffers(requested: Requested[], offers: Map<string, VariantOffer>, cartCurrency: string | null, path: string[]) {
  const errors: UserError[] = [];
  let currencyCode = cartCurrency;
  requested.forEach(({ variantId }, index) => {
    const offer = offers.get(variantId);
    const field = [...path, String(index), 'variantId'];
    if (!offer?.onSale) {
      errors.push(CartErrors.productNotAvailable(variantId, field));
      return;
    }
    currencyCode ??= offer.currencyCode;
    if (offer.currencyCode !== currencyCode) errors.push(CartErrors.currencyMismatch(currencyCode, field));
  });
  return { errors, currencyCode };
}

/** Quantities and line count within the configured maximums. */
function checkLimits(quantities: Quantities, requested: Requested[], config: CartConfig, path: string[]): UserError[] {
  const errors: UserError[] = [];
  requested.forEach(({ variantId }, index) => {
    if ((quantities.get(variantId) ?? 0) > config.maxLineQuantity) {
      errors.push(CartErrors.quantityTooLarge(variantId, config.maxLineQuantity, [...path, String(index), 'quantity']));
    }
  });
  if (quantities.size > config.maxLines) errors.push(CartErrors.tooManyLines(config.maxLines, path));
  return errors;
}

/** Adding: quantities of one variant add up (with the line already in the cart and with each other). */
export function planAdd(
  current: Quantities,
  requested: Requested[],
  offers: Map<string, VariantOffer>,
  cartCurrency: string | null,
  config: CartConfig,
  path = ['input', 'lines'],
): LinePlan {
  const offered = checkOffers(requested, offers, cartCurrency, path);
  if (offered.errors.length > 0) return { errors: offered.errors };
  const quantities = new Map(current);
  for (const { variantId, quantity } of requested) quantities.set(variantId, (quantities.get(variantId) ?? 0) + quantity);
  const errors = checkLimits(quantities, requested, config, path);
  return errors.length > 0 ? { errors } : { quantities, currencyCode: offered.currencyCode };
}

/**
 * Updating: each variant must already be a line, named once; a line whose quantity rises must still be on
 * sale (lowering an unavailable line is fine: the shopper may still want it later).
 */
export function planUpdate(
  current: Quantities,
  requested: Requested[],
  offers: Map<string, VariantOffer>,
  cartCurrency: string | null,
  config: CartConfig,
  path = ['input', 'lines'],
): LinePlan {
  const errors: UserError[] = [];
  const seen = new Set<string>();
  requested.forEach(({ variantId }, index) => {
    const field = [...path, String(index), 'variantId'];
    if (seen.has(variantId)) errors.push(CartErrors.lineNamedTwice(variantId, field));
    else if (!current.has(variantId)) errors.push(CartErrors.lineNotFound(variantId, field));
    seen.add(variantId);
  });
  if (errors.length > 0) return { errors };
  const rising = requested.filter(({ variantId, quantity }) => quantity > current.get(variantId)!);
  const offered = checkOffers(rising, offers, cartCurrency, path);
  if (offered.errors.length > 0) return { errors: offered.errors.map((error) => reindexed(error, requested, rising, path)) };
  const quantities = new Map(current);
  for (const { variantId, quantity } of requested) quantities.set(variantId, quantity);
  const limited = checkLimits(quantities, requested, config, path);
  return limited.length > 0 ? { errors: limited } : { quantities, currencyCode: cartCurrency };
}

/** A refusal about `rising[i]` points at the input line it came from. */
function reindexed(error: UserError, requested: Requested[], rising: Requested[], path: string[]): UserError {
  const index = Number(error.field?.[path.length]);
  const original = requested.indexOf(rising[index]);
  return Object.assign(error, { field: [...path, String(original), 'variantId'] });
}

/** Removing: each variant must be a line (naming one twice removes it once). */
export function planRemove(current: Quantities, variantIds: string[], cartCurrency: string | null, path = ['input', 'variantIds']): LinePlan {
  const errors = variantIds.flatMap((variantId, index) => (current.has(variantId) ? [] : [CartErrors.lineNotFound(variantId, [...path, String(index)])]));
  if (errors.length > 0) return { errors };
  const quantities = new Map(current);
  for (const variantId of variantIds) quantities.delete(variantId);
  return { quantities, currencyCode: cartCurrency };
}

/**
 * Merging a guest cart into a customer's: quantities add up, each capped at the line maximum; the
 * customer's lines come first. More distinct variants than a cart may hold refuses the merge.
 */
export function planMerge(target: Quantities, guest: Quantities, config: CartConfig): LinePlan {
  const quantities = new Map(target);
  for (const [variantId, quantity] of guest) quantities.set(variantId, Math.min((quantities.get(variantId) ?? 0) + quantity, config.maxLineQuantity));
  if (quantities.size > config.maxLines) return { errors: [CartErrors.tooManyLines(config.maxLines, ['input', 'cartId'])] };
  return { quantities, currencyCode: null };
}
