import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { GraphQLError } from 'graphql';
import { testAuth, testSigningKeys } from '../../test/support/test-signing';
import { bearerToken, signAccessToken, verifyAccessToken } from './access-token';
import { Role } from './role';

const auth = testAuth;
const keys = testSigningKeys();
const storeId = '6b1c1f4e-4b2a-4c39-9a55-0c1d2e3f4a5b';

function expectUnauthenticated(token: string) {
  try {
    verifyAccessToken(token, keys, auth);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
    return;
  }
  throw new Error('token was accepted');
}

describe('access tokens', () => {
  it('round-trips the caller', () => {
    const token = signAccessToken({ sub: 'user-1', roles: [Role.MERCHANT], storeId }, keys, auth);
    expect(verifyAccessToken(token, keys, auth)).toMatchObject({
      userId: 'user-1',
      roles: [Role.MERCHANT],
      storeId,
      token,
      tokenClaims: { tokenId: expect.any(String) },
    });
  });

  it('drops roles it does not know', () => {
    const token = jwt.sign({ roles: ['MERCHANT', 'GOD'] }, keys.privateKeyPem!, {
      algorithm: 'RS256',
      subject: 'u',
      issuer: auth.issuer,
      audience: auth.audience,
      keyid: 'k1',
    });
    expect(verifyAccessToken(token, keys, auth).roles).toEqual([Role.MERCHANT]);
  });

  it('refuses alg none', () => {
    const unsigned = jwt.sign({ roles: ['PLATFORM_ADMIN'] }, '', { algorithm: 'none', subject: 'u', issuer: auth.issuer, audience: auth.audience });
    expectUnauthenticated(unsigned);
  });

  it('refuses HS256 signed with the public key', () => {
    const forged = jwt.sign({ roles: ['PLATFORM_ADMIN'] }, keys.publicKeyPem, {
      algorithm: 'HS256',
      subject: 'u',
      issuer: auth.issuer,
      audience: auth.audience,
    });
    expectUnauthenticated(forged);
  });

  it('refuses a wrong issuer, a wrong audience, an unknown key id and another key', () => {
    const sign = (options: jwt.SignOptions, key = keys.privateKeyPem!) =>
      jwt.sign({ roles: [] }, key, { algorithm: 'RS256', subject: 'u', issuer: auth.issuer, audience: auth.audience, keyid: 'k1', ...options });
    expectUnauthenticated(sign({ issuer: 'someone-else' }));
    expectUnauthenticated(sign({ audience: 'another-api' }));
    expectUnauthenticated(sign({ keyid: 'k2' }));
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expectUnauthenticated(sign({}, other));
  });

  it('refuses a token expired by one second', () => {
    const expired = jwt.sign({ roles: [], exp: Math.floor(Date.now() / 1000) - 1 }, keys.privateKeyPem!, {
      algorithm: 'RS256',
      subject: 'u',
      issuer: auth.issuer,
      audience: auth.audience,
      keyid: 'k1',
    });
    expectUnauthenticated(expired);
  });

  it('reads bearer headers and refuses other schemes', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(() => bearerToken('Basic dXNlcjpwYXNz')).toThrow(/Bearer/);
  });
});
