import jwt from 'jsonwebtoken';
import { testAuth, testSigningKeys } from '../../test/support/test-signing';
import { signAccessToken, verifyAccessToken } from './access-token';
import { Role } from './role';
import type { SigningKeys } from './signing-keys';
import { VerifiedTokenCache } from './verified-token-cache';

const auth = testAuth;
const pair = testSigningKeys();

/** A clock the test moves: both the cache and `exp` are judged by it. */
class TestClock {
  ms = Date.now();
  readonly now = () => this.ms;
  advanceSeconds(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

function cachedKeys(size = 10, maxAgeSeconds = 60, clock = new TestClock()): SigningKeys {
  return { ...pair, verifiedTokens: new VerifiedTokenCache({ size, maxAgeSeconds }, clock.now) };
}

const sign = (subject = 'user-1', expiresInSeconds = 900, keys: SigningKeys = pair) =>
  signAccessToken({ sub: subject, roles: [Role.CUSTOMER] }, keys, auth, expiresInSeconds);

const accepted = (token: string, keys: SigningKeys) => {
  try {
    return verifyAccessToken(token, keys, auth).userId !== null;
  } catch {
    return false;
  }
};

describe('the cache of verified tokens', () => {
  const verify = jest.spyOn(jwt, 'verify');
  beforeEach(() => verify.mockClear());
  afterAll(() => verify.mockRestore());

  it('verifies the signature of a token once and serves the same claims after', () => {
    const keys = cachedKeys();
    const token = sign();
    const first = verifyAccessToken(token, keys, auth);
    const second = verifyAccessToken(token, keys, auth);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
    expect(second).toMatchObject({ userId: 'user-1', roles: [Role.CUSTOMER], token });
    // nobody gets the cached object itself to change
    second.roles.push(Role.PLATFORM_ADMIN);
    expect(verifyAccessToken(token, keys, auth).roles).toEqual([Role.CUSTOMER]);
  });

  it('keys entries by the SHA-256 of the token, never the token', () => {
    const keys = cachedKeys();
    const token = sign();
    verifyAccessToken(token, keys, auth);
    const entries = (keys.verifiedTokens as unknown as { entries: Map<string, unknown> }).entries;
    expect([...entries.keys()]).toHaveLength(1);
    expect([...entries.keys()][0]).not.toContain(token.split('.')[2]);
    expect([...entries.keys()][0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a cached token once it expires', () => {
    const clock = new TestClock();
    const keys = cachedKeys(10, 60, clock);
    const token = signAccessToken({ sub: 'user-1', roles: [] }, pair, auth, 2, { issuedAt: Math.floor(clock.ms / 1000) });
    expect(accepted(token, keys)).toBe(true);
    expect(accepted(token, keys)).toBe(true);
    expect(verify).toHaveBeenCalledTimes(1);
    clock.advanceSeconds(3);
    expect(() => verifyAccessToken(token, keys, auth)).toThrow('Access token expired');
  });

  it('verifies the signature again after the maximum age', () => {
    const clock = new TestClock();
    const keys = cachedKeys(10, 60, clock);
    const token = sign();
    verifyAccessToken(token, keys, auth);
    clock.advanceSeconds(59);
    verifyAccessToken(token, keys, auth);
    expect(verify).toHaveBeenCalledTimes(1);
    clock.advanceSeconds(2);
    verifyAccessToken(token, keys, auth);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('refuses a cached token once its key is no longer trusted', () => {
    const rotated = testSigningKeys();
    const keys: SigningKeys = { ...cachedKeys(), trustedKeys: new Map([['k2', rotated.publicKeyPem]]) };
    const token = sign('user-2', 900, { ...rotated, keyId: 'k2' });
    expect([accepted(token, keys), accepted(token, keys)]).toEqual([true, true]);
    expect(verify).toHaveBeenCalledTimes(1);
    // the JWKS refresh drops k2 (trustJwks also clears the cache then; even without that, the entry is not served)
    keys.trustedKeys!.delete('k2');
    expect(accepted(token, keys)).toBe(false);
    // and a k2 republished with another key does not honour what the old one verified
    keys.trustedKeys!.set('k2', testSigningKeys().publicKeyPem);
    expect(accepted(token, keys)).toBe(false);
  });

  it('does not serve a token verified for another issuer or audience', () => {
    const keys = cachedKeys();
    const token = sign();
    verifyAccessToken(token, keys, auth);
    expect(() => verifyAccessToken(token, keys, { ...auth, audience: 'another-api' })).toThrow('Invalid access token');
    expect(() => verifyAccessToken(token, keys, { ...auth, issuer: 'someone-else' })).toThrow('Invalid access token');
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const keys = cachedKeys(2);
    const [a, b, c] = ['a', 'b', 'c'].map((subject) => sign(subject));
    verifyAccessToken(a, keys, auth);
    verifyAccessToken(b, keys, auth);
    verifyAccessToken(a, keys, auth); // a is now the most recently used
    verifyAccessToken(c, keys, auth); // b goes
    expect(keys.verifiedTokens!.size).toBe(2);
    verify.mockClear();
    verifyAccessToken(a, keys, auth);
    verifyAccessToken(c, keys, auth);
    expect(verify).not.toHaveBeenCalled();
    verifyAccessToken(b, keys, auth);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('never keeps a failed verification', () => {
    const keys = cachedKeys();
    const forged = `${sign().split('.').slice(0, 2).join('.')}.${sign('someone-else').split('.')[2]}`;
    expect([accepted(forged, keys), accepted(forged, keys)]).toEqual([false, false]);
    expect(verify).toHaveBeenCalledTimes(2);
    expect(keys.verifiedTokens!.size).toBe(0);
  });

  it('is off at size 0', () => {
    const keys = cachedKeys(0);
    const token = sign();
    verifyAccessToken(token, keys, auth);
    verifyAccessToken(token, keys, auth);
    expect(verify).toHaveBeenCalledTimes(2);
    expect(keys.verifiedTokens!.size).toBe(0);
  });
});
