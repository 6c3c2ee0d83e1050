import { rankByIds } from './apportion';
import { toMinorUnits } from './exact-amount';
import { type LineAmount, priceLines } from './line-prices';
import type { DiscountAllocation, PricedLine, PricingInput, PricingResult, RejectedPromotion, TaxLine } from './pricing.types';
import { checkPricingInput } from './pricing-input-check';
import { type AppliedDiscount, applyPromotions } from './promotions';
import { roundingPolicyOf, settleByRows } from './rounding';
import { shippingAfterDiscounts, shippingAmountOf } from './shipping';
import type { TaxAnswer, TaxRequest } from './tax-provider';

/** The chain up to the tax stage: lines priced, promotions applied and settled into whole minor units. */
export interface PricedBeforeTax {
  input: PricingInput;
  lines: LineAmount[];
  applied: AppliedDiscount[];
  rejected: RejectedPromotion[];
  /** [line][applied promotion]: whole minor units, each line's row never above its subtotal. */
  lineDiscounts: bigint[][];
  shippingAmount: bigint;
  /** [applied promotion]: whole minor units, together never above the shipping amount. */
  shippingDiscounts: bigint[];
}

const sumOf = (amounts: readonly bigint[]) => amounts.reduce((total, amount) => total + amount, 0n);

/** Line prices → promotions → shipping, rounded where `settings.rounding` says (see `rounding.ts`). */
export function priceBeforeTax(input: PricingInput): PricedBeforeTax {
  checkPricingInput(input);
  const lines = priceLines(input.lines);
  const lineRank = rankByIds(input.lines.map(({ lineId }) => lineId));
  const shippingAmount = shippingAmountOf(input.shippingRate);
  const { applied, rejected } = applyPromotions({
    lines,
    lineRank,
    shippingAmount,
    promotions: input.promotions,
    codes: input.codes,
    now: input.now,
    rounding: roundingPolicyOf(input.settings.rounding),
  });
  const lineDiscounts = settleByRows(
    lines.map((_, index) => applied.map(({ shares }) => shares.lines[index])),
    lineRank,
  );
  const [shippingDiscounts] = settleByRows([applied.map(({ shares }) => shares.shipping)], [0]);
  return { input, lines, applied, rejected, lineDiscounts, shippingAmount, shippingDiscounts };
}

/** What the tax stage is asked, or null when no tax is due: no address yet, or a tax-exempt customer. */
export function taxRequestOf(priced: PricedBeforeTax): TaxRequest | null {
  const { input } = priced;
  if (input.shippingAddress === null || input.customer.taxExempt) return null;
  return {
    settings: input.settings,
    lines: priced.lines.map(({ line, subtotal }, index) => ({
      lineId: line.lineId,
      variantId: line.variantId,
      productId: line.productId,
      quantity: line.quantity,
      taxClass: line.taxClass,
      amount: toMinorUnits(subtotal - sumOf(priced.lineDiscounts[index])),
    })),
    shipping: input.shippingRate && {
      rateId: input.shippingRate.rateId,
      taxClass: input.shippingRate.taxClass,
      amount: toMinorUnits(shippingAfterDiscounts(priced.shippingAmount, priced.shippingDiscounts)),
    },
    address: input.shippingAddress,
    customer: input.customer,
  };
}

function allocations(applied: readonly AppliedDiscount[], amounts: readonly bigint[]): DiscountAllocation[] {
  return applied.flatMap(({ promotion }, index) =>
    amounts[index] > 0n ? [{ promotionId: promotion.promotionId, code: promotion.code, amount: toMinorUnits(amounts[index]) }] : [],
  );
}

/** Every tax of the order, one line per rule (lines and shipping together), by ruleId. */
function orderTaxLines(taxLines: readonly TaxLine[]): TaxLine[] {
  const byRule = new Map<string, TaxLine>();
  for (const taxLine of taxLines) {
    const known = byRule.get(taxLine.ruleId);
    byRule.set(taxLine.ruleId, known ? { ...known, amount: known.amount + taxLine.amount } : { ...taxLine });
  }
  return [...byRule.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

const taxOf = (taxLines: readonly TaxLine[]) => sumOf(taxLines.map(({ amount }) => BigInt(amount)));

/**
 * Totals from the settled discounts and the tax stage's answer (null: no tax). Every total is a sum of
 * whole minor units, so lines sum to the order exactly: total = subtotal − discountTotal + shippingTotal
 * (+ taxTotal when prices exclude tax), and each line likewise.
 */
export function completePricing(priced: PricedBeforeTax, tax: TaxAnswer | null): PricingResult {
  const { input, applied } = priced;
  const taxAdded = !input.settings.pricesIncludeTax;
  const taxLinesByLine = new Map((tax?.lines ?? []).map(({ lineId, taxLines }) => [lineId, taxLines]));
  const lines: PricedLine[] = priced.lines.map(({ line, subtotal }, index) => {
    const discountTotal = sumOf(priced.lineDiscounts[index]);
    const taxLines = (taxLinesByLine.get(line.lineId) ?? []).map((taxLine) => ({ ...taxLine }));
    const taxTotal = taxOf(taxLines);
    return {
      lineId: line.lineId,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      subtotal: toMinorUnits(subtotal),
      discountTotal: toMinorUnits(discountTotal),
      taxTotal: toMinorUnits(taxTotal),
      total: toMinorUnits(subtotal - discountTotal + (taxAdded ? taxTotal : 0n)),
      discounts: allocations(applied, priced.lineDiscounts[index]),
      taxLines,
    };
  });
  const subtotal = sumOf(priced.lines.map((line) => line.subtotal));
  const discountTotal = sumOf(priced.lineDiscounts.map(sumOf));
  const shippingTotal = shippingAfterDiscounts(priced.shippingAmount, priced.shippingDiscounts);
  const shippingTaxLines = (tax?.shipping ?? []).map((taxLine) => ({ ...taxLine }));
  const shippingTaxTotal = taxOf(shippingTaxLines);
  const taxTotal = sumOf(lines.map((line) => BigInt(line.taxTotal))) + shippingTaxTotal;
  return {
    currencyCode: input.settings.currencyCode,
    lines,
    subtotal: toMinorUnits(subtotal),
    discountTotal: toMinorUnits(discountTotal),
    shippingTotal: toMinorUnits(shippingTotal),
    shippingDiscounts: allocations(applied, priced.shippingDiscounts),
    shippingTaxTotal: toMinorUnits(shippingTaxTotal),
    shippingTaxLines,
    taxTotal: toMinorUnits(taxTotal),
    total: toMinorUnits(subtotal - discountTotal + shippingTotal + (taxAdded ? taxTotal : 0n)),
    taxLines: orderTaxLines([...lines.flatMap((line) => line.taxLines), ...shippingTaxLines]),
    appliedPromotions: applied.map(({ promotion }, index) => ({
      promotionId: promotion.promotionId,
      title: promotion.title,
      code: promotion.code,
      amount: toMinorUnits(sumOf(priced.lineDiscounts.map((row) => row[index])) + priced.shippingDiscounts[index]),
    })),
    rejectedPromotions: priced.rejected,
  };
}
