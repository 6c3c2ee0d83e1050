import { randomUUID } from 'node:crypto';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { GATEWAY_SIGNATURE_HEADER, signGatewayRequest } from '../../subgraphs/kit/src/security/gateway-signature';
import { loadSubgraphSigningSecret } from '../../subgraphs/kit/src/security/signing-secret';
import { signedFetch } from '../../subgraphs/kit/test/support/signed-fetch';
import { outcome, post } from './support/graphql-post';

const QUERY = JSON.stringify({ query: '{ __typename }' });

/**
 * "Safe to put on the internet", item 5: a subgraph answers only what the gateway signed, and the
 * client address accounts throttles on is the one the gateway saw.
 */
describe('subgraphs closed to everyone but the gateway', () => {
  let stack: Stack;
  const subgraphs = () => Object.values(stack.services).filter(({ name }) => name !== 'gateway');

  beforeAll(async () => {
    stack = await acquireStack({ name: 'closed' });
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  it('refuses an unsigned request at every subgraph with 401 UNAUTHENTICATED, while the gateway answers it', async () => {
    expect(subgraphs().length).toBeGreaterThanOrEqual(8);
    const answers = await Promise.all(subgraphs().map(async ({ name, url }) => [name, ...outcome(await post(url, QUERY))]));
    expect(answers).toEqual(subgraphs().map(({ name }) => [name, 401, 'UNAUTHENTICATED']));
    const refused = await post(subgraphs()[0].url, QUERY);
    expect(refused.body.errors?.[0].message).toMatch(/signed by the gateway/);

    const throughGateway = await post(stack.gatewayUrl, QUERY);
    expect([throughGateway.status, throughGateway.body.data, throughGateway.body.errors]).toEqual([200, { __typename: 'Query' }, undefined]);
  });

  it('refuses forged signatures at every subgraph: another secret, a stale time, a tampered body or header', async () => {
    const secret = loadSubgraphSigningSecret();
    const target = '/graphql';
    const headers = { 'x-client-address': '203.0.113.7', 'x-store-id': randomUUID() };
    const sign = (key: string, body: string, signedHeaders: Record<string, string>, at = Date.now()) =>
      signGatewayRequest(key, { method: 'POST', target, body, headers: signedHeaders }, at);
    const forgeries: Record<string, { body: string; headers: Record<string, string> }> = {
      'another secret': { body: QUERY, headers: { ...headers, [GATEWAY_SIGNATURE_HEADER]: sign(`${secret}-but-not-quite`, QUERY, headers) } },
      'ten minutes old': { body: QUERY, headers: { ...headers, [GATEWAY_SIGNATURE_HEADER]: sign(secret, QUERY, headers, Date.now() - 600_000) } },
      'a tampered body': {
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
        headers: { ...headers, [GATEWAY_SIGNATURE_HEADER]: sign(secret, QUERY, headers) },
      },
      'a tampered address': {
        body: QUERY,
        headers: { ...headers, 'x-client-address': '198.51.100.1', [GATEWAY_SIGNATURE_HEADER]: sign(secret, QUERY, headers) },
      },
      'an added token': { body: QUERY, headers: { ...headers, authorization: 'Bearer x', [GATEWAY_SIGNATURE_HEADER]: sign(secret, QUERY, headers) } },
      garbage: { body: QUERY, headers: { ...headers, [GATEWAY_SIGNATURE_HEADER]: 't=1,v1=00' } },
    };
    for (const [what, forged] of Object.entries(forgeries)) {
      const answers = await Promise.all(subgraphs().map(async ({ name, url }) => [what, name, ...outcome(await post(url, forged.body, forged.headers))]));
      expect(answers).toEqual(subgraphs().map(({ name }) => [what, name, 401, 'UNAUTHENTICATED']));
    }
    // the control: signed as the gateway signs, every subgraph answers
    const signed = await Promise.all(subgraphs().map(async ({ name, url }) => [name, ...outcome(await post(url, QUERY, headers, signedFetch))]));
    expect(signed).toEqual(subgraphs().map(({ name }) => [name, 200, 'DATA']));
  });

  it('keeps health, readiness, metrics and the JWKS reachable without a signature', async () => {
    for (const { name, url } of subgraphs()) {
      const base = url.replace(/\/graphql$/, '');
      const statuses = await Promise.all(['/health', '/ready', '/metrics'].map(async (route) => [name, route, (await fetch(`${base}${route}`)).status]));
      expect(statuses).toEqual(['/health', '/ready', '/metrics'].map((route) => [name, route, 200]));
    }
    const jwks = await fetch(stack.services.accounts.url.replace(/\/graphql$/, '/.well-known/jwks.json'));
    expect(jwks.status).toBe(200);
    expect(((await jwks.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
  });

  it('throttles sign-ins on the address the gateway saw, whatever X-Forwarded-For the client forges', async () => {
    const email = `nobody-${randomUUID()}@example.com`;
    const login = (forwardedFor: string, url = stack.gatewayUrl) =>
      post(
        url,
        JSON.stringify({
          query: 'mutation ($email: String!) { login(input: { email: $email, password: "Not-the-password-1" }) { accessToken userErrors { code } } }',
          variables: { email },
        }),
        { 'x-forwarded-for': forwardedFor },
      );
    // straight to accounts with a made-up address: refused before any sign-in is counted
    expect(outcome(await login('198.51.100.200', stack.services.accounts.url))).toEqual([401, 'UNAUTHENTICATED']);
    // 5 attempts a minute per address and email; each forged address would be a fresh budget if it counted
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const answer = await login(`198.51.100.${attempt + 1}`);
      expect(answer.body.data?.login).toEqual({ accessToken: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
    }
    const throttled = await login('198.51.100.99');
    expect(throttled.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('labels /metrics by route template: 50 random paths leave no trace in the labels', async () => {
    const { url } = stack.services.catalog;
    const base = url.replace(/\/graphql$/, '');
    const paths = Array.from({ length: 50 }, () => `/scan-${randomUUID()}`);
    for (const path of paths) expect((await fetch(`${base}${path}?x=1`)).status).toBe(404);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const path of paths) expect(metrics).not.toContain(path.slice(1));
    const routes = new Set([...metrics.matchAll(/http_request_duration_seconds_count\{[^}]*route="([^"]*)"/g)].map(([, route]) => route));
    // catalog's own routes (media upload and objects) may be labelled too when other suites of a shared stack used them
    const templates = ['/graphql', '/health', '/ready', '/metrics', '/media/upload', '/media/object', 'other'];
    expect([...routes].filter((route) => !templates.includes(route))).toEqual([]);
    expect(routes.has('other')).toBe(true);
  });
});
