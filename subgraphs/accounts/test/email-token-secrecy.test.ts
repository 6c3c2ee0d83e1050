import { createDecipheriv, randomBytes } from 'node:crypto';
import { inScope, PLATFORM_SCOPE } from '@ultramarket/kit';
import { AccountsUnderTest, Operations, STRONG_PASSWORD, signIn, type UserErrorResult, type UserResult } from './support/accounts-harness';

const EMAIL_TOKEN_KEY = randomBytes(32);

/**
 * What notifications does with a sealed token from an accounts event: AES-256-GCM under the key the
 * two services share (ACCOUNT_EMAIL_TOKEN_KEY), `v1.<iv>.<tag>.<ciphertext>` in base64url, the event
 * type and the user id bound in as `<type>:<userId>`.
 */
function openSealedToken(sealed: string, eventType: string, userId: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  expect(version).toBe('v1');
  const decipher = createDecipheriv('aes-256-gcm', EMAIL_TOKEN_KEY, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${eventType}:${userId}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** Single-use emailed tokens: stored only hashed, and never readable in the retained event stream. */
describe('email tokens stay out of the database and the event stream', () => {
  let accounts: AccountsUnderTest;

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start({ ACCOUNT_EMAIL_TOKEN_KEY: EMAIL_TOKEN_KEY.toString('base64') });
  });
  afterAll(async () => {
    await accounts.close();
  });

  /** Every row of every table of the accounts database, as text (every store's rows: the platform scope). */
  async function everyRow(): Promise<string[]> {
    return inScope(accounts.db, PLATFORM_SCOPE, async (manager) => {
      const tables: { name: string }[] = await manager.query(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`);
      const rows: string[] = [];
      for (const { name } of tables) {
        for (const row of await manager.query(`SELECT to_jsonb(t)::text AS row FROM ${name} t`)) rows.push(row.row);
      }
      return rows;
    });
  }

  /** Every message the accounts stream holds, as text. */
  async function everyMessage(): Promise<string[]> {
    const { jsm, names } = accounts.subgraph.runtime;
    const stream = names.stream('accounts');
    const info = await jsm.streams.info(stream);
    const messages: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && seq > 0; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (message) messages.push(`${message.subject} ${Buffer.from(message.data).toString('utf8')}`);
    }
    return messages;
  }

  it('keeps the verification and reset tokens out of every row and every event, yet the emailed tokens work', async () => {
    const email = accounts.email('secret');
    const registered = await accounts.request<{ register: { user: UserResult } }>(Operations.register, {
      input: { email, password: STRONG_PASSWORD, firstName: 'Ada', lastName: 'Lovelace' },
    });
    const userId = registered.data!.register.user.id;
    const welcome = await accounts.publishedEvent<Record<string, string>>('accounts.user-registered', userId);
    expect(welcome.data).not.toHaveProperty('verificationToken');
    const verificationToken = openSealedToken(welcome.data.sealedVerificationToken, 'accounts.user-registered', userId);
    expect(verificationToken).toMatch(/^[\w-]{43}$/);

    expect((await accounts.request(Operations.requestReset, { email })).data).toEqual({ requestPasswordReset: { accepted: true, userErrors: [] } });
    const reset = await accounts.publishedEvent<Record<string, string>>('accounts.password-reset-requested', userId);
    expect(reset.data).not.toHaveProperty('resetToken');
    expect(reset.data).toMatchObject({ userId, email, firstName: 'Ada', resetTokenExpiresAt: expect.any(String) });
    const resetToken = openSealedToken(reset.data.sealedResetToken, 'accounts.password-reset-requested', userId);
    // a seal opens only for its own event and user
    expect(() => openSealedToken(reset.data.sealedResetToken, 'accounts.user-registered', userId)).toThrow();

    const rows = await everyRow();
    const messages = await everyMessage();
    expect(rows.length).toBeGreaterThan(3);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const token of [verificationToken, resetToken]) {
      expect(rows.filter((row) => row.includes(token))).toEqual([]);
      expect(messages.filter((message) => message.includes(token))).toEqual([]);
    }

    const verified = await accounts.request<{ verifyEmail: { user: { isVerified: boolean } | null; userErrors: UserErrorResult[] } }>(Operations.verifyEmail, {
      token: verificationToken,
    });
    expect(verified.data!.verifyEmail).toEqual({ user: { id: userId, isVerified: true }, userErrors: [] });
    const newPassword = 'Brand-new-passphrase-42';
    const answer = await accounts.request<{ resetPassword: { user: { id: string } | null } }>(Operations.resetPassword, { token: resetToken, newPassword });
    expect(answer.data!.resetPassword.user).toEqual({ id: userId });
    expect((await signIn(accounts, email, newPassword)).userId).toBe(userId);
  });
});
