import { randomInt } from 'node:crypto';
import argon2 from 'argon2';
import { loginAddressKey, loginAttemptsKey } from '../src/session/login-throttle';
import { resetAddressKey } from '../src/password/reset-throttle';
import { AccountsUnderTest, type GraphQLAnswer, registerUser, signIn } from './support/accounts-harness';

/**
 * Throttles that hold per client address, whatever the email, and refuse before any password hash is
 * spent: argon2 is the costly step an attacker would make the service pay for.
 */
describe('per-address throttles before hashing', () => {
  let accounts: AccountsUnderTest;
  let verify: jest.SpyInstance;

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  beforeEach(() => {
    verify = jest.spyOn(argon2, 'verify');
  });
  afterEach(() => verify.mockRestore());
  afterAll(async () => {
    await accounts.close();
  });

  /** An address of this test alone; its counters are removed with the suite. */
  function newAddress(): string {
    const ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    accounts.rememberRedisKey(loginAddressKey(accounts.namespace, ip));
    accounts.rememberRedisKey(resetAddressKey(accounts.namespace, ip));
    return ip;
  }

  /** One document calling `field` once per email, each under its own alias. */
  async function aliased(field: string, emails: string[], ip: string, extra = '') {
    const variables = Object.fromEntries(emails.map((email, i) => [`e${i}`, email]));
    const declared = emails.map((_, i) => `$e${i}: String!`).join(', ');
    const selection =
      field === 'login'
        ? (i: number) => `a${i}: login(input: { email: $e${i}, password: "Not-the-password-1"${extra} }) { accessToken userErrors { code } }`
        : (i: number) => `a${i}: requestPasswordReset(input: { email: $e${i} }) { accepted }`;
    const query = `mutation (${declared}) { ${emails.map((_, i) => selection(i)).join('\n')} }`;
    return accounts.request<Record<string, unknown>>(query, variables, { headers: { 'x-forwarded-for': ip } });
  }

  /** The alias a rate limit refused: mutation fields run one after another, and a refused one (its payload is non-null) ends the request. */
  function refusedAlias(answer: GraphQLAnswer<unknown>): number {
    expect(answer.data).toBeNull();
    expect(answer.errors).toHaveLength(1);
    const [error] = answer.errors!;
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    return Number(String((error as { path?: string[] }).path?.[0]).slice(1));
  }

  const loginOnce = (email: string, password: string, ip: string) =>
    accounts.request(
      `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }`,
      { email, password },
      {
        headers: { 'x-forwarded-for': ip },
      },
    );

  it('refuses sign-ins from one address past its budget whatever the email, each alias counting, without hashing', async () => {
    const ip = newAddress();
    const emails = Array.from({ length: 50 }, () => accounts.email('stuffing'));
    for (const email of emails) accounts.rememberRedisKey(loginAttemptsKey(accounts.namespace, ip, email));

    // 50 sign-ins with a new email each in one document: the budget's worth are checked (one hash each), the next is refused
    const budget = refusedAlias(await aliased('login', emails, ip));
    expect(budget).toBeGreaterThan(5);
    expect(budget).toBeLessThan(50);
    expect(verify).toHaveBeenCalledTimes(budget);

    // the rest, one request each, are refused before any hash, with how long to wait
    verify.mockClear();
    for (const email of emails.slice(budget + 1)) {
      const answer = await loginOnce(email, 'Not-the-password-1', ip);
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect(answer.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(answer.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // the right password of a real account from that address is refused too ...
    const { email, password } = await registerUser(accounts);
    accounts.rememberRedisKey(loginAttemptsKey(accounts.namespace, ip, email));
    expect((await loginOnce(email, password, ip)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(verify).not.toHaveBeenCalled();
    // ... while another address signs in
    expect((await signIn(accounts, email, password, { 'x-forwarded-for': newAddress() })).accessToken).toEqual(expect.any(String));
  });

  it('refuses password reset requests from one address past its budget, before hashing or sending', async () => {
    const ip = newAddress();
    const { email } = await registerUser(accounts);
    const events = () => accounts.count(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'type' = 'accounts.password-reset-requested'`);
    const before = await events();

    const budget = refusedAlias(
      await aliased(
        'requestPasswordReset',
        Array.from({ length: 40 }, () => accounts.email('flood')),
        ip,
      ),
    );
    expect(budget).toBeGreaterThan(3);
    expect(budget).toBeLessThan(40);
    expect(verify).toHaveBeenCalledTimes(budget);

    verify.mockClear();
    const real = await accounts.request(
      `mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }`,
      { email },
      {
        headers: { 'x-forwarded-for': ip },
      },
    );
    expect(real.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(verify).not.toHaveBeenCalled();
    expect(await events()).toBe(before);
  });

  it('drops reset requests for one email past its budget, from any address, before hashing, answering the same', async () => {
    const { user, email } = await registerUser(accounts);
    const answers = [];
    for (let i = 0; i < 5; i += 1) {
      answers.push(
        await accounts.request(
          `mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted } }`,
          { email },
          {
            headers: { 'x-forwarded-for': newAddress() },
          },
        ),
      );
    }
    for (const answer of answers) expect(answer).toEqual({ status: 200, data: { requestPasswordReset: { accepted: true } }, errors: undefined });
    expect(verify).toHaveBeenCalledTimes(3);
    expect(
      await accounts.count(
        `SELECT count(*) AS n FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' = 'accounts.password-reset-requested'`,
        [user.id],
      ),
    ).toBe(3);
  });
});
