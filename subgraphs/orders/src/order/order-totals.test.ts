import { MAX_ORDER_TOTAL, orderTotals } from './order-totals';

describe('orderTotals', () => {
  it('adds line totals above 2^31 minor units exactly', () => {
    const totals = orderTotals([{ unitPriceAmount: 3_000_000_000, quantity: 2 }], { flatShippingAmount: 0, taxRateBasisPoints: 0 });
    expect(totals).toEqual({ subtotal: 6_000_000_000, shipping: 0, tax: 0, total: 6_000_000_000 });
  });

  it('rounds tax half up to a minor unit without floating point', () => {
    // 825 bps of 9_999_999_999 × 100 = 82_499_999_991.75, beyond what a double multiplies exactly at this size
    const totals = orderTotals([{ unitPriceAmount: 9_999_999_999, quantity: 100 }], { flatShippingAmount: 500, taxRateBasisPoints: 825 });
    expect(totals).toEqual({ subtotal: 999_999_999_900, shipping: 500, tax: 82_499_999_992, total: 1_082_500_000_392 });
    expect(orderTotals([{ unitPriceAmount: 2, quantity: 1 }], { flatShippingAmount: 0, taxRateBasisPoints: 2_500 })?.tax).toBe(1);
  });

  it('refuses a total beyond MAX_ORDER_TOTAL', () => {
    const line = { unitPriceAmount: 10_000_000_000, quantity: 1_000 };
    expect(
      orderTotals(
        Array.from({ length: 900 }, () => line),
        { flatShippingAmount: 0, taxRateBasisPoints: 0 },
      ),
    ).toEqual(expect.objectContaining({ total: 9_000_000_000_000_000 }));
    expect(
      orderTotals(
        Array.from({ length: 901 }, () => line),
        { flatShippingAmount: 0, taxRateBasisPoints: 0 },
      ),
    ).toBeNull();
    expect(orderTotals([{ unitPriceAmount: MAX_ORDER_TOTAL, quantity: 1 }], { flatShippingAmount: 1, taxRateBasisPoints: 0 })).toBeNull();
  });
});
