import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { testAuth } from '../../test/support/test-signing';
import { createLogger } from '../logging/logger';
import { verifyAccessToken } from './access-token';
import { trustJwks } from './jwks';
import type { SigningKeys } from './signing-keys';

const auth = testAuth;
const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('keys from a JWKS document', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const jwk = { ...rotated.publicKey.export({ format: 'jwk' }), kid: 'k2', use: 'sig', alg: 'RS256' };
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('accepts tokens signed with a published key and refuses unknown key ids', async () => {
    const keys: SigningKeys = { keyId: 'k1', publicKeyPem: '', privateKeyPem: undefined };
    const stop = await trustJwks(keys, url, createLogger('test', 'silent'));
    const sign = (kid: string) =>
      jwt.sign({ roles: ['CUSTOMER'] }, rotated.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        algorithm: 'RS256',
        subject: 'u1',
        issuer: auth.issuer,
        audience: auth.audience,
        keyid: kid,
      });
    expect(verifyAccessToken(sign('k2'), keys, auth)).toMatchObject({ userId: 'u1', roles: ['CUSTOMER'] });
    expect(() => verifyAccessToken(sign('k3'), keys, auth)).toThrow('Invalid access token');
    stop();
  });
});
