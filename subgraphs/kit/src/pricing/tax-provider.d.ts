import type { PricingAddress, PricingCustomer, PricingSettings, TaxLine, TaxRule } from './pricing.types';
/** A line as the tax stage sees it: what it is and what it costs after its discounts. */
export interface TaxableLine {
    lineId: string;
    variantId: string;
    productId: string;
    quantity: number;
    taxClass: string | null;
    /** subtotal − discounts, in minor units (tax included when the store's prices include tax). */
    amount: number;
}
/** Shipping as the tax stage sees it: the chosen rate after its discounts. */
export interface TaxableShipping {
    rateId: string;
    taxClass: string | null;
    amount: number;
}
/** What a tax provider is asked. Only asked with an address and for a customer who is not tax-exempt. */
export interface TaxRequest {
    settings: PricingSettings;
    lines: TaxableLine[];
    shipping: TaxableShipping | null;
    address: PricingAddress;
    customer: PricingCustomer;
}
/** Tax lines per line (a line not listed pays none) and for shipping, in whole minor units, never negative. */
export interface TaxAnswer {
    lines: {
        lineId: string;
        taxLines: TaxLine[];
    }[];
    shipping: TaxLine[];
}
/**
 * An external tax service (Avalara, TaxJar, Stripe Tax…) at the tax stage of `priceCartWithTaxProvider`.
 * It answers in whole minor units, rounded its own way; when the store's prices include tax, the tax it
 * answers is included in the amounts it was given.
 */
export interface TaxProvider {
    calculateTax(request: TaxRequest): Promise<TaxAnswer>;
}
/** The default provider: the store's own rules (`taxByRules`), the same answer `priceCart` gives. */
export declare function builtInTaxProvider(rules: readonly TaxRule[]): TaxProvider;
/** Refuses an answer the engine cannot total honestly: a line it was not asked about, twice, or an amount that is not a whole non-negative number. */
export declare function checkTaxAnswer(request: TaxRequest, answer: TaxAnswer): void;
