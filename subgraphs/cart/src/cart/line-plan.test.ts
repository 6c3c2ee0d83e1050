import { planAdd, planMerge, planRemove, planUpdate, type Quantities } from './line-plan';
import type { CartConfig } from '../cart-config';
import type { VariantOffer } from './variant-offers';

const config: CartConfig = { maxLines: 2, maxLineQuantity: 5, guestIdleMs: 1, customerIdleMs: 1, sweepIntervalMs: 1, checkoutReplyTimeoutMs: 1 };
const offer = (variantId: string, currencyCode = 'USD', onSale = true): [string, VariantOffer] => [variantId, { variantId, currencyCode, onSale }];
const offers = new Map([offer('a'), offer('b'), offer('eur', 'EUR'), offer('gone', 'USD', false)]);
const codes = (plan: ReturnType<typeof planAdd>) => ('errors' in plan ? plan.errors.map((error) => [error.code, error.field?.join('.')]) : []);

describe('line plans', () => {
  const current: Quantities = new Map([['a', 2]]);

  it('adds quantities of one variant together and lets the first line fix an unknown currency', () => {
    expect(planAdd(new Map(), [{ variantId: 'eur', quantity: 1 }], offers, null, config)).toEqual({ quantities: new Map([['eur', 1]]), currencyCode: 'EUR' });
    const plan = planAdd(
      current,
      [
        { variantId: 'a', quantity: 1 },
        { variantId: 'b', quantity: 1 },
        { variantId: 'a', quantity: 2 },
      ],
      offers,
      'USD',
      config,
    );
    expect(plan).toEqual({
      quantities: new Map([
        ['a', 5],
        ['b', 1],
      ]),
      currencyCode: 'USD',
    });
  });

  it('refuses unknown or unsold variants, another currency, quantities and line counts beyond the limits', () => {
    expect(
      codes(
        planAdd(
          current,
          [
            { variantId: 'gone', quantity: 1 },
            { variantId: 'nope', quantity: 1 },
          ],
          offers,
          'USD',
          config,
        ),
      ),
    ).toEqual([
      ['PRODUCT_NOT_AVAILABLE', 'input.lines.0.variantId'],
      ['PRODUCT_NOT_AVAILABLE', 'input.lines.1.variantId'],
    ]);
    expect(codes(planAdd(current, [{ variantId: 'eur', quantity: 1 }], offers, 'USD', config))).toEqual([['CURRENCY_MISMATCH', 'input.lines.0.variantId']]);
    expect(codes(planAdd(current, [{ variantId: 'a', quantity: 4 }], offers, 'USD', config))).toEqual([['QUANTITY_TOO_LARGE', 'input.lines.0.quantity']]);
    expect(
      codes(
        planAdd(
          new Map([
            ['b', 1],
            ['a', 1],
          ]),
          [{ variantId: 'x', quantity: 1 }],
          new Map([...offers, offer('x')]),
          'USD',
          config,
        ),
      ),
    ).toEqual([['TOO_MANY_LINES', 'input.lines']]);
  });

  it('updates only lines the cart has, each once; a rising line must still be on sale, a falling one need not', () => {
    const withGone: Quantities = new Map([
      ['a', 2],
      ['gone', 3],
    ]);
    expect(planUpdate(withGone, [{ variantId: 'gone', quantity: 1 }], offers, 'USD', config)).toEqual({
      quantities: new Map([
        ['a', 2],
        ['gone', 1],
      ]),
      currencyCode: 'USD',
    });
    expect(
      codes(
        planUpdate(
          withGone,
          [
            { variantId: 'a', quantity: 3 },
            { variantId: 'gone', quantity: 4 },
          ],
          offers,
          'USD',
          config,
        ),
      ),
    ).toEqual([['PRODUCT_NOT_AVAILABLE', 'input.lines.1.variantId']]);
    expect(
      codes(
        planUpdate(
          withGone,
          [
            { variantId: 'b', quantity: 1 },
            { variantId: 'a', quantity: 1 },
            { variantId: 'a', quantity: 2 },
          ],
          offers,
          'USD',
          config,
        ),
      ),
    ).toEqual([
      ['LINE_NOT_FOUND', 'input.lines.0.variantId'],
      ['DUPLICATE_LINE', 'input.lines.2.variantId'],
    ]);
  });

  it('removes lines by variant (once however often named) and refuses a variant the cart lacks', () => {
    expect(planRemove(current, ['a', 'a'], 'USD')).toEqual({ quantities: new Map(), currencyCode: 'USD' });
    expect(codes(planRemove(current, ['b'], 'USD'))).toEqual([['LINE_NOT_FOUND', 'input.variantIds.0']]);
  });

  it('merges by adding quantities capped at the line maximum, refusing more lines than a cart holds', () => {
    expect(
      planMerge(
        current,
        new Map([
          ['a', 4],
          ['b', 1],
        ]),
        config,
      ),
    ).toEqual({
      quantities: new Map([
        ['a', 5],
        ['b', 1],
      ]),
      currencyCode: null,
    });
    expect(
      codes(
        planMerge(
          current,
          new Map([
            ['b', 1],
            ['c', 1],
          ]),
          config,
        ),
      ),
    ).toEqual([['TOO_MANY_LINES', 'input.cartId']]);
  });
});
