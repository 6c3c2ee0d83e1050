import { createHash, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '@ultramarket/kit';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { tokenFor } from '../../subgraphs/kit/test/support/subgraph-harness';
import { uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';

interface Answer {
  status: number;
  retryAfter: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: Record<string, number> } };
  };
}

let addressCount = 0;
/** A client address of its own (the gateway trusts 127.0.0.1 as a proxy here), so each test has its own anonymous bucket. */
const freshAddress = () => `203.0.113.${++addressCount}`;

/** Query-cost budgets at the gateway, with small buckets that refill slowly. */
describe('gateway rate limits', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let stack: Stack;
  const storeId = randomUUID();

  const post = async (body: Record<string, unknown>, options: { token?: string; address?: string } = {}): Promise<Answer> => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-store-id': storeId,
        'x-forwarded-for': options.address ?? freshAddress(),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer['body'] };
  };
  const accountsRequests = async () => {
    const text = await (await fetch(stack.services.accounts.metricsUrl!)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('http_request_duration_seconds_count') && line.includes('graphql'))
      .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);
  };

  beforeAll(async () => {
    stack = await startStack({
      namespace: uniqueSuiteName('ratelimits'),
      gatewayEnv: {
        GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
        RATE_LIMIT_USER_BUCKET: '100',
        RATE_LIMIT_USER_RESTORE_RATE: '1',
        RATE_LIMIT_ANONYMOUS_BUCKET: '100',
        RATE_LIMIT_ANONYMOUS_RESTORE_RATE: '1',
        RATE_LIMIT_API_KEY_BUCKET: '100',
        RATE_LIMIT_API_KEY_RESTORE_RATE: '1',
        APQ_REGISTRATIONS_PER_HOUR: '2',
        APQ_MAX_QUERY_BYTES: '2000',
        APQ_TTL_SECONDS: '600',
      },
    });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
    await redis.quit();
  });

  it('reports the cost and the bucket on every response, refused ones included', async () => {
    const address = freshAddress();
    const answer = await post({ query: '{ products(first: 5) { nodes { id title } } }' }, { address });
    expect(answer.body.errors).toBeUndefined();
    const cost = answer.body.extensions!.cost!;
    expect(cost).toEqual({
      requestedQueryCost: expect.any(Number),
      actualQueryCost: cost.requestedQueryCost,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: expect.any(Number), restoreRate: 1 },
    });
    expect(cost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(100 - cost.requestedQueryCost + 1);
    const invalid = await post({ query: '{ noSuchField }' }, { address });
    expect(invalid.body.extensions?.cost).toMatchObject({ requestedQueryCost: 0, throttleStatus: { maximumAvailable: 100 } });
  });

  it('refuses an operation the bucket cannot take with RATE_LIMITED, retryAfter and 429, and keeps users apart', async () => {
    const first = tokenFor([Role.CUSTOMER], null);
    const second = tokenFor([Role.CUSTOMER], null);
    const query = '{ products(first: 10) { nodes { id title } } }';
    let refused: Answer | null = null;
    for (let attempt = 0; attempt < 30 && !refused; attempt += 1) {
      const answer = await post({ query }, { token: first });
      if (answer.status === 429) refused = answer;
    }
    expect(refused).not.toBeNull();
    expect(refused!.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(Number(refused!.retryAfter)).toBe(refused!.body.errors?.[0].extensions?.retryAfter);
    expect(refused!.body.data ?? null).toBeNull();
    expect(refused!.body.extensions?.cost?.actualQueryCost).toBe(0);
    // another user, from the same address, has a full bucket of their own
    const other = await post({ query }, { token: second });
    expect([other.status, other.body.errors]).toEqual([200, undefined]);
  });

  it('meters an app by its API key: a drained key is RATE_LIMITED, the app’s other key and its merchant are not', async () => {
    const merchant = tokenFor([Role.MERCHANT], storeId);
    const installed = await post(
      { query: 'mutation ($i: InstallAppInput!) { installApp(input: $i) { app { id } } }', variables: { i: { name: 'Metered', scopes: ['read_products'] } } },
      { token: merchant },
    );
    const appId = (installed.body.data!.installApp as { app: { id: string } }).app.id;
    const keyOf = async () =>
      (
        (await post({ query: 'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }', variables: { i: { appId } } }, { token: merchant })).body
          .data!.createApiKey as { key: string }
      ).key;
    const [first, second] = [await keyOf(), await keyOf()];
    const query = '{ products(first: 10) { nodes { id title } } }';
    let refused: Answer | null = null;
    // from a new address each time: the key's bucket is its own, wherever it calls from
    for (let attempt = 0; attempt < 30 && !refused; attempt += 1) {
      const answer = await post({ query }, { token: first });
      expect(answer.body.errors?.[0]?.extensions?.code ?? 'OK').not.toBe('FORBIDDEN');
      if (answer.status === 429) refused = answer;
    }
    expect(refused).not.toBeNull();
    expect(refused!.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(refused!.body.extensions?.cost?.throttleStatus).toMatchObject({ maximumAvailable: 100, restoreRate: 1 });
    for (const token of [second, merchant]) {
      const other = await post({ query }, { token });
      expect([other.status, other.body.errors]).toEqual([200, undefined]);
    }
  });

  it('refuses a subscription beyond the budget with an error message on the socket, and reports cost over it', async () => {
    const token = tokenFor([Role.CUSTOMER], null);
    const client = createClient({
      url: stack.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}`, 'X-Store-Id': storeId },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    const overSocket = await new Promise<{ extensions?: { cost?: unknown } }>((resolve, reject) =>
      client.subscribe({ query: '{ products(first: 1) { totalCount } }' }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(overSocket.extensions?.cost).toMatchObject({ requestedQueryCost: expect.any(Number), throttleStatus: { maximumAvailable: 100 } });
    // spend the bucket down to less than a point
    for (let attempt = 0; attempt < 200; attempt += 1) if ((await post({ query: '{ products(first: 1) { totalCount } }' }, { token })).status === 429) break;
    for (let attempt = 0; attempt < 200; attempt += 1) if ((await post({ query: '{ products(first: 1) { totalCount } }' }, { token })).status === 429) break;
    // ten prices and the product: about eleven points
    const prices = Array.from({ length: 10 }, (_, index) => `p${index}: price { amount }`).join(' ');
    const refusal = await new Promise<unknown>((resolve) =>
      client.subscribe(
        { query: `subscription { stockChanged(productId: "${randomUUID()}") { ${prices} } }` },
        { next: resolve, error: resolve, complete: () => undefined },
      ),
    );
    expect(refusal).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) }) })]);
    await client.dispose();
  });

  it('weighs sign-ins per call, so aliased logins are refused before any reaches accounts', async () => {
    const logins = (count: number) =>
      `mutation { ${Array.from({ length: count }, (_, index) => `l${index}: login(input: { email: "victim@example.com", password: "guess-${index}" }) { __typename }`).join('\n')} }`;
    // a control: one sign-in (50 points) goes through to accounts
    const before = await accountsRequests();
    const one = await post({ query: logins(1) });
    expect(one.body.extensions?.cost?.requestedQueryCost).toBeGreaterThanOrEqual(50);
    expect(await accountsRequests()).toBeGreaterThan(before);

    // 20 within every per-operation limit, but 20 × 50 points is more than the whole bucket holds
    const afterOne = await accountsRequests();
    const twenty = await post({ query: logins(20) });
    expect(twenty.status).toBe(400);
    expect(twenty.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 100 });
    // 200 are refused by the per-operation limits already
    const many = await post({ query: logins(200) });
    expect(many.body.data ?? null).toBeNull();
    expect(many.body.errors?.[0].extensions?.code).toMatch(/^(QUERY_TOO_COMPLEX|TOO_MANY_ALIASES|TOO_MANY_TOKENS)$/);
    expect(await accountsRequests()).toBe(afterOne);
  });

  it('bounds persisted-query registrations per client, by size, and gives each a TTL', async () => {
    let address = freshAddress();
    const register = async (query: string) => {
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const ran = await post({ query, extensions }, { address });
      expect(ran.body.errors).toBeUndefined();
      return { sha256Hash, known: (await post({ extensions }, { address })).body.errors?.[0]?.extensions?.code !== 'PERSISTED_QUERY_NOT_FOUND' };
    };
    const tag = randomUUID();
    const [one, two, three] = [
      await register(`{ a: __typename } # ${tag} 1`),
      await register(`{ a: __typename } # ${tag} 2`),
      await register(`{ a: __typename } # ${tag} 3`),
    ];
    expect([one.known, two.known, three.known]).toEqual([true, true, false]);
    const ttl = await redis.ttl(`ultramarket:gateway:apq:${one.sha256Hash}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    address = freshAddress();
    const large = await register(`{ a: __typename } # ${'x'.repeat(2100)}`);
    expect(large.known).toBe(false);
  });
});
