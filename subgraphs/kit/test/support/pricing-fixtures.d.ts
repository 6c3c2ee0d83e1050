import type { PricingInput, PricingLine, Promotion, PromotionTarget, TaxRule } from '../../src/pricing/pricing.types';
/** Small builders for the pricing engine's tests; not exported from the kit. */
export declare function pricingLine(lineId: string, unitPrice: number, quantity: number, overrides?: Partial<PricingLine>): PricingLine;
export declare function promotion(promotionId: string, value: Promotion['value'], overrides?: Partial<Promotion>): Promotion;
export declare function taxRule(ruleId: string, rateBasisPoints: number, where?: Partial<TaxRule>): TaxRule;
export declare const NOW: Date;
export declare function pricingInput(overrides?: Partial<PricingInput>): PricingInput;
export declare function linesTarget(match: {
    productIds?: string[];
    variantIds?: string[];
    collectionIds?: string[];
}): PromotionTarget;
