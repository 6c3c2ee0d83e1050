import type { FormattedExecutionResult } from 'graphql';
import { createLogger } from '@ultramarket/kit';
import { explorerStoreLookup, type RunAsShopper } from './explorer-store';

const STORE_ID = '0b7e4f3a-5c1d-4e2f-9a8b-7c6d5e4f3a2b';
const VARIANT_ID = '1c8f5a4b-6d2e-4f3a-8b9c-8d7e6f5a4b3c';
const logger = createLogger('gateway', 'silent');

/** A supergraph stand-in: answers storeBySlug with `store` and products whose one valid variant in stock is VARIANT_ID, counting calls. */
function supergraph(store: () => { id: string } | null) {
  const calls: { query: string; storeId?: string }[] = [];
  const run: RunAsShopper = async (query, _variables, storeId): Promise<FormattedExecutionResult> => {
    calls.push({ query, storeId });
    if (query.includes('storeBySlug')) return { data: { storeBySlug: store() } };
    return {
      data: {
        products: {
          nodes: [
            { variants: [{ id: 'not-a-uuid', inStock: true }] },
            {
              variants: [
                { id: '2d9a6b5c-7e3f-4a4b-9c0d-9e8f7a6b5c4d', inStock: false },
                { id: VARIANT_ID, inStock: true },
              ],
            },
          ],
        },
      },
    };
  };
  return { run, calls };
}

describe('the explorer store', () => {
  afterEach(() => jest.useRealTimers());

  it('looks the slug up once, then serves it from the cache', async () => {
    const { run, calls } = supergraph(() => ({ id: STORE_ID }));
    const lookup = explorerStoreLookup({ id: null, slug: 'ultramarket-demo' }, run, logger);
    const [first, second] = await Promise.all([lookup(), lookup()]);
    expect(first).toEqual({ slug: 'ultramarket-demo', storeId: STORE_ID, variantId: VARIANT_ID });
    expect(second).toEqual(first);
    await lookup();
    expect(calls).toEqual([expect.objectContaining({ storeId: undefined }), expect.objectContaining({ storeId: STORE_ID })]);
  });

  it('finds a store seeded after the first look, a moment later', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    let seeded = false;
    const { run } = supergraph(() => (seeded ? { id: STORE_ID } : null));
    const lookup = explorerStoreLookup({ id: null, slug: 'ultramarket-demo' }, run, logger);
    expect(await lookup()).toEqual({ slug: 'ultramarket-demo', storeId: null, variantId: null });
    seeded = true;
    jest.advanceTimersByTime(2_001);
    expect((await lookup()).storeId).toBe(STORE_ID);
  });

  it('opens without a store when the lookup fails, and skips it when the store id is configured', async () => {
    const failing = explorerStoreLookup({ id: null, slug: 'ultramarket-demo' }, async () => ({ errors: [{ message: 'stores is down' }] }), logger);
    expect(await failing()).toEqual({ slug: 'ultramarket-demo', storeId: null, variantId: null });

    const { run, calls } = supergraph(() => null);
    const configured = explorerStoreLookup({ id: STORE_ID, slug: 'ultramarket-demo' }, run, logger);
    expect(await configured()).toEqual({ slug: null, storeId: STORE_ID, variantId: VARIANT_ID });
    expect(calls.map(({ query }) => query.includes('storeBySlug'))).toEqual([false]);
  });

  it('does not hold the page for a slow supergraph', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const lookup = explorerStoreLookup({ id: null, slug: 'ultramarket-demo' }, () => new Promise(() => undefined), logger);
    const page = lookup();
    jest.advanceTimersByTime(2_000);
    await expect(page).resolves.toEqual({ slug: 'ultramarket-demo', storeId: null, variantId: null });
  });
});
