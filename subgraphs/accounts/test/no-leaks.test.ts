import { AccountsUnderTest, loginAs, Operations, registerUser, signIn, totpCode, type LoginResult } from './support/accounts-harness';

/** Every answer of a whole journey, searched for what must never leave the service. */
describe('what answers never contain', () => {
  let accounts: AccountsUnderTest;

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  afterAll(async () => {
    await accounts.close();
  });

  it('holds no password hash, no MFA secret outside setupMfa, and no refresh token but the one just issued', async () => {
    const { user, email, password, verificationToken } = await registerUser(accounts);
    await accounts.request(Operations.verifyEmail, { token: verificationToken });
    const first = await signIn(accounts, email, password);
    const refreshed = (await accounts.request<{ refreshToken: LoginResult }>(Operations.refresh, { token: first.refreshToken })).data!.refreshToken;
    const token = refreshed.accessToken!;
    await accounts.request(Operations.me, {}, { token });
    await accounts.request(`query { me { sessions { nodes { id userAgent ipAddress createdAt lastUsedAt expiresAt current } } } }`, {}, { token });
    const setup = (await accounts.request<{ setupMfa: { secret: string } }>(Operations.setupMfa, { currentPassword: password }, { token })).data!.setupMfa;
    await accounts.request(Operations.confirmMfa, { code: totpCode(setup.secret) }, { token });
    await loginAs(accounts, email, password);
    const withCode = (await loginAs(accounts, email, password, { mfaCode: totpCode(setup.secret, 1) })).data!.login;
    await accounts.request(Operations.updateProfile, { input: { lastName: 'Byron' } }, { token: withCode.accessToken! });
    await accounts.request(Operations.requestReset, { email });
    await accounts.request(Operations.refresh, { token: first.refreshToken }); // reuse: refused
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id email firstName roles mfaEnabled } } }`;
    await accounts.request(query, { representations: [{ __typename: 'User', id: user.id }] }, { token: withCode.accessToken! });
    // asking for a field that does not exist names no column either
    await accounts.request(`query { me { passwordHash mfaSecret } }`, {}, { token: withCode.accessToken! });

    const [row] = await accounts.db.query(`SELECT password_hash, mfa_secret FROM app_user WHERE id = $1`, [user.id]);
    const sessions: { token_hash: string }[] = await accounts.db.query(`SELECT token_hash FROM session WHERE user_id = $1`, [user.id]);
    const issued = [first.refreshToken, refreshed.refreshToken!, withCode.refreshToken!];
    expect(accounts.recorded.length).toBeGreaterThan(10);
    for (const { query: sent, body } of accounts.recorded) {
      expect(body).not.toContain('$argon2');
      expect(body).not.toContain(row.password_hash);
      expect(body).not.toContain(row.mfa_secret);
      for (const session of sessions) expect(body).not.toContain(session.token_hash);
      if (!sent.includes('setupMfa')) expect(body).not.toContain(setup.secret);
      const refreshTokens = issued.filter((refreshToken) => body.includes(refreshToken));
      const issuing = /login|refreshToken\(/.test(sent) && body.includes('"refreshToken":"');
      expect(refreshTokens.length).toBeLessThanOrEqual(issuing ? 1 : 0);
      if (refreshTokens.length === 1) expect(JSON.parse(body).data[/login/.test(sent) ? 'login' : 'refreshToken'].refreshToken).toBe(refreshTokens[0]);
    }
    // the schema has no way to ask for them
    const introspection = await accounts.request<{ __type: { fields: { name: string }[] } }>(`query { __type(name: "User") { fields { name } } }`);
    expect(introspection.data!.__type.fields.map((field) => field.name).sort()).toEqual(
      ['createdAt', 'email', 'firstName', 'id', 'isVerified', 'lastName', 'mfaEnabled', 'roles', 'sessions', 'storeId', 'stores'].sort(),
    );
  });
});
