import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import jwt from 'jsonwebtoken';
import { loadSigningKeys, readAuthConfig, Role, revokedTokenKey, revokedUserKey } from '@ultramarket/kit';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { tokenFor } from '../../subgraphs/kit/test/support/subgraph-harness';
import { signedFetch } from '../../subgraphs/kit/test/support/signed-fetch';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { listeningAcks } from './support/live';
import { Storefront } from './support/storefront';

const PRODUCTS = 'query Count { products(first: 1) { totalCount } }';

/** Revoked tokens, persisted queries and malformed requests, at the gateway and at the subgraphs. */
describe('gateway security and protocol', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let stack: Stack;
  let store: Storefront;

  /** As the storefront of `store` calls: naming it with X-Store-Id. */
  const post = async (url: string, body: Record<string, unknown>, token?: string) => {
    const response = await signedFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-store-id': store.storeId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] },
    };
  };
  const claims = (token: string) => jwt.decode(token) as { jti: string; sub: string; iat: number };

  beforeAll(async () => {
    stack = await acquireStack({ name: 'security' });
    store = new Storefront(stack);
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
    await redis.quit();
  });

  it('refuses a logged-out token at the gateway and at every subgraph reached directly', async () => {
    const token = tokenFor([Role.MERCHANT], store.storeId);
    expect((await post(stack.gatewayUrl, { query: PRODUCTS }, token)).status).toBe(200);
    await redis.set(revokedTokenKey(claims(token).jti), '1', 'EX', 60);
    for (const url of [
      stack.gatewayUrl,
      stack.services.catalog.url,
      stack.services.inventory.url,
      stack.services.orders.url,
      stack.services.payments.url,
      stack.services.notifications.url,
    ]) {
      const refused = await post(url, { query: '{ __typename }' }, token);
      expect([url, refused.status, refused.body.errors?.[0].extensions?.code]).toEqual([url, 401, 'UNAUTHENTICATED']);
    }
    expect((await post(stack.gatewayUrl, { query: PRODUCTS }, tokenFor([Role.MERCHANT], store.storeId))).status).toBe(200);
  });

  it('refuses forged, foreign and expired tokens at the gateway and at every subgraph reached directly', async () => {
    const auth = readAuthConfig();
    const keys = loadSigningKeys(auth, false);
    const options = { subject: randomUUID(), issuer: auth.issuer, audience: auth.audience, keyid: keys.keyId } as const;
    const base = { roles: ['PLATFORM_ADMIN'], storeId: store.storeId, exp: Math.floor(Date.now() / 1000) + 300 };
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    const forged: Record<string, string> = {
      'alg none': jwt.sign(base, '', { ...options, algorithm: 'none' }),
      'HS256 signed with the public key': jwt.sign(base, keys.publicKeyPem, { ...options, algorithm: 'HS256' }),
      'an unknown kid': jwt.sign(base, keys.privateKeyPem!, { ...options, algorithm: 'RS256', keyid: 'someone-elses-key' }),
      'another key': jwt.sign(base, other, { ...options, algorithm: 'RS256' }),
      'a wrong issuer': jwt.sign(base, keys.privateKeyPem!, { ...options, algorithm: 'RS256', issuer: 'evil' }),
      'a wrong audience': jwt.sign(base, keys.privateKeyPem!, { ...options, algorithm: 'RS256', audience: 'another-api' }),
      'expired by one second': jwt.sign({ ...base, exp: Math.floor(Date.now() / 1000) - 1 }, keys.privateKeyPem!, { ...options, algorithm: 'RS256' }),
      'valid, as a control': jwt.sign(base, keys.privateKeyPem!, { ...options, algorithm: 'RS256' }),
    };
    const endpoints = [stack.gatewayUrl, ...(['catalog', 'inventory', 'orders', 'payments', 'notifications'] as const).map((name) => stack.services[name].url)];
    for (const [what, token] of Object.entries(forged)) {
      for (const url of endpoints) {
        const answer = await post(url, { query: '{ __typename }' }, token);
        const expected = what.startsWith('valid') ? [200, undefined] : [401, 'UNAUTHENTICATED'];
        expect([what, url, answer.status, answer.body.errors?.[0].extensions?.code]).toEqual([what, url, ...expected]);
      }
    }
  });

  it('refuses every token a user had when they logged out everywhere', async () => {
    const userId = randomUUID();
    const token = tokenFor([Role.CUSTOMER], null, userId);
    await redis.set(revokedUserKey(userId), String(claims(token).iat), 'EX', 60);
    const refused = await post(stack.gatewayUrl, { query: PRODUCTS }, token);
    expect(refused.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('closes a subscription with 4403 when its token is revoked', async () => {
    const productId = await store.product(`Watched ${randomUUID().slice(0, 8)}`, 5);
    const token = tokenFor([Role.CUSTOMER], null);
    const client = createClient({
      url: stack.wsUrl,
      webSocketImpl: WebSocket,
      // a shopper of the store, as its storefront connects
      connectionParams: { Authorization: `Bearer ${token}`, 'X-Store-Id': store.storeId },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    const received: unknown[] = [];
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    const acks = listeningAcks(client);
    client.subscribe(
      { query: `subscription { stockChanged(productId: "${productId}") { stock } }` },
      { next: (result) => received.push(result), error: () => undefined, complete: () => undefined },
    );
    await acks.until(1, 'the subscription to listen');

    await store.merchant.AdjustStock({ input: { productId, delta: 1, reason: 'before', idempotencyKey: randomUUID() } });
    await eventually(async () => received.length === 1, 10_000, 'the push before the revocation');

    await redis.set(revokedTokenKey(claims(token).jti), '1', 'EX', 60);
    // the gateway reuses a deny-list answer for a quarter of a second (REVOCATION_RECHECK_MS): past it, the next event finds the revocation
    await new Promise((resolve) => setTimeout(resolve, 300));
    await store.merchant.AdjustStock({ input: { productId, delta: 1, reason: 'after', idempotencyKey: randomUUID() } });
    expect(await closed).toBe(4403);
    expect(received).toHaveLength(1);
    await client.dispose();
  });

  it('refuses a subscription socket whose token was already revoked', async () => {
    const token = tokenFor([Role.CUSTOMER], null);
    await redis.set(revokedTokenKey(claims(token).jti), '1', 'EX', 60);
    const client = createClient({
      url: stack.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    const code = await new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    expect(code).toBe(4403);
    await client.dispose();
  });

  it('keeps automatic persisted queries in Redis, for every gateway replica', async () => {
    const query = `query Persisted { products(first: 2) { totalCount } } # ${randomUUID()}`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await post(stack.gatewayUrl, { extensions });
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(stack.gatewayUrl, { query, extensions })).body.errors).toBeUndefined();
    const byHash = await post(stack.gatewayUrl, { extensions });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toEqual({ products: { totalCount: expect.any(Number) } });
    expect(await redis.exists(`ultramarket:gateway:apq:${sha256Hash}`)).toBe(1);
  });

  it('answers an unknown operation name with 400, not a server error', async () => {
    const response = await post(stack.gatewayUrl, { query: PRODUCTS, operationName: 'Missing' });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('refuses queries nested deeper than the limit (MAX_QUERY_DEPTH, 12)', async () => {
    const nested = (levels: number) => `{ __type(name: "Query") { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } }`;
    expect((await post(stack.gatewayUrl, { query: nested(10) })).body.errors).toBeUndefined();
    const refused = await post(stack.gatewayUrl, { query: nested(12) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'Query has 14 levels, over the limit of 12',
      extensions: { code: 'QUERY_TOO_DEEP', limit: 12, found: 14 },
    });
  });
});
