import jwt from 'jsonwebtoken';
import { AccountsUnderTest, Operations, registerUser, signIn, type LoginResult, type UserErrorResult } from './support/accounts-harness';

interface SessionResult {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}
type SessionsAnswer = { me: { sessions: { totalCount: number; nodes: SessionResult[] } } | null };
type RevokeAnswer = { revokeSession: { revokedSessionId: string | null; userErrors: UserErrorResult[] } };

const mySessions = `query { me { sessions(first: 10) { totalCount nodes { id userAgent ipAddress createdAt lastUsedAt current } } } }`;
const revokeSession = `mutation ($sessionId: ID!) { revokeSession(input: { sessionId: $sessionId }) { revokedSessionId userErrors { code field message } } }`;

describe('sessions a user can see and revoke', () => {
  let accounts: AccountsUnderTest;
  const sidOf = (token: string) => (jwt.decode(token) as jwt.JwtPayload).sid as string;
  const me = (token: string) => accounts.request<{ me: { id: string } | null }>(Operations.me, {}, { token });
  const device = (userAgent: string, address: string) => ({ 'user-agent': userAgent, 'x-forwarded-for': address });

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  afterAll(async () => {
    await accounts.close();
  });

  it('lists the live sessions with their device, address, sign-in and last use, marking the current one', async () => {
    const { email, password } = await registerUser(accounts);
    const phone = await signIn(accounts, email, password, device('Phone/1.0', '203.0.113.20'));
    const laptop = await signIn(accounts, email, password, device('Laptop/2.0', '203.0.113.21'));
    const loggedOut = await signIn(accounts, email, password, device('Kiosk/3.0', '203.0.113.23'));
    await accounts.request(Operations.logout, {}, { token: loggedOut.accessToken });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refreshed = await accounts.request<{ refreshToken: LoginResult }>(
      Operations.refresh,
      { token: laptop.refreshToken },
      { headers: device('Laptop/2.0', '203.0.113.22') },
    );
    expect(refreshed.errors).toBeUndefined();

    const answer = await accounts.request<SessionsAnswer>(mySessions, {}, { token: phone.accessToken });
    expect(answer.errors).toBeUndefined();
    const { totalCount, nodes } = answer.data!.me!.sessions;
    expect(totalCount).toBe(2);
    // most recently used first; a refresh is a use
    expect(nodes).toEqual([
      {
        id: sidOf(laptop.accessToken),
        userAgent: 'Laptop/2.0',
        ipAddress: '203.0.113.22',
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        current: false,
      },
      {
        id: sidOf(phone.accessToken),
        userAgent: 'Phone/1.0',
        ipAddress: '203.0.113.20',
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        current: true,
      },
    ]);
    expect(Date.parse(nodes[0].lastUsedAt)).toBeGreaterThan(Date.parse(nodes[0].createdAt));
    expect(nodes[1].lastUsedAt).toBe(nodes[1].createdAt);
    // the same list seen from the laptop marks the laptop
    const fromLaptop = await accounts.request<SessionsAnswer>(mySessions, {}, { token: refreshed.data!.refreshToken.accessToken! });
    expect(fromLaptop.data!.me!.sessions.nodes.map((session) => session.current)).toEqual([true, false]);
  });

  it('revokes one session: its refresh token and access tokens are refused at once, the others go on', async () => {
    const { email, password } = await registerUser(accounts);
    const here = await signIn(accounts, email, password);
    const lost = await signIn(accounts, email, password);
    const lostSid = sidOf(lost.accessToken);
    const jti = (jwt.decode(lost.accessToken) as jwt.JwtPayload).jti!;
    accounts.rememberRedisKey(`ultramarket:revoked-jti:${jti}`);
    expect((await me(lost.accessToken)).data!.me!.id).toBe(lost.userId);

    const answer = await accounts.request<RevokeAnswer>(revokeSession, { sessionId: lostSid }, { token: here.accessToken });
    expect(answer.data!.revokeSession).toEqual({ revokedSessionId: lostSid, userErrors: [] });
    expect((await me(lost.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await accounts.request(Operations.refresh, { token: lost.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await me(here.accessToken)).data!.me!.id).toBe(here.userId);
    const listed = await accounts.request<SessionsAnswer>(mySessions, {}, { token: here.accessToken });
    expect(listed.data!.me!.sessions.nodes.map((session) => session.id)).toEqual([sidOf(here.accessToken)]);

    // a second revocation of the same session finds nothing live
    const again = await accounts.request<RevokeAnswer>(revokeSession, { sessionId: lostSid }, { token: here.accessToken });
    expect(again.data!.revokeSession).toEqual({
      revokedSessionId: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'sessionId'] })],
    });
  });

  it("answers NOT_FOUND for another user's session, an unknown id or a malformed one, and changes nothing", async () => {
    const alice = await registerUser(accounts);
    const mallory = await registerUser(accounts);
    const aliceSession = await signIn(accounts, alice.email, alice.password);
    const mallorySession = await signIn(accounts, mallory.email, mallory.password);
    for (const sessionId of [sidOf(aliceSession.accessToken), '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const answer = await accounts.request<RevokeAnswer>(revokeSession, { sessionId }, { token: mallorySession.accessToken });
      expect(answer.data!.revokeSession).toEqual({
        revokedSessionId: null,
        userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'sessionId'] })],
      });
    }
    expect(
      await accounts.count(`SELECT count(*) AS n FROM session WHERE revoked_at IS NOT NULL AND user_id IN ($1, $2)`, [alice.user.id, mallory.user.id]),
    ).toBe(0);
    expect((await me(aliceSession.accessToken)).data!.me!.id).toBe(alice.user.id);
    expect((await accounts.request(Operations.refresh, { token: aliceSession.refreshToken })).errors).toBeUndefined();
    // and nobody sees anyone's sessions without signing in
    expect((await accounts.request(revokeSession, { sessionId: sidOf(aliceSession.accessToken) })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
