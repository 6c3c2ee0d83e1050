import jwt from 'jsonwebtoken';
import { AccountsUnderTest, Operations, registerUser, signIn, type LoginResult } from './support/accounts-harness';

type RefreshAnswer = { refreshToken: LoginResult };

describe('sessions: refresh rotation, reuse detection, logout', () => {
  let accounts: AccountsUnderTest;
  const claimsOf = (token: string) => jwt.decode(token) as jwt.JwtPayload;
  const me = (token: string) => accounts.request<{ me: { id: string } | null }>(Operations.me, {}, { token });
  const refresh = (token: string) => accounts.request<RefreshAnswer>(Operations.refresh, { token });

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  afterAll(async () => {
    await accounts.close();
  });

  it('rotates the refresh token: a new pair in the same session, the old token replaced', async () => {
    const { email, password } = await registerUser(accounts);
    const first = await signIn(accounts, email, password);
    const answer = await refresh(first.refreshToken);
    expect(answer.errors).toBeUndefined();
    const second = answer.data!.refreshToken;
    expect(second).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      user: { id: first.userId },
      userErrors: [],
    });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(claimsOf(second.accessToken!).sid).toBe(claimsOf(first.accessToken).sid);
    expect(claimsOf(second.accessToken!).jti).not.toBe(claimsOf(first.accessToken).jti);

    const rows = await accounts.db.query(`SELECT id, replaced_by, revoked_at FROM session WHERE user_id = $1 ORDER BY created_at`, [first.userId]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ replaced_by: rows[1].id, revoked_at: null });
    expect(rows[1]).toMatchObject({ replaced_by: null, revoked_at: null });

    const third = await refresh(second.refreshToken!);
    expect(third.data!.refreshToken.accessToken).toEqual(expect.any(String));
  });

  it('revokes the whole family when a rotated token is presented again, and answers UNAUTHENTICATED', async () => {
    const { email, password } = await registerUser(accounts);
    const other = await signIn(accounts, email, password);
    const stolen = await signIn(accounts, email, password);
    const rotated = (await refresh(stolen.refreshToken)).data!.refreshToken;

    const reuse = await refresh(stolen.refreshToken);
    expect(reuse.data).toBeNull();
    expect(reuse.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // the legitimate holder's newer token is dead too, and so is the family's access token
    const afterReuse = await refresh(rotated.refreshToken!);
    expect(afterReuse.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const jti = claimsOf(rotated.accessToken!).jti!;
    accounts.rememberRedisKey(`ultramarket:revoked-jti:${jti}`);
    expect(await accounts.redis.get(`ultramarket:revoked-jti:${jti}`)).toBe('1');
    expect((await me(rotated.accessToken!)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const family = await accounts.db.query(`SELECT revoked_at, revoked_reason FROM session WHERE family_id = $1`, [claimsOf(stolen.accessToken).sid]);
    expect(family).toHaveLength(2);
    for (const row of family) expect(row).toMatchObject({ revoked_at: expect.any(Date), revoked_reason: 'REUSE_DETECTED' });

    // another session of the user is untouched
    expect((await refresh(other.refreshToken)).data!.refreshToken.accessToken).toEqual(expect.any(String));
  });

  it('refuses unknown, malformed and expired refresh tokens with UNAUTHENTICATED', async () => {
    const { email, password } = await registerUser(accounts);
    const session = await signIn(accounts, email, password);
    await accounts.db.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [session.userId]);
    for (const token of [session.refreshToken, 'B'.repeat(43), 'not a token']) {
      expect((await refresh(token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('logout revokes the session and deny-lists the access token until it expires', async () => {
    const { email, password } = await registerUser(accounts);
    const session = await signIn(accounts, email, password);
    const otherDevice = await signIn(accounts, email, password);
    const { jti, exp } = claimsOf(session.accessToken);
    accounts.rememberRedisKey(`ultramarket:revoked-jti:${jti}`);

    const answer = await accounts.request<{ logout: { loggedOut: boolean } }>(Operations.logout, {}, { token: session.accessToken });
    expect(answer.data!.logout.loggedOut).toBe(true);
    expect(await accounts.redis.get(`ultramarket:revoked-jti:${jti}`)).toBe('1');
    const ttl = await accounts.redis.ttl(`ultramarket:revoked-jti:${jti}`);
    const remaining = exp! - Math.floor(Date.now() / 1000);
    expect(ttl).toBeGreaterThan(remaining - 5);
    expect(ttl).toBeLessThanOrEqual(remaining);

    expect((await me(session.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await refresh(session.refreshToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await me(otherDevice.accessToken)).data!.me!.id).toBe(session.userId);
  });

  it('logoutAllSessions revokes every session and marks every token issued until now as revoked', async () => {
    const { email, password } = await registerUser(accounts);
    const sessions = [await signIn(accounts, email, password), await signIn(accounts, email, password)];
    const userId = sessions[0].userId;
    accounts.rememberRedisKey(`ultramarket:revoked-user:${userId}`);

    const answer = await accounts.request<{ logoutAllSessions: { revokedSessionCount: number } }>(Operations.logoutAll, {}, { token: sessions[0].accessToken });
    expect(answer.data!.logoutAllSessions.revokedSessionCount).toBe(2);
    const cutoff = Number(await accounts.redis.get(`ultramarket:revoked-user:${userId}`));
    expect(Math.abs(cutoff - Math.floor(Date.now() / 1000))).toBeLessThanOrEqual(2);
    const ttl = await accounts.redis.ttl(`ultramarket:revoked-user:${userId}`);
    expect(ttl).toBeGreaterThan(900);
    expect(ttl).toBeLessThanOrEqual(960);
    expect(await accounts.count(`SELECT count(*) AS n FROM session WHERE user_id = $1 AND revoked_at IS NULL`, [userId])).toBe(0);
    for (const session of sessions) {
      expect((await me(session.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await refresh(session.refreshToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }

    // signing in again, even within the same second, gives a token that works
    const again = await signIn(accounts, email, password);
    expect(claimsOf(again.accessToken).iat!).toBeGreaterThan(cutoff);
    expect((await me(again.accessToken)).data!.me!.id).toBe(userId);
  });

  it('logout needs a signed-in caller', async () => {
    expect((await accounts.request(Operations.logout)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await accounts.request(Operations.logoutAll)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
