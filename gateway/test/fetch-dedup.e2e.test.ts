import { randomUUID } from 'node:crypto';
import { acquireStack, releaseStack, type PooledStack } from '../../scripts/lib/stack-pool';
import { startExtraGateway, type ExtraGateway } from './support/extra-gateway';
import { Storefront } from './support/storefront';

const PRODUCTS = 'query FirstProducts { products(first: 20) { nodes { id title } } }';
const BURST = 20;

/**
 * In-flight deduplication of subgraph fetches end to end: a burst of identical anonymous storefront
 * queries reaches the catalog subgraph as fewer requests through the default gateway, and as one each
 * through a gateway with GATEWAY_DEDUPLICATE_FETCHES=false; every caller gets the full answer either way.
 */
describe('gateway in-flight fetch deduplication', () => {
  let stack: PooledStack;
  let store: Storefront;
  let deduplicated: ExtraGateway;
  let undeduplicated: ExtraGateway;

  beforeAll(async () => {
    // the response cache would answer most of a burst itself: off, so every answer comes from the subgraphs; two
    // gateways of the suite's own over the (pooled) stack's subgraphs: the default one, and one without deduplication
    stack = await acquireStack({ name: 'fetchdedup' });
    store = new Storefront(stack);
    await store.product(`Dedup lamp ${randomUUID().slice(0, 8)}`, 3);
    await store.product(`Dedup mug ${randomUUID().slice(0, 8)}`, 1);
    deduplicated = await startExtraGateway(stack, { RESPONSE_CACHE_ENABLED: 'false' });
    undeduplicated = await startExtraGateway(stack, { GATEWAY_DEDUPLICATE_FETCHES: 'false', RESPONSE_CACHE_ENABLED: 'false' });
  }, 180_000);

  afterAll(async () => {
    await deduplicated?.stop();
    await undeduplicated?.stop();
    await releaseStack(stack);
  });

  /** GraphQL requests the catalog subgraph has served (`http_request_duration_seconds_count` on /graphql). */
  const catalogRequests = async (): Promise<number> => {
    const text = await (await fetch(stack.services.catalog.metricsUrl!)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('http_request_duration_seconds_count{') && line.includes('route="/graphql"'))
      .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);
  };

  /** BURST identical anonymous queries at once; the catalog requests they cost and the titles each caller got. */
  const burst = async (url: string) => {
    const before = await catalogRequests();
    const answers = await Promise.all(
      Array.from({ length: BURST }, async () => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-store-id': store.storeId },
          body: JSON.stringify({ query: PRODUCTS }),
        });
        const body = (await response.json()) as { data?: { products: { nodes: { title: string }[] } }; errors?: unknown };
        expect(body.errors).toBeUndefined();
        return body.data!.products.nodes.map((node) => node.title).sort();
      }),
    );
    return { catalogRequests: (await catalogRequests()) - before, answers };
  };

  it('sends fewer catalog requests than identical queries in flight, each caller answered in full', async () => {
    const { catalogRequests: sent, answers } = await burst(deduplicated.url);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(BURST);
    for (const titles of answers) expect(titles).toEqual([expect.stringMatching(/^Dedup lamp /), expect.stringMatching(/^Dedup mug /)]);
  });

  it('sends one catalog request per query with GATEWAY_DEDUPLICATE_FETCHES=false', async () => {
    const { catalogRequests: sent, answers } = await burst(undeduplicated.url);
    expect(sent).toBe(BURST);
    expect(new Set(answers.map((titles) => titles.join('\n'))).size).toBe(1);
  });
});
