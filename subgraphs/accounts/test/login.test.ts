import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { verifyAccessToken } from '@ultramarket/kit';
import { loginAttemptsKey } from '../src/session/login-throttle';
import { AccountsUnderTest, loginAs, Operations, registerUser, signIn } from './support/accounts-harness';

describe('login, lockout and rate limits', () => {
  let accounts: AccountsUnderTest;

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  afterAll(async () => {
    await accounts.close();
  });

  it('signs in with tokens the kit verifies: RS256 with kid, jti and sid, 15 minutes', async () => {
    const { user, email, password } = await registerUser(accounts);
    const answer = await loginAs(accounts, email.toUpperCase(), password, {
      // the gateway appends the address it saw; hops before it come from the client and are not trusted
      headers: { 'x-forwarded-for': '10.9.9.9, 203.0.113.7', 'user-agent': 'jest-agent/1.0' },
    });
    expect(answer.errors).toBeUndefined();
    const login = answer.data!.login;
    expect(login).toMatchObject({ user: { id: user.id, email, roles: ['CUSTOMER'] }, userErrors: [], expiresIn: expect.any(Number) });
    expect(login.expiresIn).toBeGreaterThan(890);
    expect(login.expiresIn).toBeLessThanOrEqual(900);
    expect(login.refreshToken).toMatch(/^[\w-]{43}$/);

    const { runtime } = accounts.subgraph;
    const caller = verifyAccessToken(login.accessToken!, runtime.keys, runtime.config.auth);
    expect(caller).toMatchObject({ userId: user.id, roles: ['CUSTOMER'], storeId: null });
    const decoded = jwt.decode(login.accessToken!, { complete: true })!;
    const claims = decoded.payload as jwt.JwtPayload;
    expect(decoded.header).toMatchObject({ alg: 'RS256', kid: runtime.keys.keyId });
    expect(claims).toMatchObject({
      sub: user.id,
      iss: runtime.config.auth.issuer,
      aud: runtime.config.auth.audience,
      jti: expect.any(String),
      sid: expect.any(String),
    });
    expect(claims.exp! - claims.iat!).toBe(900);

    const [session] = await accounts.db.query(`SELECT * FROM session WHERE user_id = $1`, [user.id]);
    expect(session).toMatchObject({
      family_id: claims.sid,
      access_token_id: claims.jti,
      ip_address: '203.0.113.7',
      user_agent: 'jest-agent/1.0',
      revoked_at: null,
      replaced_by: null,
    });
    expect(session.token_hash).toHaveLength(64);
    expect(session.token_hash).not.toContain(login.refreshToken);
    const lifetime = new Date(session.expires_at).getTime() - new Date(session.created_at).getTime();
    expect(Math.round(lifetime / 3600_000)).toBe(7 * 24);

    const me = await accounts.request<{ me: { id: string } }>(Operations.me, {}, { token: login.accessToken! });
    expect(me.data!.me.id).toBe(user.id);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const { email } = await registerUser(accounts);
    const wrong = await loginAs(accounts, email, 'Not-the-password-1');
    const unknown = await loginAs(accounts, accounts.email('nobody'), 'Not-the-password-1');
    expect(wrong).toEqual(unknown);
    expect(wrong.data!.login).toEqual({
      accessToken: null,
      refreshToken: null,
      expiresIn: null,
      refreshTokenExpiresAt: null,
      user: null,
      userErrors: [{ code: 'INVALID_CREDENTIALS', field: ['input', 'password'], message: 'The email or password is incorrect' }],
    });
  });

  it('locks the account for 15 minutes after 5 failures in a row, even for the right password', async () => {
    const { user, email, password } = await registerUser(accounts);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const answer = await loginAs(accounts, email, `Wrong-password-${attempt}`, { headers: { 'x-forwarded-for': '203.0.113.8' } });
      expect(answer.data!.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    }
    const [row] = await accounts.db.query(`SELECT locked_until, failed_login_count FROM app_user WHERE id = $1`, [user.id]);
    const lockedFor = new Date(row.locked_until).getTime() - Date.now();
    expect(lockedFor).toBeGreaterThan(14 * 60_000);
    expect(lockedFor).toBeLessThanOrEqual(15 * 60_000);

    // another address: the per-address rate limit is not what refuses it
    const locked = await loginAs(accounts, email, password, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(locked.data!.login.accessToken).toBeNull();
    expect(locked.data!.login.userErrors[0].code).toBe('ACCOUNT_LOCKED');

    await accounts.db.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1`, [user.id]);
    const afterwards = await signIn(accounts, email, password, { 'x-forwarded-for': '203.0.113.9' });
    expect(afterwards.userId).toBe(user.id);
    expect((await accounts.db.query(`SELECT failed_login_count FROM app_user WHERE id = $1`, [user.id]))[0].failed_login_count).toBe(0);
  });

  it('refuses the 6th attempt within a minute from one address for one email with RATE_LIMITED', async () => {
    const { email, password } = await registerUser(accounts);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const answer = await loginAs(accounts, email, attempt === 5 ? password : 'Wrong-password-1');
      expect(answer.errors).toBeUndefined();
    }
    const sixth = await loginAs(accounts, email, password);
    expect(sixth.data).toBeNull();
    expect(sixth.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    const other = await loginAs(accounts, email, password, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(other.data!.login.accessToken).toEqual(expect.any(String));
  });

  it('counts every alias of one request as an attempt', async () => {
    const { email, password } = await registerUser(accounts);
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: login(input: $input) { accessToken userErrors { code } }`).join('\n');
    const answer = await accounts.request<Record<string, { accessToken: string | null } | null>>(`mutation ($input: LoginInput!) { ${aliases} }`, {
      input: { email, password },
    });
    // the five first sign in; the sixth is refused (and, the payload being non-null, takes the data with it)
    expect(answer.errors).toEqual([expect.objectContaining({ path: ['a5'], extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) })]);
    expect(await accounts.redis.get(loginAttemptsKey(accounts.namespace, '127.0.0.1', email))).toBe('6');
    expect(await accounts.count(`SELECT count(*) AS n FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1`, [email])).toBe(5);
  });

  it('rejects malformed credentials with BAD_USER_INPUT', async () => {
    const answer = await accounts.request(Operations.login, { input: { email: 'nope', password: '', mfaCode: '12ab' } });
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors![0].extensions!.fields!.map((field) => field.field.join('.'))).toEqual(
      expect.arrayContaining(['input.email', 'input.password', 'input.mfaCode']),
    );
  });

  it('serves the signing key at /.well-known/jwks.json, matching the kid of issued tokens', async () => {
    const { email, password } = await registerUser(accounts);
    const { accessToken } = await signIn(accounts, email, password);
    const response = await fetch(`${accounts.baseUrl}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/jwk-set+json');
    const jwks = (await response.json()) as { keys: { kid: string; kty: string; n: string; e: string; alg: string; use: string; d?: string }[] };
    const { kid } = jwt.decode(accessToken, { complete: true })!.header;
    const key = jwks.keys.find((candidate) => candidate.kid === kid)!;
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB', n: expect.stringMatching(/^[\w-]{300,}$/) });
    expect(key.d).toBeUndefined();
    // the JWK alone verifies the token
    const publicKey = createPublicKey({ key: { kty: key.kty, n: key.n, e: key.e }, format: 'jwk' });
    expect(() => jwt.verify(accessToken, publicKey, { algorithms: ['RS256'] })).not.toThrow();
    expect((await fetch(`${accounts.baseUrl}/.well-known/jwks.json`, { method: 'POST' })).status).toBe(405);
  });
});
