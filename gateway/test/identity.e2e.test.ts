import { randomUUID } from 'node:crypto';
import { type ClientError, GraphQLClient } from 'graphql-request';
import { getSdk } from '../../schema/generated/sdk';
import { acquireStack, releaseStack, type PooledStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { connectionInitAnswer } from './support/live';

const PASSWORD = 'Correct-horse-battery-9';

/** Signing up, in and out through the gateway, with the emails that go with it. */
describe('identity through the gateway', () => {
  let stack: PooledStack;

  const sdk = (token?: string) => getSdk(new GraphQLClient(stack.gatewayUrl, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
  const codeOf = async (call: Promise<unknown>) =>
    call.then(
      () => 'OK',
      (error: ClientError) => error.response?.errors?.[0]?.extensions?.code,
    );
  const emailTo = (address: string, subject: RegExp) =>
    eventually(async () => stack.inbox.messagesTo(address).find((message) => subject.test(message.subject)), 15_000, `an email to ${address}`);
  const tokenIn = (text: string) => /enter this code[^:]*: (\S+)/.exec(text)![1];

  // the stack's inbox: its notifications' emails, polled every 200 ms (a pooled stack's is shared; addresses are the suite's own)
  beforeAll(async () => {
    stack = await acquireStack({ name: 'identity' });
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  it('registers, verifies the email from the verification email, signs in, refreshes and logs out everywhere', async () => {
    const email = `ada.${randomUUID().slice(0, 8)}@example.com`;
    const registered = await sdk().Register({ input: { email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' } });
    expect(registered.register.user).toMatchObject({ email, roles: ['CUSTOMER'], isVerified: false });

    const verification = await emailTo(email, /confirm your email/i);
    const verified = await sdk().VerifyEmail({ input: { token: tokenIn(verification.text) } });
    expect(verified.verifyEmail.user?.isVerified).toBe(true);

    const { login } = await sdk().Login({ input: { email, password: PASSWORD } });
    expect(login.userErrors).toEqual([]);
    const me = await sdk(login.accessToken!).Me();
    expect(me.me).toMatchObject({ email, isVerified: true });

    const refreshed = await sdk().RefreshToken({ input: { token: login.refreshToken! } });
    expect(refreshed.refreshToken.accessToken).toBeTruthy();
    // the rotated-out refresh token is dead, and presenting it again revokes the family
    expect(await codeOf(sdk().RefreshToken({ input: { token: login.refreshToken! } }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(sdk().RefreshToken({ input: { token: refreshed.refreshToken.refreshToken! } }))).toBe('UNAUTHENTICATED');

    const second = await sdk().Login({ input: { email, password: PASSWORD } });
    const token = second.login.accessToken!;
    expect((await sdk(token).Logout()).logout.loggedOut).toBe(true);
    // denied everywhere, at once (the first request after the logout, no retry): the gateway, the subgraphs
    // behind it and the subscription socket read the same deny-list
    expect(await codeOf(sdk(token).Me())).toBe('UNAUTHENTICATED');
    expect(await codeOf(sdk(token).Orders({ first: 1 }))).toBe('UNAUTHENTICATED');
    expect(await connectionInitAnswer(stack.wsUrl, { Authorization: `Bearer ${token}` })).toBe(4403);
  });

  it('sends a password reset only to accounts that exist, and answers the same either way', async () => {
    const email = `grace.${randomUUID().slice(0, 8)}@example.com`;
    await sdk().Register({ input: { email, password: PASSWORD, firstName: 'Grace', lastName: 'Hopper' } });
    const known = await sdk().RequestPasswordReset({ input: { email } });
    const unknown = await sdk().RequestPasswordReset({ input: { email: `nobody.${randomUUID().slice(0, 8)}@example.com` } });
    expect(unknown.requestPasswordReset).toEqual(known.requestPasswordReset);

    const reset = await emailTo(email, /reset your password/i);
    const newPassword = 'Another-long-passphrase-7';
    const done = await sdk().ResetPassword({ input: { token: tokenIn(reset.text), newPassword } });
    expect(done.resetPassword.userErrors).toEqual([]);
    expect((await sdk().Login({ input: { email, password: PASSWORD } })).login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    expect((await sdk().Login({ input: { email, password: newPassword } })).login.accessToken).toBeTruthy();
    const again = await sdk().ResetPassword({ input: { token: tokenIn(reset.text), newPassword: 'Yet-another-passphrase-5' } });
    expect(again.resetPassword.userErrors.length).toBeGreaterThan(0);
  });
});
