import { AccountsUnderTest, Operations, registerUser, signIn, totpCode, type UserErrorResult } from './support/accounts-harness';

type SetupAnswer = { setupMfa: { secret: string | null; userErrors: UserErrorResult[] } };
type DisableAnswer = { disableMfa: { user: { id: string; mfaEnabled: boolean } | null; userErrors: UserErrorResult[] } };

const setupMfa = `mutation ($currentPassword: String!) { setupMfa(input: { currentPassword: $currentPassword }) { secret userErrors { code field message } } }`;
const disableMfa = `mutation ($code: String!, $currentPassword: String!) {
  disableMfa(input: { code: $code, currentPassword: $currentPassword }) { user { id mfaEnabled } userErrors { code field message } } }`;

/** A stolen access token alone must not be enough to take over or strip two-factor authentication. */
describe('setupMfa and disableMfa need the current password', () => {
  let accounts: AccountsUnderTest;
  const row = async (userId: string) =>
    (await accounts.db.query(`SELECT mfa_enabled, mfa_secret, mfa_pending_secret, failed_login_count FROM app_user WHERE id = $1`, [userId]))[0];

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  afterAll(async () => {
    await accounts.close();
  });

  it('sets up a secret only with the right password; a wrong one changes nothing and counts as a failed attempt', async () => {
    const { email, password } = await registerUser(accounts);
    const { accessToken, userId } = await signIn(accounts, email, password);

    const wrong = await accounts.request<SetupAnswer>(setupMfa, { currentPassword: 'Not-my-password-1' }, { token: accessToken });
    expect(wrong.data!.setupMfa).toEqual({
      secret: null,
      userErrors: [expect.objectContaining({ code: 'INVALID_CREDENTIALS', field: ['input', 'currentPassword'] })],
    });
    expect(await row(userId)).toMatchObject({ mfa_enabled: false, mfa_pending_secret: null, failed_login_count: 1 });

    const right = await accounts.request<SetupAnswer>(setupMfa, { currentPassword: password }, { token: accessToken });
    expect(right.data!.setupMfa).toMatchObject({ secret: expect.stringMatching(/^[A-Z2-7]{32}$/), userErrors: [] });
    expect(await row(userId)).toMatchObject({ mfa_pending_secret: expect.stringMatching(/^v1\./) });

    // the field is required
    const without = await accounts.request(`mutation { setupMfa { secret } }`, {}, { token: accessToken });
    expect(without.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('disables MFA only with the right password and a current code; a wrong password changes nothing', async () => {
    const { email, password } = await registerUser(accounts);
    const { accessToken, userId } = await signIn(accounts, email, password);
    const { secret } = (await accounts.request<SetupAnswer>(setupMfa, { currentPassword: password }, { token: accessToken })).data!.setupMfa;
    const confirmed = await accounts.request<{ confirmMfa: { user: { mfaEnabled: boolean } } }>(
      Operations.confirmMfa,
      { code: totpCode(secret!) },
      { token: accessToken },
    );
    expect(confirmed.data!.confirmMfa.user.mfaEnabled).toBe(true);
    const before = await row(userId);

    const wrong = await accounts.request<DisableAnswer>(
      disableMfa,
      { code: totpCode(secret!, 1), currentPassword: 'Not-my-password-1' },
      { token: accessToken },
    );
    expect(wrong.data!.disableMfa).toEqual({
      user: null,
      userErrors: [expect.objectContaining({ code: 'INVALID_CREDENTIALS', field: ['input', 'currentPassword'] })],
    });
    expect(await row(userId)).toEqual({ ...before, failed_login_count: before.failed_login_count + 1 });

    // the code was not spent by the refused attempt
    const off = await accounts.request<DisableAnswer>(disableMfa, { code: totpCode(secret!, 1), currentPassword: password }, { token: accessToken });
    expect(off.data!.disableMfa).toEqual({ user: { id: userId, mfaEnabled: false }, userErrors: [] });
  });

  it('refuses a locked account before checking the password', async () => {
    const { email, password } = await registerUser(accounts);
    const { accessToken, userId } = await signIn(accounts, email, password);
    await accounts.db.query(`UPDATE app_user SET locked_until = now() + interval '10 minutes' WHERE id = $1`, [userId]);
    const locked = await accounts.request<SetupAnswer>(setupMfa, { currentPassword: password }, { token: accessToken });
    expect(locked.data!.setupMfa.userErrors).toEqual([expect.objectContaining({ code: 'ACCOUNT_LOCKED' })]);
    expect(await row(userId)).toMatchObject({ mfa_pending_secret: null });
  });
});
