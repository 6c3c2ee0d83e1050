import type { PricedLine, PricingInput, PricingResult } from './pricing.types';

/**
 * Prices a cart or an order: line prices → promotions → shipping → tax. This first cut prices lines
 * and the chosen shipping rate; promotions and tax are the next stages of the chain.
 */
export function priceCart(input: PricingInput): PricingResult {
  const lines: PricedLine[] = input.lines.map((line) => {
    const subtotal = line.unitPrice * line.quantity;
    return {
      lineId: line.lineId,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      subtotal,
      discountTotal: 0,
      taxTotal: 0,
      total: subtotal,
      discounts: [],
      taxLines: [],
    };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.subtotal, 0);
  const shippingTotal = input.shippingRate?.amount ?? 0;
  return {
    currencyCode: input.settings.currencyCode,
    lines,
    subtotal,
    discountTotal: 0,
    shippingTotal,
    shippingDiscounts: [],
    taxTotal: 0,
    total: subtotal + shippingTotal,
    taxLines: [],
    appliedPromotions: [],
    rejectedPromotions: [],
  };
}
