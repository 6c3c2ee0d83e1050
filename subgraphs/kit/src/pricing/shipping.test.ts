import { shippingAfterDiscounts, shippingAmountOf } from './shipping';

describe('shipping stage', () => {
  it('costs the chosen rate, or nothing before one is chosen', () => {
    expect(shippingAmountOf({ rateId: 'std', title: 'Standard', amount: 1299, taxClass: null })).toBe(1299n);
    expect(shippingAmountOf(null)).toBe(0n);
  });

  it('takes off its discounts, down to zero and never below', () => {
    expect(shippingAfterDiscounts(1299n, [299n, 500n])).toBe(500n);
    expect(shippingAfterDiscounts(1299n, [1299n, 0n])).toBe(0n);
    expect(() => shippingAfterDiscounts(1299n, [1300n])).toThrow(RangeError);
  });
});
