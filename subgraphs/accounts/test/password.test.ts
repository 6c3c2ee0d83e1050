import argon2 from 'argon2';
import jwt from 'jsonwebtoken';
import { AccountsUnderTest, loginAs, Operations, registerUser, signIn, STRONG_PASSWORD, type UserErrorResult } from './support/accounts-harness';
import { sha256Hex } from '../src/shared/secure-token';

type ResetAnswer = { resetPassword: { user: { id: string } | null; userErrors: UserErrorResult[] } };
type ChangeAnswer = { changePassword: { user: { id: string } | null; accessToken: string | null; expiresIn: number | null; userErrors: UserErrorResult[] } };

const NEW_PASSWORD = 'Brand-new-passphrase-42';

describe('password reset and change', () => {
  let accounts: AccountsUnderTest;
  const me = (token: string) => accounts.request<{ me: { id: string } | null }>(Operations.me, {}, { token });

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  afterAll(async () => {
    await accounts.close();
  });

  it('answers a reset request the same, spending one password check, whether or not the email has an account', async () => {
    const { user, email } = await registerUser(accounts);
    const events = () => accounts.count(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'type' = 'accounts.password-reset-requested'`);
    const before = await events();
    // the costliest step is what makes both paths take as long: count it instead of timing it
    const verify = jest.spyOn(argon2, 'verify');
    const checked = async (address: string) => {
      verify.mockClear();
      const answer = await accounts.request(Operations.requestReset, { email: address });
      return { answer, passwordChecks: verify.mock.calls.length };
    };
    try {
      const known = [await checked(email), await checked(email), await checked(email)];
      const unknown = [await checked(accounts.email('ghost')), await checked(accounts.email('ghost')), await checked(accounts.email('ghost'))];
      for (const { answer, passwordChecks } of [...known, ...unknown]) {
        expect(answer).toEqual({ status: 200, data: { requestPasswordReset: { accepted: true, userErrors: [] } }, errors: undefined });
        expect(passwordChecks).toBe(1);
      }
    } finally {
      verify.mockRestore();
    }

    expect(await events()).toBe(before + 3);
    const event = await accounts.publishedEvent<Record<string, string>>('accounts.password-reset-requested', user.id);
    expect(event.data).toMatchObject({ userId: user.id, email, sealedResetToken: expect.stringMatching(/^v1\./) });
    const resetToken = await accounts.emailedToken('accounts.password-reset-requested', user.id);
    expect(resetToken).toMatch(/^[\w-]{43}$/);
    const expiresIn = Date.parse(event.data.resetTokenExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(59 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(60 * 60_000);
    // only the latest token works, stored hashed
    expect(await accounts.count(`SELECT count(*) AS n FROM one_time_token WHERE user_id = $1 AND purpose = 'PASSWORD_RESET'`, [user.id])).toBe(1);
    expect(await accounts.count(`SELECT count(*) AS n FROM one_time_token WHERE token_hash = $1`, [sha256Hex(resetToken)])).toBe(1);
  });

  it('drops reset emails beyond 3 per address in 15 minutes, answering the same', async () => {
    const { user, email } = await registerUser(accounts);
    for (let i = 0; i < 5; i += 1) {
      expect((await accounts.request(Operations.requestReset, { email })).data).toEqual({ requestPasswordReset: { accepted: true, userErrors: [] } });
    }
    expect(
      await accounts.count(
        `SELECT count(*) AS n FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' = 'accounts.password-reset-requested'`,
        [user.id],
      ),
    ).toBe(3);
  });

  it('resets the password once with the token, unlocks the account and ends every session', async () => {
    const { user, email, password } = await registerUser(accounts);
    const session = await signIn(accounts, email, password);
    accounts.rememberRedisKey(`ultramarket:revoked-user:${user.id}`);
    await accounts.db.query(`UPDATE app_user SET locked_until = now() + interval '10 minutes' WHERE id = $1`, [user.id]);
    await accounts.request(Operations.requestReset, { email });
    const resetToken = await accounts.emailedToken('accounts.password-reset-requested', user.id);

    const weak = await accounts.request<ResetAnswer>(Operations.resetPassword, { token: resetToken, newPassword: 'weak' });
    expect(weak.data!.resetPassword.userErrors).toEqual([expect.objectContaining({ code: 'WEAK_PASSWORD', field: ['input', 'newPassword'] })]);

    const reset = await accounts.request<ResetAnswer>(Operations.resetPassword, { token: resetToken, newPassword: NEW_PASSWORD });
    expect(reset.data!.resetPassword).toEqual({ user: { id: user.id }, userErrors: [] });
    const again = await accounts.request<ResetAnswer>(Operations.resetPassword, { token: resetToken, newPassword: 'Another-passphrase-43' });
    expect(again.data!.resetPassword.userErrors[0].code).toBe('TOKEN_INVALID');

    expect(await accounts.redis.get(`ultramarket:revoked-user:${user.id}`)).toEqual(expect.stringMatching(/^\d+$/));
    expect((await me(session.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await accounts.request(Operations.refresh, { token: session.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await loginAs(accounts, email, password)).data!.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    const fresh = await signIn(accounts, email, NEW_PASSWORD);
    expect((await me(fresh.accessToken)).data!.me!.id).toBe(user.id);
  });

  it('refuses an expired or unknown reset token', async () => {
    const { user, email } = await registerUser(accounts);
    await accounts.request(Operations.requestReset, { email });
    const resetToken = await accounts.emailedToken('accounts.password-reset-requested', user.id);
    await accounts.db.query(`UPDATE one_time_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    for (const token of [resetToken, 'C'.repeat(43)]) {
      const answer = await accounts.request<ResetAnswer>(Operations.resetPassword, { token, newPassword: NEW_PASSWORD });
      expect(answer.data!.resetPassword).toEqual({ user: null, userErrors: [expect.objectContaining({ code: 'TOKEN_INVALID' })] });
    }
  });

  it('changes the password with the current one, ending the other sessions and handing back a fresh access token', async () => {
    const { email, password } = await registerUser(accounts);
    const here = await signIn(accounts, email, password);
    const elsewhere = await signIn(accounts, email, password);
    accounts.rememberRedisKey(`ultramarket:revoked-user:${here.userId}`);
    const change = (input: Record<string, string>) => accounts.request<ChangeAnswer>(Operations.changePassword, { input }, { token: here.accessToken });

    const wrong = await change({ currentPassword: 'Not-my-password-1', newPassword: NEW_PASSWORD });
    expect(wrong.data!.changePassword.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_CREDENTIALS', field: ['input', 'currentPassword'] })]);
    const weak = await change({ currentPassword: password, newPassword: 'alllowercaseletters' });
    expect(weak.data!.changePassword.userErrors[0].code).toBe('WEAK_PASSWORD');

    const changed = (await change({ currentPassword: password, newPassword: NEW_PASSWORD })).data!.changePassword;
    expect(changed).toMatchObject({ user: { id: here.userId }, accessToken: expect.any(String), userErrors: [] });
    const sid = (jwt.decode(here.accessToken) as jwt.JwtPayload).sid;
    expect((jwt.decode(changed.accessToken!) as jwt.JwtPayload).sid).toBe(sid);

    expect((await me(changed.accessToken!)).data!.me!.id).toBe(here.userId);
    expect((await me(elsewhere.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await accounts.request(Operations.refresh, { token: elsewhere.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // this session goes on
    const refreshed = await accounts.request<{ refreshToken: { accessToken: string } }>(Operations.refresh, { token: here.refreshToken });
    expect(refreshed.data!.refreshToken.accessToken).toEqual(expect.any(String));
    expect((await loginAs(accounts, email, STRONG_PASSWORD)).data!.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  it('updates the profile of the signed-in user only', async () => {
    const { email, password } = await registerUser(accounts);
    const { accessToken, userId } = await signIn(accounts, email, password);
    const answer = await accounts.request<{ updateProfile: { user: { id: string; firstName: string; lastName: string } } }>(
      Operations.updateProfile,
      { input: { firstName: ' Grace ', lastName: 'Hopper' } },
      { token: accessToken },
    );
    expect(answer.data!.updateProfile.user).toEqual({ id: userId, firstName: 'Grace', lastName: 'Hopper' });
    expect((await accounts.request(Operations.updateProfile, { input: { firstName: 'X' } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const blank = await accounts.request(Operations.updateProfile, { input: { firstName: '  ' } }, { token: accessToken });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: ['input', 'firstName'] })] });
  });
});
