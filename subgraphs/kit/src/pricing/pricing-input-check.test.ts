import { checkPricingInput } from './pricing-input-check';
import { pricingInput, pricingLine, promotion, taxRule } from '../../test/support/pricing-fixtures';

describe('pricing input check', () => {
  it('accepts a well-formed input', () => {
    expect(() =>
      checkPricingInput(
        pricingInput({
          lines: [pricingLine('a', 0, 1), pricingLine('b', 10_000_000, 100)],
          promotions: [promotion('p', { kind: 'FREE_SHIPPING' }), promotion('q', { kind: 'BUY_X_GET_Y', buyQuantity: 0, getQuantity: 1, basisPoints: 10_000 })],
          taxRules: [taxRule('gst', 500)],
        }),
      ),
    ).not.toThrow();
  });

  it.each([
    ['a negative price', pricingInput({ lines: [pricingLine('a', -1, 1)] }), /lines\[0\]\.unitPrice/],
    ['a fractional price', pricingInput({ lines: [pricingLine('a', 9.99, 1)] }), /lines\[0\]\.unitPrice/],
    ['a zero quantity', pricingInput({ lines: [pricingLine('a', 100, 0)] }), /lines\[0\]\.quantity/],
    ['a line id twice', pricingInput({ lines: [pricingLine('a', 1, 1), pricingLine('a', 2, 1)] }), /appears twice/],
    ['more than 100 % off', pricingInput({ promotions: [promotion('p', { kind: 'PERCENTAGE', basisPoints: 10_001 })] }), /basisPoints/],
    ['a negative fixed amount', pricingInput({ promotions: [promotion('p', { kind: 'FIXED_AMOUNT', amount: -5 })] }), /amount/],
    ['get zero units', pricingInput({ promotions: [promotion('p', { kind: 'BUY_X_GET_Y', buyQuantity: 1, getQuantity: 0, basisPoints: 1 })] }), /getQuantity/],
    ['a negative shipping rate', pricingInput({ shippingRate: { rateId: 'r', title: 'r', amount: -1, taxClass: null } }), /shippingRate\.amount/],
    ['a negative tax rate', pricingInput({ taxRules: [taxRule('t', -1)] }), /rateBasisPoints/],
    ['an invalid date', pricingInput({ now: new Date('nonsense') }), /now/],
  ])('refuses %s', (_, input, message) => {
    expect(() => checkPricingInput(input)).toThrow(message);
  });
});
