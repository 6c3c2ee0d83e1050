import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebhook, type SendSettings } from './send-webhook';

describe('sending a webhook', () => {
  let server: Server;
  let port: number;
  let requests: { path: string; body: string }[];

  beforeAll(async () => {
    requests = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        requests.push({ path: request.url ?? '', body });
        if (request.url === '/slow') return setTimeout(() => response.end('late'), 2000).unref();
        if (request.url === '/big') return response.end('x'.repeat(100_000));
        if (request.url === '/redirect') return response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const settings = (overrides: Partial<SendSettings> = {}): SendSettings => ({
    isProduction: false,
    allowedHosts: new Set(['localhost']),
    extraCa: null,
    timeoutMs: 500,
    responseMaxBytes: 64,
    ...overrides,
  });
  const resolvesTo = (address: string) => () => Promise.resolve([address]);

  it('POSTs the body with the headers to an allow-listed host and reports the answer', async () => {
    const outcome = await sendWebhook(`http://localhost:${port}/ok`, '{"a":1}', { 'content-type': 'application/json' }, settings(), resolvesTo('127.0.0.1'));
    expect(outcome).toMatchObject({ responseCode: 204, responseBody: '', error: null });
    expect(requests.at(-1)).toEqual({ path: '/ok', body: '{"a":1}' });
  });

  it('refuses at connection time a host that resolves to a private address (DNS rebinding), connecting nowhere', async () => {
    const before = requests.length;
    const outcome = await sendWebhook(`http://rebound.example:${port}/ok`, '{}', {}, settings({ allowedHosts: new Set() }), resolvesTo('127.0.0.1'));
    expect(outcome.responseCode).toBeNull();
    expect(outcome.error).toMatch(/^refused: /);
    const https = await sendWebhook(`https://rebound.example:${port}/ok`, '{}', {}, settings({ allowedHosts: new Set() }), resolvesTo('10.1.2.3'));
    expect(https.error).toMatch(/private or internal address/);
    const literal = await sendWebhook(`https://127.0.0.1:${port}/ok`, '{}', {}, settings({ allowedHosts: new Set() }));
    expect(literal.error).toMatch(/^refused: /);
    expect(requests.length).toBe(before);
  });

  it('refuses plain http in production even for an allow-listed host', async () => {
    const outcome = await sendWebhook(`http://localhost:${port}/ok`, '{}', {}, settings({ isProduction: true }), resolvesTo('127.0.0.1'));
    expect(outcome.error).toMatch(/https/);
  });

  it('gives up on an answer slower than the time limit', async () => {
    const outcome = await sendWebhook(`http://localhost:${port}/slow`, '{}', {}, settings({ timeoutMs: 200 }), resolvesTo('127.0.0.1'));
    expect(outcome.responseCode).toBeNull();
    expect(outcome.error).toMatch(/timed out after 200 ms/);
  });

  it('reads at most the response size limit and follows no redirect', async () => {
    const big = await sendWebhook(`http://localhost:${port}/big`, '{}', {}, settings(), resolvesTo('127.0.0.1'));
    expect(big.responseCode).toBe(200);
    expect(big.responseBody).toBe('x'.repeat(64));
    const redirect = await sendWebhook(`http://localhost:${port}/redirect`, '{}', {}, settings(), resolvesTo('127.0.0.1'));
    expect(redirect.responseCode).toBe(302);
    expect(requests.filter((request) => request.path === '/redirect')).toHaveLength(1);
  });
});
