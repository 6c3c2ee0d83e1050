import type { PricingInput, PricingResult } from './pricing.types';
import { type TaxProvider } from './tax-provider';
/**
 * Prices a cart or an order: line prices → promotions → shipping → tax (the store's own rules), pure and
 * synchronous, so a cart, its checkout review and the order it becomes agree to the minor unit.
 * The rules of each stage are in docs/pricing.md. Input that breaks the contract throws a RangeError.
 */
export declare function priceCart(input: PricingInput): PricingResult;
/**
 * The same chain with an external tax service at the tax stage (`input.taxRules` are not used). The
 * provider is not asked when no tax is due (no address, a tax-exempt customer); an answer it could not
 * be totalled from (a line it was not asked about, a negative or fractional tax) rejects.
 */
export declare function priceCartWithTaxProvider(input: PricingInput, provider: TaxProvider): Promise<PricingResult>;
