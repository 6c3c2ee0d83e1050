import { AccountsUnderTest, loginAs, Operations, registerUser, signIn, totpCode, type UserErrorResult } from './support/accounts-harness';

type SetupAnswer = { setupMfa: { secret: string | null; otpauthUrl: string | null; qrCodeDataUrl: string | null; userErrors: UserErrorResult[] } };
type MfaAnswer<K extends string> = { [key in K]: { user: { id: string; mfaEnabled: boolean } | null; userErrors: UserErrorResult[] } };

describe('two-factor authentication (TOTP)', () => {
  let accounts: AccountsUnderTest;

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  afterAll(async () => {
    await accounts.close();
  });

  async function userWithMfa() {
    const registered = await registerUser(accounts);
    const session = await signIn(accounts, registered.email, registered.password);
    const setup = (await accounts.request<SetupAnswer>(Operations.setupMfa, { currentPassword: registered.password }, { token: session.accessToken })).data!
      .setupMfa;
    const confirmCode = totpCode(setup.secret!);
    const confirm = await accounts.request<MfaAnswer<'confirmMfa'>>(Operations.confirmMfa, { code: confirmCode }, { token: session.accessToken });
    expect(confirm.data!.confirmMfa).toEqual({ user: { id: session.userId, mfaEnabled: true }, userErrors: [] });
    return { ...registered, session, secret: setup.secret!, confirmCode };
  }

  it('sets up a secret with its otpauth URI and QR code, stored encrypted and pending until confirmed', async () => {
    const { email, password } = await registerUser(accounts);
    const session = await signIn(accounts, email, password);
    const setup = (await accounts.request<SetupAnswer>(Operations.setupMfa, { currentPassword: password }, { token: session.accessToken })).data!.setupMfa;
    expect(setup).toMatchObject({
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      qrCodeDataUrl: expect.stringMatching(/^data:image\/png;base64,/),
      userErrors: [],
    });
    expect(setup.otpauthUrl).toContain(`secret=${setup.secret}`);
    expect(setup.otpauthUrl).toContain('issuer=UltraMarket');

    const [row] = await accounts.db.query(`SELECT mfa_enabled, mfa_secret, mfa_pending_secret FROM app_user WHERE id = $1`, [session.userId]);
    expect(row).toMatchObject({ mfa_enabled: false, mfa_secret: null, mfa_pending_secret: expect.stringMatching(/^v1\./) });
    expect(row.mfa_pending_secret).not.toContain(setup.secret);

    // not on yet: signing in still needs no code
    expect((await loginAs(accounts, email, password)).data!.login.accessToken).toEqual(expect.any(String));

    const wrong = await accounts.request<MfaAnswer<'confirmMfa'>>(Operations.confirmMfa, { code: '000000' }, { token: session.accessToken });
    expect(wrong.data!.confirmMfa.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_MFA_CODE', field: ['input', 'code'] })]);
    const confirmed = await accounts.request<MfaAnswer<'confirmMfa'>>(Operations.confirmMfa, { code: totpCode(setup.secret!) }, { token: session.accessToken });
    expect(confirmed.data!.confirmMfa.user).toEqual({ id: session.userId, mfaEnabled: true });

    const [enabled] = await accounts.db.query(`SELECT mfa_secret, mfa_pending_secret FROM app_user WHERE id = $1`, [session.userId]);
    expect(enabled).toMatchObject({ mfa_secret: expect.stringMatching(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/), mfa_pending_secret: null });
    expect(enabled.mfa_secret).not.toContain(setup.secret);

    const again = await accounts.request<SetupAnswer>(Operations.setupMfa, { currentPassword: password }, { token: session.accessToken });
    expect(again.data!.setupMfa).toMatchObject({ secret: null, userErrors: [expect.objectContaining({ code: 'MFA_ALREADY_ENABLED' })] });
  });

  it('requires a code at sign-in, accepts a valid one once, and refuses a wrong one', async () => {
    const { email, password, secret, session } = await userWithMfa();

    const withoutCode = await loginAs(accounts, email, password);
    expect(withoutCode.data!.login).toMatchObject({ accessToken: null, userErrors: [{ code: 'MFA_REQUIRED', field: ['input', 'mfaCode'] }] });

    // the confirmation used this step's code: the next step's is within the allowed drift
    const code = totpCode(secret, 1);
    const ok = await loginAs(accounts, email, password, { mfaCode: code });
    expect(ok.data!.login).toMatchObject({ accessToken: expect.any(String), user: { id: session.userId }, userErrors: [] });

    const replay = await loginAs(accounts, email, password, { mfaCode: code, headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(replay.data!.login).toMatchObject({ accessToken: null, userErrors: [{ code: 'INVALID_MFA_CODE' }] });
    const wrong = await loginAs(accounts, email, password, { mfaCode: code === '123456' ? '654321' : '123456', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(wrong.data!.login.userErrors[0].code).toBe('INVALID_MFA_CODE');
    const tooFar = await loginAs(accounts, email, password, { mfaCode: totpCode(secret, 3), headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(tooFar.data!.login.userErrors[0].code).toBe('INVALID_MFA_CODE');
    // a wrong password is still just INVALID_CREDENTIALS, even with a good code
    const badPassword = await loginAs(accounts, email, 'Wrong-password-9', { mfaCode: totpCode(secret, 1), headers: { 'x-forwarded-for': '203.0.113.8' } });
    expect(badPassword.data!.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses two concurrent sign-ins with the same code but one', async () => {
    const { email, password, secret } = await userWithMfa();
    const code = totpCode(secret, 1);
    const answers = await Promise.all(
      ['203.0.113.7', '203.0.113.8', '203.0.113.9'].map((ip) => loginAs(accounts, email, password, { mfaCode: code, headers: { 'x-forwarded-for': ip } })),
    );
    expect(answers.filter((answer) => answer.data!.login.accessToken)).toHaveLength(1);
  });

  it('disables MFA with a current code only', async () => {
    const { email, password, secret, session, confirmCode } = await userWithMfa();
    const disable = (code: string) =>
      accounts.request<MfaAnswer<'disableMfa'>>(Operations.disableMfa, { code, currentPassword: password }, { token: session.accessToken });
    expect((await disable(confirmCode)).data!.disableMfa.userErrors[0].code).toBe('INVALID_MFA_CODE'); // already used by confirmMfa
    const off = await disable(totpCode(secret, 1));
    expect(off.data!.disableMfa).toEqual({ user: { id: session.userId, mfaEnabled: false }, userErrors: [] });
    expect((await accounts.db.query(`SELECT mfa_secret FROM app_user WHERE id = $1`, [session.userId]))[0].mfa_secret).toBeNull();
    expect((await loginAs(accounts, email, password)).data!.login.accessToken).toEqual(expect.any(String));
    expect((await disable(totpCode(secret, -1))).data!.disableMfa.userErrors[0].code).toBe('MFA_NOT_ENABLED');
  });

  it('rejects malformed codes with BAD_USER_INPUT and anonymous callers with UNAUTHENTICATED', async () => {
    const { email, password } = await registerUser(accounts);
    const { accessToken } = await signIn(accounts, email, password);
    const malformed = await accounts.request(Operations.confirmMfa, { code: '12a456' }, { token: accessToken });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: ['input', 'code'] })] });
    expect((await accounts.request(Operations.setupMfa, { currentPassword: password })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
