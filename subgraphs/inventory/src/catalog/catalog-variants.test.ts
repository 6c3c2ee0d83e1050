import { variantsOf } from './catalog-variants';

describe('variantsOf: the variants a catalog product event lists', () => {
  it('reads an event from before variants as one tracked default variant with the product’s id', () => {
    expect(variantsOf({ productId: 'p' })).toEqual([{ variantId: 'p', trackInventory: true }]);
  });

  it('keeps each listed variant, tracked unless it says trackInventory: false', () => {
    expect(
      variantsOf({
        productId: 'p',
        variants: [{ variantId: 'a', trackInventory: true }, { variantId: 'b', trackInventory: false }, { variantId: 'c' }],
      }),
    ).toEqual([
      { variantId: 'a', trackInventory: true },
      { variantId: 'b', trackInventory: false },
      { variantId: 'c', trackInventory: true },
    ]);
    expect(variantsOf({ productId: 'p', variants: [] })).toEqual([]);
  });
});
