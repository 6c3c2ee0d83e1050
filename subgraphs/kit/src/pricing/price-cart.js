"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.priceCart = priceCart;
exports.priceCartWithTaxProvider = priceCartWithTaxProvider;
const pricing_chain_1 = require("./pricing-chain");
const tax_1 = require("./tax");
const tax_provider_1 = require("./tax-provider");
/**
 * Prices a cart or an order: line prices → promotions → shipping → tax (the store's own rules), pure and
 * synchronous, so a cart, its checkout review and the order it becomes agree to the minor unit.
 * The rules of each stage are in docs/pricing.md. Input that breaks the contract throws a RangeError.
 */
function priceCart(input) {
    const beforeTax = (0, pricing_chain_1.priceBeforeTax)(input);
    const request = (0, pricing_chain_1.taxRequestOf)(beforeTax);
    return (0, pricing_chain_1.completePricing)(beforeTax, request && (0, tax_1.taxByRules)(request, input.taxRules));
}
/**
 * The same chain with an external tax service at the tax stage (`input.taxRules` are not used). The
 * provider is not asked when no tax is due (no address, a tax-exempt customer); an answer it could not
 * be totalled from (a line it was not asked about, a negative or fractional tax) rejects.
 */
async function priceCartWithTaxProvider(input, provider) {
    const beforeTax = (0, pricing_chain_1.priceBeforeTax)(input);
    const request = (0, pricing_chain_1.taxRequestOf)(beforeTax);
    if (request === null)
        return (0, pricing_chain_1.completePricing)(beforeTax, null);
    const answer = await provider.calculateTax(request);
    (0, tax_provider_1.checkTaxAnswer)(request, answer);
    return (0, pricing_chain_1.completePricing)(beforeTax, answer);
}
//# sourceMappingURL=price-cart.js.map