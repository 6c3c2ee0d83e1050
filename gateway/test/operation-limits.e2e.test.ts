import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { GraphQLClient } from 'graphql-request';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadSigningKeys, loadSubgraphSigningSecret, readAuthConfig } from '@ultramarket/kit';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { startExtraGateway, type ExtraGateway } from './support/extra-gateway';
import { Storefront } from './support/storefront';

/** The defaults of gateway-config.ts (MAX_QUERY_*), which these tests run with. */
const LIMITS = { depth: 12, aliases: 30, tokens: 1000, directives: 20, cost: 1000 };

const repeat = (count: number, text: (index: number) => string) => Array.from({ length: count }, (_, index) => text(index)).join(' ');
/** `Order.payments → Payment.order` two levels a fragment, each fragment spreading the next. */
const chainedFragments = (count: number) =>
  repeat(count, (index) => `fragment D${index} on Order { payments { order { ${index + 1 < count ? `...D${index + 1}` : 'id'} } } }`);

/** 81 levels over HTTP: orders → nodes, then 39 fragments of two levels, then `id`. */
const DEEP = `query Deep { orders(first: 1) { nodes { ...D0 } } } ${chainedFragments(39)}`;
/** 200 aliased pages of 100 products: ~3000 tokens, so the token limit stops it while parsing. */
const PRODUCT_PAGES_200 = `{ ${repeat(200, (index) => `p${index}: products(first: 100) { nodes { id stock } }`)} }`;
/** The same under the token limit: 31 aliases (and 31 × 101 points). */
const PRODUCT_PAGES_31 = `{ ${repeat(31, (index) => `p${index}: products(first: 100) { nodes { id stock } }`)} }`;
const TYPENAMES_20000 = `{ ${repeat(20_000, (index) => `a${index}: __typename`)} }`;
const DIRECTIVES_5000 = `{ __typename ${'@skip(if: false) '.repeat(5000)}}`;
/** Under the token limit: 30 directives, one a field. */
const DIRECTIVES_30 = `{ ${'__typename @skip(if: false) '.repeat(30)}}`;
/** No alias, no directive, nothing deep: 1500 selections of `__typename`. */
const TOKEN_HEAVY = `{ ${'__typename '.repeat(1500)}}`;
/** One alias, depth 6: 1 + 100 × (1 + 1 + 100) = 10 201 points. */
const NESTED_CONNECTIONS = '{ customers(first: 100) { nodes { id orders(first: 100) { nodes { id } } } } }';
const STOREFRONT = `query Storefront {
  products(first: 20) {
    totalCount
    nodes { id title handle status price { amount currencyCode } stock inStock }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** 82 levels: orderStatusChanged, then 40 fragments of two levels, then `id`. */
const DEEP_SUBSCRIPTION = `subscription Deep($orderId: ID!) { orderStatusChanged(orderId: $orderId) { ...D0 } } ${chainedFragments(40)}`;
/** Depth 8, 1 + 5 × (1 + 1 + 5 × (1 + 1 + 5 × (1 + 1 + 20))) = 2811 points (payments assumed 5, line items 20). */
const COSTLY_SUBSCRIPTION = `subscription Costly($orderId: ID!) {
  orderStatusChanged(orderId: $orderId) { payments { order { payments { order { payments { order { lineItems { quantity } } } } } } } }
}`;
const ALIASED_SUBSCRIPTION = `subscription Aliased($productId: ID!) { stockChanged(productId: $productId) { ${repeat(31, (index) => `a${index}: id`)} } }`;
const TOKEN_HEAVY_SUBSCRIPTION = `subscription Tokens($productId: ID!) { stockChanged(productId: $productId) { ${'id '.repeat(1500)}} }`;
const DIRECTIVES_SUBSCRIPTION = `subscription Directives($productId: ID!) { stockChanged(productId: $productId) { ${'id @include(if: true) '.repeat(30)}} }`;
const TYPENAMES_SUBSCRIPTION = `subscription { stockChanged(productId: "${randomUUID()}") { ${repeat(20_000, (index) => `a${index}: __typename`)} } }`;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * The gateway's operation limits end to end, over HTTP and WebSocket: each abusive shape is refused
 * with its code and figures and no subgraph is asked anything; a storefront page passes. Then the
 * production posture (introspection, suggestions, explorer), helmet's headers and CSRF prevention.
 */
describe('gateway operation limits and production posture', () => {
  let stack: Stack;
  let store: Storefront;
  let production: ExtraGateway;
  let productionWithIntrospection: ExtraGateway;
  const timings: { shape: string; transport: 'HTTP' | 'WebSocket'; code: string; bytes: number; ms: number }[] = [];

  beforeAll(async () => {
    stack = await acquireStack({ name: 'limits' });
    store = new Storefront(stack);
    await store.product(`Limits lamp ${randomUUID().slice(0, 8)}`, 3);
    await store.product(`Limits mug ${randomUUID().slice(0, 8)}`, 0);
    // what NODE_ENV=production requires of a gateway: a public key to verify tokens and the subgraphs' signing secret
    const productionEnv = {
      NODE_ENV: 'production',
      JWT_PUBLIC_KEY: loadSigningKeys(readAuthConfig(), false).publicKeyPem,
      SUBGRAPH_SIGNING_SECRET: loadSubgraphSigningSecret(),
    };
    [production, productionWithIntrospection] = await Promise.all([
      startExtraGateway(stack, productionEnv),
      startExtraGateway(stack, { ...productionEnv, GRAPHQL_INTROSPECTION: 'true' }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([production?.stop(), productionWithIntrospection?.stop()]);
    await releaseStack(stack);
    if (timings.length > 0) {
      const rows = timings.map(({ shape, transport, code, bytes, ms }) => `| ${shape} | ${transport} | ${code} | ${bytes} | ${ms.toFixed(1)} |`);
      console.log(['Refusal times (client round trip)', '| shape | transport | code | bytes | ms |', '| --- | --- | --- | ---: | ---: |', ...rows].join('\n'));
    }
  });

  /** GraphQL requests every subgraph has served (`http_request_duration_seconds_count` on /graphql), by subgraph. */
  const subgraphRequests = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const [name, service] of Object.entries(stack.services)) {
      if (!service.metricsUrl) continue;
      const text = await (await fetch(service.metricsUrl)).text();
      counts[name] = text
        .split('\n')
        .filter((line) => line.startsWith('http_request_duration_seconds_count{') && line.includes('route="/graphql"'))
        .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);
    }
    return counts;
  };

  const post = async (url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-store-id': store.storeId, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
  };

  /** Posts `query` to the development gateway, timed, and checks that no subgraph was asked anything. */
  const refusedOverHttp = async (shape: string, query: string) => {
    const before = await subgraphRequests();
    const started = performance.now();
    const answer = await post(stack.gatewayUrl, { query });
    const ms = performance.now() - started;
    expect(await subgraphRequests()).toEqual(before);
    const error = answer.body.errors?.[0];
    timings.push({ shape, transport: 'HTTP', code: String(error?.extensions?.code), bytes: query.length, ms });
    return { status: answer.status, data: answer.body.data, errors: answer.body.errors ?? [], error };
  };

  /**
   * Subscribes over graphql-ws as a shopper of the store and waits for the first thing the gateway
   * answers: the errors of an `error` message, or the socket's close code. Timed from the subscribe.
   */
  const refusedOverWebSocket = async (shape: string, query: string, variables: Record<string, unknown> = {}) => {
    const before = await subgraphRequests();
    const shopper = store.customer();
    const client = createClient({
      url: stack.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${shopper.token}`, 'X-Store-Id': store.storeId },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    const started = performance.now();
    const outcome = await new Promise<{ errors?: { message: string; extensions?: Record<string, unknown> }[]; closeCode?: number; data?: unknown }>((resolve) =>
      client.subscribe(
        { query, variables },
        {
          next: (result) => resolve({ data: result.data, errors: result.errors as { message: string; extensions?: Record<string, unknown> }[] }),
          error: (error) =>
            resolve(
              Array.isArray(error)
                ? { errors: error as { message: string; extensions?: Record<string, unknown> }[] }
                : { closeCode: (error as { code?: number }).code },
            ),
          complete: () => resolve({}),
        },
      ),
    );
    const ms = performance.now() - started;
    await client.dispose();
    expect(await subgraphRequests()).toEqual(before);
    const code = outcome.errors?.[0]?.extensions?.code ?? (outcome.closeCode ? `closed ${outcome.closeCode}` : 'none');
    timings.push({ shape, transport: 'WebSocket', code: String(code), bytes: query.length, ms });
    return { ...outcome, error: outcome.errors?.[0] };
  };

  describe('over HTTP, refused before any subgraph is asked', () => {
    it('refuses 81 levels through chained fragments (Order.payments → Payment.order) with QUERY_TOO_DEEP', async () => {
      const refused = await refusedOverHttp('81 levels, chained fragments', DEEP);
      expect(refused.status).toBe(400);
      expect(refused.errors).toHaveLength(1);
      expect(refused.error).toEqual({
        message: 'Query has 81 levels, over the limit of 12',
        extensions: { code: 'QUERY_TOO_DEEP', limit: LIMITS.depth, found: 81 },
      });
    });

    it('refuses 200 aliased pages of 100 products while parsing: their ~3000 tokens come before aliases or cost', async () => {
      const refused = await refusedOverHttp('200 × products(first: 100)', PRODUCT_PAGES_200);
      expect(refused.status).toBe(400);
      expect(refused.error).toEqual({ message: 'Query has more than 1000 tokens', extensions: { code: 'TOO_MANY_TOKENS', limit: LIMITS.tokens } });
    });

    it('refuses 31 aliased pages of 100 products (under the token limit) with TOO_MANY_ALIASES, before their cost', async () => {
      const refused = await refusedOverHttp('31 × products(first: 100)', PRODUCT_PAGES_31);
      expect(refused.status).toBe(400);
      expect(refused.errors).toHaveLength(1);
      expect(refused.error).toMatchObject({
        message: 'Query has 31 aliases, over the limit of 30',
        extensions: { code: 'TOO_MANY_ALIASES', limit: LIMITS.aliases, found: 31 },
      });
    });

    it('refuses 20 000 aliased __typename with TOO_MANY_TOKENS', async () => {
      const refused = await refusedOverHttp('20 000 aliased __typename', TYPENAMES_20000);
      expect(refused.status).toBe(400);
      expect(refused.error).toEqual({ message: 'Query has more than 1000 tokens', extensions: { code: 'TOO_MANY_TOKENS', limit: LIMITS.tokens } });
    });

    it('refuses a 5000-directive document while parsing (TOO_MANY_TOKENS), and 30 directives with TOO_MANY_DIRECTIVES', async () => {
      const parsed = await refusedOverHttp('5000 directives', DIRECTIVES_5000);
      expect(parsed.status).toBe(400);
      expect(parsed.error).toEqual({ message: 'Query has more than 1000 tokens', extensions: { code: 'TOO_MANY_TOKENS', limit: LIMITS.tokens } });

      const validated = await refusedOverHttp('30 directives', DIRECTIVES_30);
      expect(validated.status).toBe(400);
      expect(validated.errors).toHaveLength(1);
      expect(validated.error).toMatchObject({
        message: 'Query has 30 directives, over the limit of 20',
        extensions: { code: 'TOO_MANY_DIRECTIVES', limit: LIMITS.directives, found: 30 },
      });
    });

    it('refuses a token-heavy document without aliases or directives with TOO_MANY_TOKENS', async () => {
      const refused = await refusedOverHttp('1500 × __typename, no alias', TOKEN_HEAVY);
      expect(refused.status).toBe(400);
      expect(refused.error).toEqual({ message: 'Query has more than 1000 tokens', extensions: { code: 'TOO_MANY_TOKENS', limit: LIMITS.tokens } });
    });

    it('refuses nested connections under every other limit with QUERY_TOO_COMPLEX, cost over limit', async () => {
      const refused = await refusedOverHttp('customers(100) → orders(100)', NESTED_CONNECTIONS);
      expect(refused.status).toBe(400);
      expect(refused.data).toBeUndefined();
      expect(refused.errors).toHaveLength(1);
      expect(refused.error).toMatchObject({
        message: 'Query costs 10201 points, over the limit of 1000',
        extensions: { code: 'QUERY_TOO_COMPLEX', cost: 10_201, limit: LIMITS.cost },
      });
      expect(refused.error?.extensions?.cost).toBeGreaterThan(refused.error?.extensions?.limit as number);
    });

    it('prices with the variables given: the same page refused at first: $n = 100 000, served at 20', async () => {
      const query = 'query Page($n: Int) { products(first: $n) { nodes { id } } }';
      const before = await subgraphRequests();
      const refused = await post(stack.gatewayUrl, { query, variables: { n: 100_000 } });
      expect(await subgraphRequests()).toEqual(before);
      expect(refused.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 100_001, limit: LIMITS.cost });
      const served = await post(stack.gatewayUrl, { query, variables: { n: 20 } });
      expect(served.body.errors).toBeUndefined();
    });

    it('serves a storefront page of 20 products with catalog and inventory fields, asking both subgraphs', async () => {
      const before = await subgraphRequests();
      const shopper = new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': store.storeId } });
      const { products } = await shopper.request<{ products: { totalCount: number; nodes: { stock: number; inStock: boolean }[] } }>(STOREFRONT);
      expect(products.totalCount).toBe(2);
      // stock and inStock come from inventory, the rest from catalog
      expect(products.nodes.map(({ stock, inStock }) => [stock, inStock]).sort()).toEqual([
        [0, false],
        [3, true],
      ]);
      // the control of the counting: a served operation shows in both subgraphs' counters
      const after = await subgraphRequests();
      expect(after.catalog).toBeGreaterThan(before.catalog);
      expect(after.inventory).toBeGreaterThan(before.inventory);
    });
  });

  describe('over WebSocket, refused at subscribe with the same codes', () => {
    it('refuses a subscription 82 levels deep through chained fragments with QUERY_TOO_DEEP', async () => {
      const refused = await refusedOverWebSocket('82 levels, chained fragments', DEEP_SUBSCRIPTION, { orderId: randomUUID() });
      expect(refused.errors).toHaveLength(1);
      expect(refused.error).toMatchObject({
        message: 'Query has 82 levels, over the limit of 12',
        extensions: { code: 'QUERY_TOO_DEEP', limit: LIMITS.depth, found: 82 },
      });
    });

    it('refuses a subscription costing 2811 points with QUERY_TOO_COMPLEX', async () => {
      const refused = await refusedOverWebSocket('subscription, 2811 points', COSTLY_SUBSCRIPTION, { orderId: randomUUID() });
      expect(refused.errors).toHaveLength(1);
      expect(refused.error).toMatchObject({
        message: 'Query costs 2811 points, over the limit of 1000',
        extensions: { code: 'QUERY_TOO_COMPLEX', cost: 2811, limit: LIMITS.cost },
      });
    });

    it('refuses a subscription selecting 31 aliases with TOO_MANY_ALIASES', async () => {
      const refused = await refusedOverWebSocket('subscription, 31 aliases', ALIASED_SUBSCRIPTION, { productId: randomUUID() });
      expect(refused.errors).toHaveLength(1);
      expect(refused.error).toMatchObject({ extensions: { code: 'TOO_MANY_ALIASES', limit: LIMITS.aliases, found: 31 } });
    });

    it('refuses a token-heavy subscription with TOO_MANY_TOKENS and 30 directives with TOO_MANY_DIRECTIVES', async () => {
      const tokens = await refusedOverWebSocket('subscription, 1500 × id', TOKEN_HEAVY_SUBSCRIPTION, { productId: randomUUID() });
      expect(tokens.error).toEqual({ message: 'Query has more than 1000 tokens', extensions: { code: 'TOO_MANY_TOKENS', limit: LIMITS.tokens } });
      const directives = await refusedOverWebSocket('subscription, 30 directives', DIRECTIVES_SUBSCRIPTION, { productId: randomUUID() });
      expect(directives.errors).toHaveLength(1);
      expect(directives.error).toMatchObject({ extensions: { code: 'TOO_MANY_DIRECTIVES', limit: LIMITS.directives, found: 30 } });
    });

    it('closes the socket with 1009 for 20 000 aliased __typename: the message is over WS_MAX_MESSAGE_BYTES before any parse', async () => {
      expect(TYPENAMES_SUBSCRIPTION.length).toBeGreaterThan(64 * 1024);
      const refused = await refusedOverWebSocket('20 000 aliased __typename', TYPENAMES_SUBSCRIPTION);
      expect(refused).toMatchObject({ closeCode: 1009 });
    });
  });

  describe('in production', () => {
    const INTROSPECTION = '{ __schema { queryType { name } types { name } } }';
    const MISSPELT = '{ prodcts(first: 1) { totalCount } }';

    it('refuses introspection unless GRAPHQL_INTROSPECTION=true', async () => {
      const refused = await post(production.url, { query: INTROSPECTION });
      expect(refused.status).toBe(400);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors?.[0]).toMatchObject({
        message: expect.stringContaining('introspection has been disabled'),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const typeQuery = await post(production.url, { query: '{ __type(name: "Product") { fields { name } } }' });
      expect(typeQuery.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      const enabled = await post(productionWithIntrospection.url, { query: INTROSPECTION });
      expect(enabled.body.errors).toBeUndefined();
      expect(enabled.body.data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });
      expect((enabled.body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(50);
    });

    it('answers a misspelt field without "Did you mean", which development suggests', async () => {
      const production_ = await post(production.url, { query: MISSPELT });
      expect(production_.status).toBe(400);
      expect(production_.body.errors?.map((error) => error.message)).toEqual(['Cannot query field "prodcts" on type "Query".']);
      expect(JSON.stringify(production_.body)).not.toContain('Did you mean');
      const development = await post(stack.gatewayUrl, { query: MISSPELT });
      expect(development.body.errors?.[0].message).toMatch(/Did you mean "products"/);
    });

    it('does not serve the explorer at GET /graphql, which development does', async () => {
      const production_ = await fetch(production.url, { headers: { accept: 'text/html' } });
      const text = await production_.text();
      expect(production_.headers.get('content-type')).not.toContain('text/html');
      expect(text).not.toMatch(/<html|graphiql/i);
      expect((await fetch(production.url.replace(/\/graphql$/, '/explorer/explorer.js'))).status).toBe(404);

      const development = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
      expect(development.status).toBe(200);
      expect(development.headers.get('content-type')).toContain('text/html');
    });

    it('still enforces every limit', async () => {
      const deep = await post(production.url, { query: DEEP });
      expect(deep.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_DEEP', limit: LIMITS.depth, found: 81 });
      const costly = await post(production.url, { query: NESTED_CONNECTIONS });
      expect(costly.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 10_201, limit: LIMITS.cost });
      expect(JSON.stringify([deep.body, costly.body])).not.toContain('stacktrace');
    });
  });

  describe('helmet’s headers', () => {
    const expectHelmet = (headers: Headers, what: string) => {
      const seen = Object.fromEntries(
        ['x-content-type-options', 'strict-transport-security', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy'].map((name) => [
          name,
          headers.get(name),
        ]),
      );
      expect([what, seen]).toEqual([
        what,
        {
          'x-content-type-options': 'nosniff',
          'strict-transport-security': expect.stringContaining('max-age='),
          'x-frame-options': 'SAMEORIGIN',
          'referrer-policy': expect.any(String),
          'cross-origin-opener-policy': 'same-origin',
        },
      ]);
      expect([what, headers.get('content-security-policy')]).toEqual([what, expect.any(String)]);
      expect(headers.get('x-powered-by')).toBeNull();
    };

    it('sets them on /graphql, /health and the explorer page (development) and on /graphql in production', async () => {
      const graphql = await post(stack.gatewayUrl, { query: '{ __typename }' });
      expectHelmet(graphql.headers, 'POST /graphql');
      expect(graphql.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none'");
      expectHelmet((await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/health'))).headers, 'GET /health');
      const explorer = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
      expectHelmet(explorer.headers, 'GET /graphql (explorer)');
      // the page's own policy, which lets its scripts run, replaces the API's
      expect(explorer.headers.get('content-security-policy')).toContain('script-src');
      expectHelmet((await post(production.url, { query: '{ __typename }' })).headers, 'POST /graphql (production)');
      expectHelmet((await post(stack.gatewayUrl, { query: NESTED_CONNECTIONS })).headers, 'a refusal');
    });
  });

  describe('CSRF prevention', () => {
    const CSRF = expect.stringContaining('Cross-Site Request Forgery');

    it('refuses a simple POST (text/plain) with 400 and serves it as application/json or with apollo-require-preflight', async () => {
      const before = await subgraphRequests();
      const simple = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-store-id': store.storeId },
        body: JSON.stringify({ query: STOREFRONT }),
      });
      expect(simple.status).toBe(400);
      expect(await simple.text()).toEqual(CSRF);
      expect(await subgraphRequests()).toEqual(before);

      const json = await post(stack.gatewayUrl, { query: STOREFRONT });
      expect([json.status, json.body.errors]).toEqual([200, undefined]);
      const preflighted = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true', 'x-store-id': store.storeId },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(preflighted.status).toBe(200);
    });

    it('refuses a GET query without a preflight-forcing header with 400 and serves it with one', async () => {
      const url = `${stack.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`;
      const simple = await fetch(url);
      expect(simple.status).toBe(400);
      expect(await simple.text()).toEqual(CSRF);
      const preflighted = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
      expect(preflighted.status).toBe(200);
      expect(await preflighted.json()).toMatchObject({ data: { __typename: 'Query' } });
    });
  });
});
