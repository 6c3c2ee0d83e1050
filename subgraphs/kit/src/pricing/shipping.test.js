"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const shipping_1 = require("./shipping");
describe('shipping stage', () => {
    it('costs the chosen rate, or nothing before one is chosen', () => {
        expect((0, shipping_1.shippingAmountOf)({ rateId: 'std', title: 'Standard', amount: 1299, taxClass: null })).toBe(1299n);
        expect((0, shipping_1.shippingAmountOf)(null)).toBe(0n);
    });
    it('takes off its discounts, down to zero and never below', () => {
        expect((0, shipping_1.shippingAfterDiscounts)(1299n, [299n, 500n])).toBe(500n);
        expect((0, shipping_1.shippingAfterDiscounts)(1299n, [1299n, 0n])).toBe(0n);
        expect(() => (0, shipping_1.shippingAfterDiscounts)(1299n, [1300n])).toThrow(RangeError);
    });
});
//# sourceMappingURL=shipping.test.js.map