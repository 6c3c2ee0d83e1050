import { AccountsUnderTest, Operations, registerUser, STRONG_PASSWORD, type UserErrorResult, type UserResult } from './support/accounts-harness';
import { scrubPublishedSecrets } from '../src/user/outbox-secrets.job';
import { sha256Hex } from '../src/shared/secure-token';
import { eventually } from '../../kit/test/support/test-names';

type RegisterAnswer = { register: { user: UserResult | null; userErrors: UserErrorResult[] } };
type VerifyAnswer = { verifyEmail: { user: { id: string; isVerified: boolean } | null; userErrors: UserErrorResult[] } };

describe('registration and email verification', () => {
  let accounts: AccountsUnderTest;
  const writes = async () => ({
    users: await accounts.count(`SELECT count(*) AS n FROM app_user`),
    tokens: await accounts.count(`SELECT count(*) AS n FROM one_time_token`),
    events: await accounts.count(`SELECT count(*) AS n FROM outbox_event`),
  });

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  afterAll(async () => {
    await accounts.close();
  });

  it('registers an unverified CUSTOMER and publishes accounts.user-registered with a token stored only hashed and sealed in the event', async () => {
    const { user, email, verificationToken } = await registerUser(accounts, { firstName: 'Ada', lastName: 'Lovelace' });
    expect(user).toMatchObject({ email, firstName: 'Ada', lastName: 'Lovelace', roles: ['CUSTOMER'], storeId: null, isVerified: false, mfaEnabled: false });

    const event = await accounts.publishedEvent<Record<string, string>>('accounts.user-registered', user.id);
    expect(event).toMatchObject({ type: 'accounts.user-registered', storeId: null, aggregateId: user.id });
    expect(event.data).toMatchObject({ userId: user.id, email, firstName: 'Ada', sealedVerificationToken: expect.stringMatching(/^v1\./) });
    expect(verificationToken).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(event)).not.toContain(verificationToken);
    const expiresIn = Date.parse(event.data.verificationTokenExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(23.9 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(24 * 3600_000);

    const [row] = await accounts.db.query(`SELECT token_hash, purpose FROM one_time_token WHERE user_id = $1`, [user.id]);
    expect(row).toEqual({ token_hash: sha256Hex(verificationToken), purpose: 'EMAIL_VERIFICATION' });
    const [stored] = await accounts.db.query(`SELECT password_hash FROM app_user WHERE id = $1`, [user.id]);
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);

    // once published, the sealed token is scrubbed from the outbox row (the relay marks the row published just after
    // the event arrives: under load, the scrub must wait for that mark)
    await eventually(
      async () =>
        (await accounts.db.query(`SELECT 1 FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND published_at IS NOT NULL`, [user.id])).length > 0,
      10_000,
      'the outbox row marked published',
    );
    await scrubPublishedSecrets(accounts.subgraph.runtime);
    const [outbox] = await accounts.db.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1`, [user.id]);
    expect(outbox.envelope.data.sealedVerificationToken).toBeUndefined();
    expect(JSON.stringify(outbox.envelope)).not.toContain(verificationToken);
  });

  it('refuses a weak password with WEAK_PASSWORD and writes nothing', async () => {
    const before = await writes();
    for (const password of ['short1A!', 'onlylowercaseletters', 'Password1234']) {
      const email = accounts.email();
      const answer = await accounts.request<RegisterAnswer>(Operations.register, { input: { email, password, firstName: 'A', lastName: 'B' } });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.register.user).toBeNull();
      expect(answer.data!.register.userErrors).toEqual([expect.objectContaining({ code: 'WEAK_PASSWORD', field: ['input', 'password'] })]);
    }
    const email = accounts.email('same');
    const sameAsEmail = await accounts.request<RegisterAnswer>(Operations.register, { input: { email, password: email, firstName: 'A', lastName: 'B' } });
    expect(sameAsEmail.data!.register.userErrors[0].message).toMatch(/email/);
    expect(await writes()).toEqual(before);
  });

  it('answers a registered email with CONFLICT, whatever its case, and writes nothing', async () => {
    const { email } = await registerUser(accounts);
    const before = await writes();
    for (const variant of [email, email.toUpperCase()]) {
      const answer = await accounts.request<RegisterAnswer>(Operations.register, {
        input: { email: variant, password: STRONG_PASSWORD, firstName: 'A', lastName: 'B' },
      });
      expect(answer.data?.register ?? null).toBeNull();
      expect(answer.errors?.[0].extensions?.code).toBe('CONFLICT');
    }
    expect(await writes()).toEqual(before);
  });

  it('creates one account when the same email registers twice at once', async () => {
    const email = accounts.email('race');
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        accounts.request<RegisterAnswer>(Operations.register, { input: { email, password: STRONG_PASSWORD, firstName: 'A', lastName: 'B' } }),
      ),
    );
    expect(answers.filter((answer) => answer.data?.register?.user)).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(2);
    expect(await accounts.count(`SELECT count(*) AS n FROM app_user WHERE lower(email) = $1`, [email])).toBe(1);
  });

  it('rejects malformed input with BAD_USER_INPUT naming every field, and writes nothing', async () => {
    const before = await writes();
    const answer = await accounts.request<RegisterAnswer>(Operations.register, {
      input: { email: 'not-an-email', password: 'x'.repeat(300), firstName: '', lastName: '   ' },
    });
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = answer.errors![0].extensions!.fields!.map((field) => field.field.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['input.email', 'input.password', 'input.firstName', 'input.lastName']));
    expect(await writes()).toEqual(before);
  });

  it('verifies the email with the token exactly once', async () => {
    const { user, verificationToken } = await registerUser(accounts);
    const first = await accounts.request<VerifyAnswer>(Operations.verifyEmail, { token: verificationToken });
    expect(first.data!.verifyEmail).toEqual({ user: { id: user.id, isVerified: true }, userErrors: [] });

    const again = await accounts.request<VerifyAnswer>(Operations.verifyEmail, { token: verificationToken });
    expect(again.data!.verifyEmail).toEqual({ user: null, userErrors: [expect.objectContaining({ code: 'TOKEN_INVALID', field: ['input', 'token'] })] });
    const unknown = await accounts.request<VerifyAnswer>(Operations.verifyEmail, { token: 'A'.repeat(43) });
    expect(unknown.data!.verifyEmail.userErrors[0].code).toBe('TOKEN_INVALID');
  });

  it('publishes accounts.email-verified with the verified email, once, when the verification commits', async () => {
    const { user, verificationToken } = await registerUser(accounts);
    const verifiedEvents = () =>
      accounts.count(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'type' = $1 AND envelope->>'aggregateId' = $2`, [
        'accounts.email-verified',
        user.id,
      ]);
    expect(await verifiedEvents()).toBe(0);
    await accounts.request<VerifyAnswer>(Operations.verifyEmail, { token: verificationToken });
    const event = await accounts.publishedEvent<{ userId: string; email: string }>('accounts.email-verified', user.id);
    expect(event).toMatchObject({ type: 'accounts.email-verified', storeId: null, aggregateId: user.id, data: { userId: user.id, email: user.email } });
    // a second (refused) verification publishes nothing more
    await accounts.request<VerifyAnswer>(Operations.verifyEmail, { token: verificationToken });
    expect(await verifiedEvents()).toBe(1);
  });

  it('refuses an expired verification token', async () => {
    const { user, verificationToken } = await registerUser(accounts);
    await accounts.db.query(`UPDATE one_time_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    const answer = await accounts.request<VerifyAnswer>(Operations.verifyEmail, { token: verificationToken });
    expect(answer.data!.verifyEmail.userErrors[0].code).toBe('TOKEN_INVALID');
    expect((await accounts.db.query(`SELECT is_verified FROM app_user WHERE id = $1`, [user.id]))[0].is_verified).toBe(false);
  });
});
