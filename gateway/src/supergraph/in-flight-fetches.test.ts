import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { parse } from 'graphql';
import { CLIENT_ADDRESS_HEADER, verifyGatewaySignature } from '@ultramarket/kit';
import type { GatewayContext } from '../gateway-context';
import { fetchKey, InFlightFetches, isQueryOperation } from './in-flight-fetches';
import type { PooledFetcher, SubgraphEndpoint, SubgraphHttpResponse } from './pooled-fetcher';
import { SubgraphDataSource } from './subgraph-data-source';
import { withFreshReads } from './fresh-reads';

const SECRET = 'in-flight-fetches-test-secret';
const PRODUCTS = 'query Products($first: Int) { products(first: $first) { nodes { id } } }';
const PLACE_ORDER = 'mutation Place($id: ID!) { placeOrder(input: { productId: $id }) { order { id } } }';

interface SentFetch {
  headers: Record<string, string>;
  body: string;
  answer(response: Partial<SubgraphHttpResponse>): void;
  fail(error: Error): void;
}

/** A subgraph that answers only when the test says so, so that fetches overlap as the test arranges. */
function heldSubgraph() {
  const sent: SentFetch[] = [];
  const fetcher = {
    endpoint: (url: string): SubgraphEndpoint => ({ url, origin: 'http://catalog.test', path: '/graphql' }) as SubgraphEndpoint,
    post: (_endpoint: SubgraphEndpoint, headers: Record<string, string>, body: string) =>
      new Promise<SubgraphHttpResponse>((resolve, reject) => {
        sent.push({
          headers: { ...headers },
          body,
          answer: (response) =>
            resolve({
              status: 200,
              contentType: 'application/json',
              cacheControl: undefined,
              text: '{"data":{"products":{"nodes":[{"id":"p1"}]}}}',
              ...response,
            }),
          fail: reject,
        });
      }),
  } as unknown as PooledFetcher;
  return { sent, fetcher };
}

function operation(
  query: string,
  variables: Record<string, unknown>,
  forwardHeaders: Record<string, string>,
  context: GatewayContext = { forwardHeaders } as GatewayContext,
): GraphQLDataSourceProcessOptions<GatewayContext> {
  return {
    // GraphQLDataSourceRequestKind.INCOMING_OPERATION, which @apollo/gateway does not export
    kind: 'incoming operation' as Extract<GraphQLDataSourceProcessOptions, { incomingRequestContext: unknown }>['kind'],
    request: { query, variables },
    incomingRequestContext: {} as never,
    context,
    document: parse(query),
  };
}

const anonymous = (requestId: string) => ({
  'x-request-id': requestId,
  'x-correlation-id': requestId,
  'x-store-id': 'store-a',
  [CLIENT_ADDRESS_HEADER]: '10.0.0.1',
});
/** Lets every fetch the data source starts reach the held subgraph (dispatch waits a microtask). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('in-flight subgraph fetch deduplication', () => {
  it('sends concurrent identical queries once, signed so the subgraph verifies it, and gives each caller its own copy', async () => {
    const { sent, fetcher } = heldSubgraph();
    const source = new SubgraphDataSource('http://catalog.test/graphql', fetcher, SECRET);
    const answers = Array.from({ length: 5 }, (_, index) => source.process(operation(PRODUCTS, { first: 20 }, anonymous(`request-${index}`))));
    await settle();
    expect(sent).toHaveLength(1);
    expect(verifyGatewaySignature(SECRET, { method: 'POST', target: '/graphql', body: sent[0].body, headers: sent[0].headers })).toBeUndefined();
    sent[0].answer({});
    const results = await Promise.all(answers);
    expect(results.map((result) => result.data)).toEqual(Array.from({ length: 5 }, () => ({ products: { nodes: [{ id: 'p1' }] } })));
    expect(new Set(results).size).toBe(5);
    (results[0].data as { products: { nodes: unknown[] } }).products.nodes.length = 0;
    expect(results[1].data).toEqual({ products: { nodes: [{ id: 'p1' }] } });

    // settled: the next identical query is sent again
    const later = source.process(operation(PRODUCTS, { first: 20 }, anonymous('request-later')));
    await settle();
    expect(sent).toHaveLength(2);
    sent[1].answer({});
    await later;
  });

  it('never shares across tokens, stores, client addresses or variables', async () => {
    const { sent, fetcher } = heldSubgraph();
    const source = new SubgraphDataSource('http://catalog.test/graphql', fetcher, SECRET);
    const base = anonymous('r');
    const answers = [
      operation(PRODUCTS, { first: 20 }, base),
      operation(PRODUCTS, { first: 20 }, { ...base, authorization: 'Bearer token-a' }),
      operation(PRODUCTS, { first: 20 }, { ...base, authorization: 'Bearer token-b' }),
      operation(PRODUCTS, { first: 20 }, { ...base, 'x-store-id': 'store-b' }),
      operation(PRODUCTS, { first: 20 }, { ...base, [CLIENT_ADDRESS_HEADER]: '10.0.0.2' }),
      operation(PRODUCTS, { first: 10 }, base),
    ].map((options) => source.process(options));
    await settle();
    expect(sent).toHaveLength(6);
    for (const fetch of sent) fetch.answer({});
    await Promise.all(answers);
  });

  it('never shares mutations, and sends everything when turned off', async () => {
    const { sent, fetcher } = heldSubgraph();
    const source = new SubgraphDataSource('http://catalog.test/graphql', fetcher, SECRET);
    const mutations = [1, 2, 3].map((index) => source.process(operation(PLACE_ORDER, { id: 'p1' }, anonymous(`m-${index}`))));
    const off = new SubgraphDataSource('http://catalog.test/graphql', fetcher, SECRET, false);
    const queries = [1, 2, 3].map((index) => off.process(operation(PRODUCTS, { first: 20 }, anonymous(`q-${index}`))));
    await settle();
    expect(sent).toHaveLength(6);
    for (const fetch of sent) fetch.answer({});
    await Promise.all([...mutations, ...queries]);
  });

  it('never lets an event-driven execution join a fetch already in flight: it sends its own and gets its own answer', async () => {
    const { sent, fetcher } = heldSubgraph();
    const source = new SubgraphDataSource('http://catalog.test/graphql', fetcher, SECRET);
    // a shopper's query, in flight since before the event
    const beforeEvent = source.process(operation(PRODUCTS, { first: 20 }, anonymous('before-event')));
    await settle();
    expect(sent).toHaveLength(1);

    // what a subscription executes after the event, marked as create-gateway marks it
    const forwardHeaders: Record<string, string> = anonymous('after-event');
    const subscriberContext = { forwardHeaders } as GatewayContext;
    const executeForEvent = withFreshReads((_document, variables, context) => source.process(operation(PRODUCTS, variables, context.forwardHeaders, context)));
    const afterEvent = executeForEvent(parse(PRODUCTS), { first: 20 }, subscriberContext);
    // and a second one for the same event: not shared either
    const afterEventAgain = executeForEvent(parse(PRODUCTS), { first: 20 }, subscriberContext);
    await settle();
    expect(sent).toHaveLength(3);
    expect(subscriberContext.freshReads).toBeUndefined();

    sent[1].answer({ text: '{"data":{"products":{"nodes":[{"id":"after"}]}}}' });
    sent[2].answer({ text: '{"data":{"products":{"nodes":[{"id":"after"}]}}}' });
    expect((await afterEvent).data).toEqual({ products: { nodes: [{ id: 'after' }] } });
    expect((await afterEventAgain).data).toEqual({ products: { nodes: [{ id: 'after' }] } });
    sent[0].answer({ text: '{"data":{"products":{"nodes":[{"id":"before"}]}}}' });
    expect((await beforeEvent).data).toEqual({ products: { nodes: [{ id: 'before' }] } });

    // an ordinary query after all that is shared again
    const [one, two] = [1, 2].map((index) => source.process(operation(PRODUCTS, { first: 20 }, anonymous(`later-${index}`))));
    await settle();
    expect(sent).toHaveLength(4);
    sent[3].answer({});
    await Promise.all([one, two]);
  });

  it('gives every waiter the error of the shared fetch, a subgraph error status as a GraphQLError, then forgets it', async () => {
    const { sent, fetcher } = heldSubgraph();
    const source = new SubgraphDataSource('http://catalog.test/graphql', fetcher, SECRET);
    const failing = [1, 2, 3].map((index) => source.process(operation(PRODUCTS, { first: 20 }, anonymous(`f-${index}`))));
    await settle();
    expect(sent).toHaveLength(1);
    sent[0].fail(new Error('socket hang up'));
    for (const result of await Promise.allSettled(failing)) expect(result).toMatchObject({ status: 'rejected', reason: { message: 'socket hang up' } });

    const refused = [1, 2].map((index) => source.process(operation(PRODUCTS, { first: 20 }, anonymous(`u-${index}`))));
    await settle();
    expect(sent).toHaveLength(2);
    sent[1].answer({ status: 401, text: '{"errors":[{"message":"no"}]}' });
    for (const result of await Promise.allSettled(refused))
      expect(result).toMatchObject({ status: 'rejected', reason: { message: '401: 401', extensions: { code: 'UNAUTHENTICATED' } } });
  });
});

describe('InFlightFetches', () => {
  it('removes an entry when its fetch settles, fulfilled or rejected, even one that throws at once', async () => {
    const fetches = new InFlightFetches<number>();
    let calls = 0;
    const ok = [fetches.share('a', async () => ++calls), fetches.share('a', async () => ++calls)];
    const failed = [
      fetches.share('b', () => {
        throw new Error('at once');
      }),
      fetches.share('b', async () => 0),
    ];
    expect(fetches.size).toBe(2);
    expect(await Promise.all(ok)).toEqual([1, 1]);
    for (const result of await Promise.allSettled(failed)) expect(result).toMatchObject({ status: 'rejected', reason: { message: 'at once' } });
    expect(fetches.size).toBe(0);
    expect(await fetches.share('a', async () => ++calls)).toBe(2);
  });

  it('keys on the body and every header but the per-request ids', () => {
    const headers = { 'content-type': 'application/json', 'x-store-id': 's', authorization: 'Bearer t' };
    expect(fetchKey({ ...headers, 'x-request-id': '1', 'x-correlation-id': '1' }, 'body')).toBe(fetchKey({ 'x-request-id': '2', ...headers }, 'body'));
    expect(fetchKey(headers, 'body')).not.toBe(fetchKey({ ...headers, authorization: 'Bearer u' }, 'body'));
    expect(fetchKey(headers, 'body')).not.toBe(fetchKey({ ...headers, 'user-agent': 'x' }, 'body'));
    expect(fetchKey(headers, 'body')).not.toBe(fetchKey(headers, 'body2'));
  });

  it('treats only queries as shareable, from the document or the text', () => {
    expect(isQueryOperation(PRODUCTS, parse(PRODUCTS))).toBe(true);
    expect(isQueryOperation(PLACE_ORDER, parse(PLACE_ORDER))).toBe(false);
    expect(isQueryOperation('subscription { a }', parse('subscription { a }'))).toBe(false);
    expect(isQueryOperation('{ a }', undefined)).toBe(true);
    expect(isQueryOperation('# why\n  query Q { a }', undefined)).toBe(true);
    expect(isQueryOperation('mutation M { a }', undefined)).toBe(false);
    expect(isQueryOperation('queryish', undefined)).toBe(false);
  });
});
