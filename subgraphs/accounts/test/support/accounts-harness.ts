import { randomBytes, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { authenticator } from 'otplib';
import { openAccountEmailToken, SecretCipher, type EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, type TestSubgraph } from '../../../kit/test/support/subgraph-harness';
import { eventually } from '../../../kit/test/support/test-names';
import { signedFetch } from '../../../kit/test/support/signed-fetch';
import { createAccountsSubgraph } from '../../src/accounts.subgraph';
import type { AccountsConfig } from '../../src/accounts.config';
import { loginAddressKey, loginAttemptsKey } from '../../src/session/login-throttle';
import { resetAddressKey, resetEmailKey } from '../../src/password/reset-throttle';

/** The client addresses the suites sign in from. */
const TEST_ADDRESSES = ['127.0.0.1', '::1', '203.0.113.7', '203.0.113.8', '203.0.113.9', 'unknown'];

export interface GraphQLAnswer<T> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; fields?: { field: string[]; message: string }[]; [key: string]: unknown } }[];
}

export interface Recorded {
  query: string;
  body: string;
}

/** The accounts subgraph under test, with a client that records every answer (to look for leaks). */
export class AccountsUnderTest {
  readonly recorded: Recorded[] = [];
  readonly redis: Redis;
  private readonly redisKeys = new Set<string>();

  private constructor(
    readonly subgraph: TestSubgraph,
    /** The key notifications would open the emailed tokens with (ACCOUNT_EMAIL_TOKEN_KEY). */
    private readonly emailTokenSeal: SecretCipher,
  ) {
    this.redis = new Redis(subgraph.runtime.config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
  }

  static async start(env: Record<string, string> = {}, overrides: Partial<AccountsConfig> = {}): Promise<AccountsUnderTest> {
    const emailTokenKey = overrides.emailTokenKey ?? (env.ACCOUNT_EMAIL_TOKEN_KEY ? Buffer.from(env.ACCOUNT_EMAIL_TOKEN_KEY, 'base64') : randomBytes(32));
    const subgraph = await startTestSubgraph(createAccountsSubgraph({ ...overrides, emailTokenKey }), { LOG_LEVEL: 'error', ...env });
    return new AccountsUnderTest(subgraph, new SecretCipher(emailTokenKey));
  }

  get db() {
    return this.subgraph.runtime.dataSource;
  }

  /** This instance's event namespace, which also scopes its throttle counters in Redis. */
  get namespace(): string {
    return this.subgraph.runtime.config.eventNamespace;
  }

  get baseUrl(): string {
    return this.subgraph.url.replace(/\/graphql$/, '');
  }

  /** A unique address per test, so Redis counters of tests never meet. */
  email(label = 'user'): string {
    const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
    for (const ip of TEST_ADDRESSES) this.redisKeys.add(loginAttemptsKey(this.namespace, ip, email));
    this.redisKeys.add(resetEmailKey(this.namespace, email));
    return email;
  }

  rememberRedisKey(key: string): void {
    this.redisKeys.add(key);
  }

  async request<T>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<GraphQLAnswer<T>> {
    const response = await signedFetch(this.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.text();
    this.recorded.push({ query, body });
    const json = JSON.parse(body) as { data?: T | null; errors?: GraphQLAnswer<T>['errors'] };
    return { status: response.status, data: json.data ?? null, errors: json.errors };
  }

  /** The event as notifications will receive it: read from the JetStream stream once the relay published it. */
  async publishedEvent<T>(type: string, aggregateId: string): Promise<EventEnvelope<T>> {
    const { jsm, names } = this.subgraph.runtime;
    const stream = names.stream('accounts');
    return eventually(
      async () => {
        const info = await jsm.streams.info(stream);
        for (let seq = info.state.last_seq; seq >= info.state.first_seq && seq > 0; seq -= 1) {
          const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
          if (!message || message.subject !== names.subject(type)) continue;
          const envelope = JSON.parse(Buffer.from(message.data).toString('utf8')) as EventEnvelope<T>;
          if (envelope.aggregateId === aggregateId) return envelope;
        }
        return null;
      },
      10_000,
      `${type} of ${aggregateId}`,
    );
  }

  /** The token of an account email, as notifications reads it: from the published event, unsealed. */
  async emailedToken(type: 'accounts.user-registered' | 'accounts.password-reset-requested', userId: string): Promise<string> {
    const event = await this.publishedEvent<Record<string, string>>(type, userId);
    const sealed = type === 'accounts.user-registered' ? event.data.sealedVerificationToken : event.data.sealedResetToken;
    return openAccountEmailToken(this.emailTokenSeal, type, userId, sealed);
  }

  async count(sql: string, parameters: unknown[] = []): Promise<number> {
    return Number((await this.db.query(sql, parameters))[0].n);
  }

  /** Removes every Redis key the suite's users and sessions can have made, then the subgraph and its database. */
  async close(): Promise<void> {
    const users: { id: string; email: string }[] = await this.db.query(`SELECT id, email FROM app_user`);
    const tokens: { access_token_id: string }[] = await this.db.query(`SELECT access_token_id FROM session WHERE access_token_id IS NOT NULL`);
    for (const user of users) {
      this.redisKeys.add(`ultramarket:revoked-user:${user.id}`);
      this.redisKeys.add(resetEmailKey(this.namespace, user.email));
      for (const ip of TEST_ADDRESSES) this.redisKeys.add(loginAttemptsKey(this.namespace, ip, user.email));
    }
    // the per-address budgets are shared by every suite signing in from these addresses
    for (const ip of TEST_ADDRESSES.filter((address) => address !== 'unknown'))
      this.redisKeys.add(loginAddressKey(this.namespace, ip)).add(resetAddressKey(this.namespace, ip));
    for (const token of tokens) this.redisKeys.add(`ultramarket:revoked-jti:${token.access_token_id}`);
    if (this.redisKeys.size > 0) await this.redis.del(...this.redisKeys);
    this.redis.disconnect();
    await this.subgraph.close();
  }
}

export const STRONG_PASSWORD = 'Correct-horse-battery-9';

/** A TOTP code for `secret` at `offsetSteps` 30-second steps from now. */
export function totpCode(secret: string, offsetSteps = 0): string {
  return authenticator.clone({ epoch: Date.now() + offsetSteps * 30_000 }).generate(secret);
}

export const Operations = {
  register: `mutation ($input: RegisterInput!) { register(input: $input) { user { id email firstName lastName roles storeId isVerified mfaEnabled createdAt } userErrors { code field message } } }`,
  verifyEmail: `mutation ($token: String!) { verifyEmail(input: { token: $token }) { user { id isVerified } userErrors { code field message } } }`,
  login: `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresIn refreshTokenExpiresAt user { id email roles } userErrors { code field message } } }`,
  refresh: `mutation ($token: String!) { refreshToken(input: { token: $token }) { accessToken refreshToken expiresIn user { id } userErrors { code message } } }`,
  logout: `mutation { logout { loggedOut userErrors { code } } }`,
  logoutAll: `mutation { logoutAllSessions { revokedSessionCount userErrors { code } } }`,
  me: `query { me { id email firstName lastName roles storeId isVerified mfaEnabled } }`,
  requestReset: `mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted userErrors { code field message } } }`,
  resetPassword: `mutation ($token: String!, $newPassword: String!) { resetPassword(input: { token: $token, newPassword: $newPassword }) { user { id } userErrors { code field message } } }`,
  changePassword: `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } accessToken expiresIn userErrors { code field message } } }`,
  updateProfile: `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id firstName lastName } userErrors { code field message } } }`,
  setupMfa: `mutation ($currentPassword: String!) { setupMfa(input: { currentPassword: $currentPassword }) { secret otpauthUrl qrCodeDataUrl userErrors { code message } } }`,
  confirmMfa: `mutation ($code: String!) { confirmMfa(input: { code: $code }) { user { id mfaEnabled } userErrors { code field message } } }`,
  disableMfa: `mutation ($code: String!, $currentPassword: String!) { disableMfa(input: { code: $code, currentPassword: $currentPassword }) { user { id mfaEnabled } userErrors { code field message } } }`,
  users: `query ($first: Int, $after: String, $filter: UsersFilter) { users(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } nodes { id email roles storeId } } }`,
  assignRole: `mutation ($input: AssignRoleInput!) { assignRole(input: $input) { user { id roles storeId } userErrors { code field message } } }`,
  revokeRole: `mutation ($input: RevokeRoleInput!) { revokeRole(input: $input) { user { id roles storeId } userErrors { code field message } } }`,
};

export interface UserResult {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: string[];
  storeId: string | null;
  isVerified: boolean;
  mfaEnabled: boolean;
}
export interface UserErrorResult {
  code: string;
  field: string[] | null;
  message: string;
}
export interface LoginResult {
  accessToken: string | null;
  refreshToken: string | null;
  expiresIn: number | null;
  refreshTokenExpiresAt: string | null;
  user: { id: string; email: string; roles: string[] } | null;
  userErrors: UserErrorResult[];
}

/** Registers a user through the API and answers with it and its verification token (from the event, unsealed). */
export async function registerUser(
  accounts: AccountsUnderTest,
  overrides: Partial<{ email: string; password: string; firstName: string; lastName: string }> = {},
): Promise<{ user: UserResult; email: string; password: string; verificationToken: string }> {
  const email = overrides.email ?? accounts.email();
  const password = overrides.password ?? STRONG_PASSWORD;
  const answer = await accounts.request<{ register: { user: UserResult | null; userErrors: UserErrorResult[] } }>(Operations.register, {
    input: { email, password, firstName: overrides.firstName ?? 'Ada', lastName: overrides.lastName ?? 'Lovelace' },
  });
  if (!answer.data?.register.user) throw new Error(`register failed: ${JSON.stringify(answer)}`);
  const user = answer.data.register.user;
  return { user, email, password, verificationToken: await accounts.emailedToken('accounts.user-registered', user.id) };
}

export async function loginAs(
  accounts: AccountsUnderTest,
  email: string,
  password: string,
  extra: { mfaCode?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLAnswer<{ login: LoginResult }>> {
  return accounts.request<{ login: LoginResult }>(
    Operations.login,
    { input: { email, password, ...(extra.mfaCode ? { mfaCode: extra.mfaCode } : {}) } },
    { headers: extra.headers },
  );
}

/** Signs in and answers with the tokens, failing the test when that does not work. */
export async function signIn(accounts: AccountsUnderTest, email: string, password: string, headers?: Record<string, string>) {
  const answer = await loginAs(accounts, email, password, { headers });
  const login = answer.data?.login;
  if (!login?.accessToken || !login.refreshToken) throw new Error(`login failed: ${JSON.stringify(answer)}`);
  return { accessToken: login.accessToken, refreshToken: login.refreshToken, userId: login.user!.id };
}
