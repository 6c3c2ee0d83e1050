/**
 * The abuse suite, part 1: identity and stores paths through the real gateway (issue "Safe to put on
 * the internet", item 8). Each `it` replays one abuse path of item 6 over HTTP (WebSocket where the
 * path has a subscription side) with real accounts, verified from their emails; part 2 (orders,
 * payments, checkout, request shapes) is abuse-checkout.e2e.test.ts.
 *
 * item 6 bullet                                                  → it
 *   forced staff membership (addStoreStaff of anyone's user id)  → 'forced staff membership: …'
 *   someone else's email at checkout claims their customer data  → 'someone else's email at checkout: …'
 *   sessions cannot be listed or ended one by one                → 'a stolen session: …'
 *   MFA switched on/off with a stolen access token alone         → 'a stolen access token: …'
 *   emailed tokens readable in events and stored in clear        → 'emailed tokens: …'
 *   sign-in / reset floods across many emails from one address   → 'credential stuffing from one address: …'
 *   custom domain takeover (claiming another store's domain)     → 'custom domain takeover: …'
 *   a suspended store's staff still change it                    → 'a suspended store: …'
 *
 * The gateway runs with production-sized cost buckets behind a trusted proxy (support/abuse.ts
 * ABUSE_GATEWAY_ENV): outside production the buckets are 20 times larger and would let the floods
 * through to accounts, and each caller needs a client address of its own.
 */
import { randomUUID } from 'node:crypto';
import { type GraphQLClient } from 'graphql-request';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { connect, type NatsConnection } from 'nats';
import { Client as PgClient } from 'pg';
import { authenticator } from 'otplib';
import { Role } from '@ultramarket/kit';
import { dropDatabases, startStack, statementCount, type Stack } from '../../scripts/lib/stack';
import { startMailCatcher, type MailCatcher } from '../../scripts/lib/mail-catcher';
import { tokenFor } from '../../subgraphs/kit/test/support/subgraph-harness';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { ABUSE_GATEWAY_ENV, codeOf, freshAddress, gatewayClient, postGraphQL, type Caller } from './support/abuse';
import { SHIPPING_ADDRESS, Storefront } from './support/storefront';

const PASSWORD = 'Correct-horse-battery-9';
/** accounts' documented per-address budgets (subgraphs/accounts/src/accounts.policy.ts): sign-ins a minute, reset requests in 15 minutes. */
const SIGN_INS_PER_ADDRESS = 20;
const RESETS_PER_ADDRESS = 20;

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { user { id } userErrors { code } } }`;
const VERIFY = `mutation ($token: String!) { verifyEmail(input: { token: $token }) { user { id isVerified } userErrors { code } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } userErrors { code } } }`;
const REFRESH = `mutation ($token: String!) { refreshToken(input: { token: $token }) { accessToken refreshToken } }`;
const ME = `query { me { id email mfaEnabled sessions(first: 10) { edges { node { id userAgent ipAddress createdAt lastUsedAt current } } } } }`;
const REQUEST_RESET = `mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { accepted userErrors { code } } }`;
const RESET = `mutation ($token: String!, $newPassword: String!) { resetPassword(input: { token: $token, newPassword: $newPassword }) { user { id } userErrors { code } } }`;
const REVOKE_SESSION = `mutation ($sessionId: ID!) { revokeSession(input: { sessionId: $sessionId }) { revokedSessionId userErrors { code } } }`;
const SETUP_MFA = `mutation ($currentPassword: String!) { setupMfa(input: { currentPassword: $currentPassword }) { secret userErrors { code } } }`;
const CONFIRM_MFA = `mutation ($code: String!) { confirmMfa(input: { code: $code }) { userErrors { code } } }`;
const DISABLE_MFA = `mutation ($currentPassword: String!, $code: String!) { disableMfa(input: { currentPassword: $currentPassword, code: $code }) { userErrors { code } } }`;
const CREATE_STORE = `mutation ($input: CreateStoreInput!) { createStore(input: $input) { store { id ownerId } userErrors { code } } }`;
const STORE = `query ($id: ID!) { store(id: $id) { id ownerId name status customDomain customDomainVerification { status } } }`;
const STORE_BY_DOMAIN = `query ($domain: String!) { storeByDomain(domain: $domain) { id } }`;
const UPDATE_STORE = `mutation ($input: UpdateStoreInput!) { updateStore(input: $input) { store { id name customDomain customDomainVerification { status } } userErrors { code } } }`;
const VERIFY_DOMAIN = `mutation ($storeId: ID!) { verifyStoreDomain(input: { storeId: $storeId }) { store { id } userErrors { code } } }`;
const SET_STATUS = `mutation ($input: SetStoreStatusInput!) { setStoreStatus(input: $input) { store { status } userErrors { code } } }`;
const ADD_STAFF = `mutation ($input: AddStoreStaffInput!) { addStoreStaff(input: $input) { staffMember { userId } userErrors { code } } }`;
const INVITE_STAFF = `mutation ($input: InviteStoreStaffInput!) { inviteStoreStaff(input: $input) { invitation { id status } userErrors { code } } }`;
const ACCEPT_INVITATION = `mutation ($invitationId: ID!) { acceptStoreInvitation(input: { invitationId: $invitationId }) { userErrors { code } } }`;
const STORE_STAFF = `query ($storeId: ID!) { storeStaff(storeId: $storeId) { userId role } }`;
const STORE_INVITATIONS = `query ($storeId: ID!) { storeInvitations(storeId: $storeId) { id userId status } }`;
const CREATE_CUSTOMER = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code } } }`;
const CREATE_ADDRESS = `mutation ($input: CreateCustomerAddressInput!) { createCustomerAddress(input: $input) { address { id } userErrors { code } } }`;
const CUSTOMER = `query ($id: ID!) { customer(id: $id) { id email phone note userId ordersCount addresses { line1 } } }`;
const CUSTOMERS = `query { customers(first: 20) { nodes { id email userId } } }`;
const MY_PROFILE = `query { myCustomerProfile { id email phone note userId addresses { line1 } } }`;
const PLACE_ORDER = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status customerId email } userErrors { code } } }`;
const PAY = `mutation ($input: ProcessPaymentInput!) { processPayment(input: $input) { payment { status } userErrors { code } } }`;
const ORDER = `query ($id: ID!) { order(id: $id) { id status } }`;
const ADJUST_STOCK = `mutation ($input: AdjustStockInput!) { adjustStock(input: $input) { userErrors { code } } }`;
const DISPATCH = `mutation ($input: DispatchOrderInput!) { dispatchOrder(input: $input) { order { status } userErrors { code } } }`;
const PRODUCT_STOCK = `query ($id: ID!) { product(id: $id) { id inventory { onHand reserved } } }`;

interface Me {
  me: {
    id: string;
    email: string;
    mfaEnabled: boolean;
    sessions: {
      edges: { node: { id: string; userAgent: string | null; ipAddress: string | null; createdAt: string; lastUsedAt: string; current: boolean } }[];
    };
  } | null;
}
interface Login {
  login: { accessToken: string | null; refreshToken: string | null; user: { id: string } | null; userErrors: { code: string }[] };
}
type Errors = { code: string }[];
interface SignedUp {
  userId: string;
  email: string;
  /** The address this user signs in from. */
  address: string;
  accessToken: string;
  refreshToken: string;
  /** The raw token of the verification email. */
  verificationToken: string;
}

describe('abuse through the gateway: identity and stores', () => {
  let stack: Stack;
  let mail: MailCatcher;
  let nats: NatsConnection;
  let admin: GraphQLClient;

  const as = (caller: Caller = {}) => gatewayClient(stack.gatewayUrl, caller);
  const newEmail = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.com`;
  const tokenIn = (text: string) => /enter this code[^:]*: (\S+)/.exec(text)![1];
  const emailed = async (to: string, subject: RegExp, since = 0) => tokenIn((await mail.waitForEmail({ to, subject, since, timeoutMs: 30_000 })).text);

  /** Registers, verifies the email from the verification email and signs in, from an address of its own. */
  async function signUp(name: string, email = newEmail(name)): Promise<SignedUp> {
    const address = freshAddress();
    const client = as({ address });
    const { register } = await client.request<{ register: { user: { id: string } | null; userErrors: Errors } }>(REGISTER, {
      input: { email, password: PASSWORD, firstName: name, lastName: 'Abuse' },
    });
    expect(register.userErrors).toEqual([]);
    const verificationToken = await emailed(email, /confirm your email/i);
    const { verifyEmail } = await client.request<{ verifyEmail: { user: { isVerified: boolean } | null } }>(VERIFY, { token: verificationToken });
    expect(verifyEmail.user?.isVerified).toBe(true);
    const { login } = await client.request<Login>(LOGIN, { input: { email, password: PASSWORD } });
    expect(login.userErrors).toEqual([]);
    return { userId: register.user!.id, email, address, accessToken: login.accessToken!, refreshToken: login.refreshToken!, verificationToken };
  }

  /** Reads a table of the stack's own database for `subgraph` (ultramarket_test_<namespace>_<subgraph>, scripts/lib/stack.js). */
  async function withDatabase<T>(subgraph: string, use: (db: PgClient) => Promise<T>): Promise<T> {
    const db = new PgClient({
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT ?? 5432),
      user: process.env.DATABASE_USER ?? 'postgres',
      password: process.env.DATABASE_PASSWORD,
      database: stack.databaseNames.find((name) => name.endsWith(`_${subgraph}`)),
    });
    await db.connect();
    try {
      return await use(db);
    } finally {
      await db.end();
    }
  }

  beforeAll(async () => {
    mail = (await startMailCatcher({ log: () => {}, host: '127.0.0.1', port: 0, quiet: true }))!;
    stack = await startStack({
      namespace: uniqueSuiteName('abuseid'),
      env: { SMTP_PORT: String(mail.port), NOTIFICATIONS_EMAIL_POLL_MS: '200' },
      gatewayEnv: ABUSE_GATEWAY_ENV,
    });
    nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    admin = as({ token: tokenFor([Role.PLATFORM_ADMIN], null) });
  }, 180_000);

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
    await mail?.close();
    if (stack) await dropDatabases(stack.databaseNames);
  });

  it('forced staff membership: a merchant cannot add another store’s owner, and an invitation changes nothing until its invitee accepts it', async () => {
    const victim = await signUp('owner');
    const victimClient = as({ token: victim.accessToken, address: victim.address });
    const { createStore } = await victimClient.request<{ createStore: { store: { id: string; ownerId: string } } }>(CREATE_STORE, {
      input: { name: `Victim ${randomUUID().slice(0, 6)}`, email: victim.email, currency: 'USD', locale: 'en-US', timezone: 'Europe/London' },
    });
    // the attacker reads the victim's user id off their store, as anyone may
    const { store: victimStore } = await as().request<{ store: { ownerId: string } }>(STORE, { id: createStore.store.id });
    expect(victimStore.ownerId).toBe(victim.userId);
    // owning a store changes the victim's memberships, so accounts refuses their tokens and the next refresh carries the store
    await eventually(async () => (await codeOf(victimClient.request(ME))) === 'UNAUTHENTICATED', 15_000, 'the owner’s tokens renewed for the new store');
    const renewed = await as({ address: victim.address }).request<{ refreshToken: { accessToken: string; refreshToken: string } }>(REFRESH, {
      token: victim.refreshToken,
    });
    const ownerClient = as({ token: renewed.refreshToken.accessToken, address: victim.address });
    expect((await ownerClient.request<Me>(ME)).me?.id).toBe(victim.userId);

    const attacker = await Storefront.open(stack, `Attacker ${randomUUID().slice(0, 6)}`);
    const merchant = as({ token: attacker.merchantToken });
    const staffOf = async () =>
      (await merchant.request<{ storeStaff: { userId: string; role: string }[] }>(STORE_STAFF, { storeId: attacker.storeId })).storeStaff;

    expect(await codeOf(merchant.request(ADD_STAFF, { input: { storeId: attacker.storeId, userId: victimStore.ownerId, role: 'STORE_STAFF' } }))).toBe(
      'FORBIDDEN',
    );
    expect((await staffOf()).map((member) => member.userId)).not.toContain(victim.userId);

    const { inviteStoreStaff } = await merchant.request<{ inviteStoreStaff: { invitation: { id: string; status: string } | null; userErrors: Errors } }>(
      INVITE_STAFF,
      { input: { storeId: attacker.storeId, userId: victim.userId, role: 'STORE_STAFF' } },
    );
    expect(inviteStoreStaff).toMatchObject({ invitation: { status: 'PENDING' }, userErrors: [] });
    const invitationId = inviteStoreStaff.invitation!.id;

    // a bystander the platform adds to the store after the invitation: once accounts has their membership (their tokens
    // are refused), it has seen every stores event before it, the invitation's included
    const bystander = await signUp('bystander');
    await admin.request(ADD_STAFF, { input: { storeId: attacker.storeId, userId: bystander.userId, role: 'STORE_STAFF' } });
    const bystanderClient = as({ token: bystander.accessToken, address: bystander.address });
    await eventually(async () => (await codeOf(bystanderClient.request(ME))) === 'UNAUTHENTICATED', 15_000, 'accounts to see the stores events');
    // no forced logout: the invitee's access token and refresh token still work
    expect((await ownerClient.request<Me>(ME)).me?.id).toBe(victim.userId);
    const refreshed = await as({ address: victim.address }).request<{ refreshToken: { accessToken: string } }>(REFRESH, {
      token: renewed.refreshToken.refreshToken,
    });
    expect(refreshed.refreshToken.accessToken).toEqual(expect.any(String));
    expect((await staffOf()).map((member) => member.userId)).not.toContain(victim.userId);

    // nobody else can accept it for them
    const stranger = as({ token: tokenFor([Role.CUSTOMER], null) });
    const { acceptStoreInvitation: strangers } = await stranger.request<{ acceptStoreInvitation: { userErrors: Errors } }>(ACCEPT_INVITATION, { invitationId });
    expect(strangers.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect((await staffOf()).map((member) => member.userId)).not.toContain(victim.userId);

    const signedIn = as({ token: refreshed.refreshToken.accessToken, address: victim.address });
    const { acceptStoreInvitation } = await signedIn.request<{ acceptStoreInvitation: { userErrors: Errors } }>(ACCEPT_INVITATION, { invitationId });
    expect(acceptStoreInvitation.userErrors).toEqual([]);
    expect(await staffOf()).toContainEqual({ userId: victim.userId, role: 'STORE_STAFF' });
  });

  it('someone else’s email at checkout: a signed-in shopper ordering with B’s email sees none of B’s customer data, and B’s record stays B’s', async () => {
    const store = await Storefront.open(stack, `Checkout ${randomUUID().slice(0, 6)}`);
    const merchant = as({ token: store.merchantToken });
    const productId = await store.product('Abuse lamp', 10, 1200);
    const bEmail = newEmail('bee');
    const { createCustomer } = await merchant.request<{ createCustomer: { customer: { id: string } } }>(CREATE_CUSTOMER, {
      input: { email: bEmail, firstName: 'Bee', lastName: 'Private', phone: '+44 20 7946 0958', note: 'VIP: call before delivery' },
    });
    const customerId = createCustomer.customer.id;
    await merchant.request(CREATE_ADDRESS, {
      input: { customerId, address: { name: 'Bee Private', line1: '1 Secret Lane', city: 'London', postalCode: 'E1 6AN', countryCode: 'GB' } },
    });
    type CustomerRecord = { email: string; phone: string | null; note: string; userId: string | null; ordersCount: number; addresses: { line1: string }[] };
    const recordOfB = async () => (await merchant.request<{ customer: CustomerRecord }>(CUSTOMER, { id: customerId })).customer;
    // B verifies that email: customers links B's record to B
    const b = await signUp('bee', bEmail);
    await eventually(async () => (await recordOfB()).userId === b.userId, 20_000, 'B’s record linked to B');

    const a = await signUp('ay');
    const shopperA = as({ token: a.accessToken, storeId: store.storeId, address: a.address });
    const order = await eventually(
      async () => {
        const { placeOrder } = await shopperA.request<{
          placeOrder: { order: { id: string; customerId: string | null; email: string } | null; userErrors: Errors };
        }>(PLACE_ORDER, { input: { items: [{ productId, quantity: 1 }], email: b.email, shippingAddress: SHIPPING_ADDRESS, idempotencyKey: randomUUID() } });
        if (placeOrder.userErrors.some((error) => error.code === 'PRODUCT_NOT_AVAILABLE')) return undefined;
        expect(placeOrder.userErrors).toEqual([]);
        return placeOrder.order!;
      },
      15_000,
      'A’s order with B’s email',
    );
    expect(order).toMatchObject({ customerId: a.userId, email: b.email });

    // customers has taken the order in (it counts on B's record, the one with that email) ...
    const after = await eventually(
      async () => {
        const record = await recordOfB();
        return record.ordersCount === 1 ? record : undefined;
      },
      20_000,
      'the order on B’s record',
    );
    // ... without linking the record to A, or showing A any of B's data
    expect(after).toMatchObject({ email: b.email, phone: '+44 20 7946 0958', note: 'VIP: call before delivery', addresses: [{ line1: '1 Secret Lane' }] });
    expect(after.userId).toBe(b.userId);
    const { myCustomerProfile } = await shopperA.request<{ myCustomerProfile: CustomerRecord | null }>(MY_PROFILE);
    const seen = JSON.stringify(myCustomerProfile);
    for (const secret of [b.email, '7946 0958', 'VIP', 'Secret Lane']) expect(seen).not.toContain(secret);
    const { customers } = await merchant.request<{ customers: { nodes: { email: string; userId: string | null }[] } }>(CUSTOMERS);
    expect(customers.nodes.filter((customer) => customer.userId === a.userId).map((customer) => customer.email)).not.toContain(b.email);
  });

  it('a stolen session: both devices are listed with device, address and last use, and revoking one refuses its tokens at once over HTTP and WebSocket', async () => {
    const user = await signUp('devices');
    const laptop = { address: freshAddress(), userAgent: 'Mozilla/5.0 (Macintosh) Laptop/1' };
    const phone = { address: freshAddress(), userAgent: 'UltraMarketApp/2 (iPhone)' };
    const signIn = async (device: { address: string; userAgent: string }) =>
      (await as(device).request<Login>(LOGIN, { input: { email: user.email, password: PASSWORD } })).login;
    const onLaptop = await signIn(laptop);
    const onPhone = await signIn(phone);
    const laptopClient = as({ ...laptop, token: onLaptop.accessToken! });
    const phoneClient = as({ ...phone, token: onPhone.accessToken! });

    const sessions = (await laptopClient.request<Me>(ME)).me!.sessions.edges.map((edge) => edge.node);
    const laptopSession = sessions.find((session) => session.userAgent === laptop.userAgent)!;
    const phoneSession = sessions.find((session) => session.userAgent === phone.userAgent)!;
    expect(laptopSession).toMatchObject({ ipAddress: laptop.address, current: true, lastUsedAt: expect.any(String) });
    expect(phoneSession).toMatchObject({ ipAddress: phone.address, current: false, lastUsedAt: expect.any(String) });

    // another user cannot end it, nor learn that it exists
    const other = await signUp('other');
    const { revokeSession: foreign } = await as({ token: other.accessToken, address: other.address }).request<{ revokeSession: { userErrors: Errors } }>(
      REVOKE_SESSION,
      { sessionId: phoneSession.id },
    );
    expect(foreign.userErrors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect((await phoneClient.request<Me>(ME)).me?.id).toBe(user.userId);

    const { revokeSession } = await laptopClient.request<{ revokeSession: { revokedSessionId: string | null; userErrors: Errors } }>(REVOKE_SESSION, {
      sessionId: phoneSession.id,
    });
    expect(revokeSession).toEqual({ revokedSessionId: phoneSession.id, userErrors: [] });
    expect(await codeOf(phoneClient.request(ME))).toBe('UNAUTHENTICATED');
    expect(await codeOf(as(phone).request(REFRESH, { token: onPhone.refreshToken }))).toBe('UNAUTHENTICATED');
    // a socket opened with the revoked token is closed at connection_init
    const closeCode = await new Promise<number>((resolve) => {
      const client = createClient({
        url: stack.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { Authorization: `Bearer ${onPhone.accessToken}` },
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => undefined,
      });
      client.on('connected', () => {
        resolve(0);
        void client.dispose();
      });
      client.on('closed', (event) => {
        resolve((event as { code: number }).code);
        void client.dispose();
      });
    });
    expect(closeCode).toBe(4403);
    // the laptop goes on, and lists the phone no more
    const left = (await laptopClient.request<Me>(ME)).me!.sessions.edges.map((edge) => edge.node.id);
    expect(left).toContain(laptopSession.id);
    expect(left).not.toContain(phoneSession.id);
  });

  it('a stolen access token: setupMfa and disableMfa with a wrong current password answer INVALID_CREDENTIALS and change nothing', async () => {
    const user = await signUp('mfa');
    const thief = as({ token: user.accessToken, address: freshAddress() });
    const owner = as({ token: user.accessToken, address: user.address });
    const mfaEnabled = async () => (await owner.request<Me>(ME)).me!.mfaEnabled;

    const { setupMfa } = await thief.request<{ setupMfa: { secret: string | null; userErrors: Errors } }>(SETUP_MFA, { currentPassword: 'Not-the-password-1' });
    expect(setupMfa).toEqual({ secret: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
    expect(await mfaEnabled()).toBe(false);
    // no secret was started for the thief to confirm
    const { confirmMfa } = await thief.request<{ confirmMfa: { userErrors: Errors } }>(CONFIRM_MFA, { code: '123456' });
    expect(confirmMfa.userErrors).not.toEqual([]);
    expect(await mfaEnabled()).toBe(false);

    // the owner switches it on, knowing the password
    const { setupMfa: mine } = await owner.request<{ setupMfa: { secret: string | null; userErrors: Errors } }>(SETUP_MFA, { currentPassword: PASSWORD });
    expect(mine.userErrors).toEqual([]);
    const confirmed = await owner.request<{ confirmMfa: { userErrors: Errors } }>(CONFIRM_MFA, { code: authenticator.generate(mine.secret!) });
    expect(confirmed.confirmMfa.userErrors).toEqual([]);
    expect(await mfaEnabled()).toBe(true);

    // the thief, even with a current code, cannot switch it off without the password
    const nextCode = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(mine.secret!);
    const { disableMfa } = await thief.request<{ disableMfa: { userErrors: Errors } }>(DISABLE_MFA, { currentPassword: 'Not-the-password-1', code: nextCode });
    expect(disableMfa.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS' }]);
    expect(await mfaEnabled()).toBe(true);
    const { login } = await as({ address: user.address }).request<Login>(LOGIN, { input: { email: user.email, password: PASSWORD } });
    expect(login.userErrors.map((error) => error.code)).toEqual(['MFA_REQUIRED']);
  });

  it('emailed tokens: the raw verification and reset tokens are in no accounts event and no accounts row, and each works once', async () => {
    const since = Date.now();
    const user = await signUp('tokens');
    const client = as({ address: user.address });
    await client.request(REQUEST_RESET, { email: user.email });
    const resetToken = await emailed(user.email, /reset your password/i, since);

    /** Every message the stack's accounts stream holds (read back as subgraphs/accounts/test/email-token-secrecy.test.ts does). */
    const jsm = await nats.jetstreamManager();
    const stream = `${stack.namespace.toUpperCase()}_ACCOUNTS`;
    const { state } = await jsm.streams.info(stream);
    const messages: string[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && seq > 0; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (message) messages.push(`${message.subject} ${Buffer.from(message.data).toString('utf8')}`);
    }
    expect(messages.some((message) => message.includes(user.userId) && message.includes('password-reset-requested'))).toBe(true);
    const rows = await withDatabase('accounts', async (db) => {
      const tables = await db.query<{ name: string }>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`);
      const all: string[] = [];
      for (const { name } of tables.rows)
        for (const row of (await db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${name} t`)).rows) all.push(row.row);
      return all;
    });
    expect(rows.some((row) => row.includes(user.userId))).toBe(true);
    for (const token of [user.verificationToken, resetToken]) {
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(messages.filter((message) => message.includes(token))).toEqual([]);
      expect(rows.filter((row) => row.includes(token))).toEqual([]);
    }

    // signUp used the verification token once already: a second use is refused
    const again = await client.request<{ verifyEmail: { user: unknown; userErrors: Errors } }>(VERIFY, { token: user.verificationToken });
    expect(again.verifyEmail.user).toBeNull();
    expect(again.verifyEmail.userErrors).not.toEqual([]);
    const reset = await client.request<{ resetPassword: { user: { id: string } | null; userErrors: Errors } }>(RESET, {
      token: resetToken,
      newPassword: 'Brand-new-passphrase-42',
    });
    expect(reset.resetPassword).toEqual({ user: { id: user.userId }, userErrors: [] });
    const replayed = await client.request<{ resetPassword: { user: unknown; userErrors: Errors } }>(RESET, {
      token: resetToken,
      newPassword: 'Third-passphrase-77',
    });
    expect(replayed.resetPassword.user).toBeNull();
    expect(replayed.resetPassword.userErrors).not.toEqual([]);
  });

  it('credential stuffing from one address: aliased and one-by-one sign-ins and reset requests are refused before any password is checked', async () => {
    const accountsMetrics = stack.services.accounts.metricsUrl!;
    // 30 sign-ins, each with its own email, in one request: 30 × 50 points is more than a whole bucket
    const aliased = `mutation { ${Array.from(
      { length: 30 },
      (_, index) => `l${index}: login(input: { email: "${newEmail(`stuffed${index}`)}", password: "Guess-number-${index}" }) { accessToken }`,
    ).join('\n')} }`;
    const before = await statementCount(accountsMetrics);
    const refused = await postGraphQL(stack.gatewayUrl, { query: aliased }, { address: freshAddress() });
    expect(refused.status).toBe(400);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 1000 });
    // not one of them reached accounts
    expect(await statementCount(accountsMetrics)).toBe(before);

    /** One request at a time from one address, each with a new email; what each answered and whether it reached the database. */
    const flood = async (count: number, body: (email: string) => Record<string, unknown>) => {
      const address = freshAddress();
      const answers: { code: string; retryAfter: unknown; queried: boolean }[] = [];
      for (let attempt = 0; attempt < count; attempt += 1) {
        const statements = await statementCount(accountsMetrics);
        const answer = await postGraphQL(stack.gatewayUrl, body(newEmail(`flood${attempt}`)), { address });
        const error = answer.body.errors?.[0];
        const data = answer.body.data as Record<string, { userErrors?: Errors }> | null | undefined;
        answers.push({
          code: String(error?.extensions?.code ?? data?.[Object.keys(data ?? {})[0]]?.userErrors?.[0]?.code ?? 'OK'),
          retryAfter: error?.extensions?.retryAfter ?? error?.extensions?.retryAfterSeconds,
          queried: (await statementCount(accountsMetrics)) > statements,
        });
      }
      return answers;
    };
    const expectThrottled = (answers: { code: string; retryAfter: unknown; queried: boolean }[], budget: number, unthrottled: string) => {
      const firstRefused = answers.findIndex((answer) => answer.code === 'RATE_LIMITED');
      // the gateway's bucket (20 sign-ins' worth) or accounts' per-address budget, whichever is spent first
      expect(firstRefused).toBeGreaterThan(0);
      expect(firstRefused).toBeLessThanOrEqual(budget);
      expect(answers.slice(0, firstRefused).map((answer) => answer.code)).toEqual(Array(firstRefused).fill(unthrottled));
      // those let through were checked against the database (so the count can tell), the refused ones never got there
      expect(answers.slice(0, firstRefused).every((answer) => answer.queried)).toBe(true);
      // after the first refusal every request is refused before the database, but for what the budgets restore
      // meanwhile (a slow machine spaces the requests out): those few are answered as before and counted
      const letThrough = answers.slice(firstRefused).filter((answer) => answer.code !== 'RATE_LIMITED');
      for (const answer of letThrough) expect(answer).toMatchObject({ code: unthrottled, queried: true });
      expect(letThrough.length).toBeLessThanOrEqual(2);
      for (const answer of answers.slice(firstRefused).filter((candidate) => candidate.code === 'RATE_LIMITED')) {
        expect(answer.queried).toBe(false);
        expect(answer.retryAfter).toBeGreaterThan(0);
      }
    };

    const signIns = await flood(25, (email) => ({ query: LOGIN, variables: { input: { email, password: 'Guess-number-1' } } }));
    expectThrottled(signIns, SIGN_INS_PER_ADDRESS, 'INVALID_CREDENTIALS');

    const resets = await flood(25, (email) => ({ query: REQUEST_RESET, variables: { email } }));
    expectThrottled(resets, RESETS_PER_ADDRESS, 'OK');
  });

  it('custom domain takeover: another store cannot claim a domain in use, a pending claim serves nothing, and a closed store releases its domain', async () => {
    // custom domains under .test (RFC 6761): nothing here asks DNS, because the stores process resolves for real and
    // this machine's resolver is elsewhere; verifyStoreDomain is only called where it answers before any lookup
    const domain = `shop-${randomUUID().slice(0, 8)}.abuse.test`;
    const storeA = await Storefront.open(stack, `Domain A ${randomUUID().slice(0, 6)}`);
    const storeB = await Storefront.open(stack, `Domain B ${randomUUID().slice(0, 6)}`);
    const merchantA = as({ token: storeA.merchantToken });
    const merchantB = as({ token: storeB.merchantToken });
    type Update = { updateStore: { store: { customDomain: string | null; customDomainVerification: { status: string } | null } | null; userErrors: Errors } };
    const servedBy = async () => (await as().request<{ storeByDomain: { id: string } | null }>(STORE_BY_DOMAIN, { domain })).storeByDomain?.id ?? null;

    // a claim both stores make is pending for both and serves neither
    const claimA = await merchantA.request<Update>(UPDATE_STORE, { input: { storeId: storeA.storeId, customDomain: domain } });
    expect(claimA.updateStore).toMatchObject({ store: { customDomain: domain, customDomainVerification: { status: 'PENDING' } }, userErrors: [] });
    const claimB = await merchantB.request<Update>(UPDATE_STORE, { input: { storeId: storeB.storeId, customDomain: domain } });
    expect(claimB.updateStore).toMatchObject({ store: { customDomainVerification: { status: 'PENDING' } }, userErrors: [] });
    expect(await servedBy()).toBeNull();
    // nobody outside the store sees a pending claim
    expect((await as().request<{ store: { customDomain: string | null } }>(STORE, { id: storeB.storeId })).store.customDomain).toBeNull();
    // nor can B prove A's claim for it: B is not A's merchant (refused before any DNS lookup)
    expect(await codeOf(merchantB.request(VERIFY_DOMAIN, { storeId: storeA.storeId }))).toBe('FORBIDDEN');

    // A proves the domain. The proof is a TXT record this machine cannot serve, so its outcome is written as
    // verifyStoreDomain writes it; a rename through the API then drops the cached store
    await withDatabase('stores', (db) => db.query(`UPDATE store SET custom_domain_verified_at = now() WHERE id = $1`, [storeA.storeId]));
    await merchantA.request(UPDATE_STORE, { input: { storeId: storeA.storeId, name: `Domain A proven ${randomUUID().slice(0, 6)}` } });
    expect(await servedBy()).toBe(storeA.storeId);

    // B's pending claim of the same domain still serves nothing, and a new claim of it is DOMAIN_TAKEN
    await merchantB.request<Update>(UPDATE_STORE, { input: { storeId: storeB.storeId, customDomain: null } });
    const takeover = await merchantB.request<Update>(UPDATE_STORE, { input: { storeId: storeB.storeId, customDomain: domain.toUpperCase() } });
    expect(takeover.updateStore).toEqual({ store: null, userErrors: [{ code: 'DOMAIN_TAKEN' }] });
    expect((await merchantB.request<{ store: { customDomain: string | null } }>(STORE, { id: storeB.storeId })).store.customDomain).toBeNull();
    expect(await servedBy()).toBe(storeA.storeId);

    // closing A releases the domain: it serves nothing, and B may claim it (pending until B proves it)
    const closed = await admin.request<{ setStoreStatus: { userErrors: Errors } }>(SET_STATUS, {
      input: { storeId: storeA.storeId, status: 'CLOSED', reason: 'abuse' },
    });
    expect(closed.setStoreStatus.userErrors).toEqual([]);
    expect((await admin.request<{ store: { customDomain: string | null } }>(STORE, { id: storeA.storeId })).store.customDomain).toBeNull();
    expect(await servedBy()).toBeNull();
    const reclaimed = await merchantB.request<Update>(UPDATE_STORE, { input: { storeId: storeB.storeId, customDomain: domain } });
    expect(reclaimed.updateStore).toMatchObject({ store: { customDomain: domain, customDomainVerification: { status: 'PENDING' } }, userErrors: [] });
    expect(await servedBy()).toBeNull();
  });

  it('a suspended store: its merchant’s updateStore, inviteStoreStaff, adjustStock and dispatchOrder answer STORE_UNAVAILABLE and change nothing', async () => {
    const store = await Storefront.open(stack, `Suspended ${randomUUID().slice(0, 6)}`);
    const merchant = as({ token: store.merchantToken });
    const productId = await store.product('Suspended kettle', 5, 4000);
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 1 }]);
    await eventually(
      async () => {
        const { processPayment } = await as({ token: shopper.token, storeId: store.storeId }).request<{
          processPayment: { payment: { status: string } | null };
        }>(PAY, {
          input: { orderId: order.id, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() },
        });
        return processPayment.payment?.status === 'SUCCEEDED';
      },
      15_000,
      'the payment',
    );
    await store.orderUntil(order.id, (current) => current.status === 'CONFIRMED', 'the order confirmed');
    const stockBefore = (await merchant.request<{ product: { inventory: { onHand: number; reserved: number } } }>(PRODUCT_STOCK, { id: productId })).product
      .inventory;
    const { store: original } = await merchant.request<{ store: { name: string } }>(STORE, { id: store.storeId });

    const suspended = await admin.request<{ setStoreStatus: { store: { status: string }; userErrors: Errors } }>(SET_STATUS, {
      input: { storeId: store.storeId, status: 'SUSPENDED', reason: 'fraud review' },
    });
    expect(suspended.setStoreStatus).toEqual({ store: { status: 'SUSPENDED' }, userErrors: [] });
    // inventory and orders learn the status from stores' events: wait with calls that could change nothing (unknown ids)
    const codesOf = async (query: string, input: Record<string, unknown>) => {
      const answer = await merchant.request<Record<string, { userErrors: Errors }>>(query, { input });
      return Object.values(answer)[0].userErrors.map((error) => error.code);
    };
    await eventually(
      async () =>
        (await codesOf(ADJUST_STOCK, { productId: randomUUID(), delta: 1, reason: 'probe', idempotencyKey: randomUUID() }))[0] === 'STORE_UNAVAILABLE',
      15_000,
      'inventory to know the store is suspended',
    );
    await eventually(
      async () => (await codesOf(DISPATCH, { orderId: randomUUID(), carrier: 'DHL', trackingNumber: 'PROBE' }))[0] === 'STORE_UNAVAILABLE',
      15_000,
      'orders to know the store is suspended',
    );

    const update = await merchant.request<{ updateStore: { userErrors: Errors } }>(UPDATE_STORE, {
      input: { storeId: store.storeId, name: 'Renamed while suspended' },
    });
    expect(update.updateStore.userErrors.map((error) => error.code)).toEqual(['STORE_UNAVAILABLE']);
    const invite = await merchant.request<{ inviteStoreStaff: { userErrors: Errors } }>(INVITE_STAFF, {
      input: { storeId: store.storeId, email: newEmail('accomplice'), role: 'STORE_STAFF' },
    });
    expect(invite.inviteStoreStaff.userErrors.map((error) => error.code)).toEqual(['STORE_UNAVAILABLE']);
    expect(await codesOf(ADJUST_STOCK, { productId, delta: 100, reason: 'while suspended', idempotencyKey: randomUUID() })).toEqual(['STORE_UNAVAILABLE']);
    expect(await codesOf(DISPATCH, { orderId: order.id, carrier: 'DHL', trackingNumber: 'JD0002' })).toEqual(['STORE_UNAVAILABLE']);

    // read back: nothing changed
    expect((await merchant.request<{ store: { name: string; status: string } }>(STORE, { id: store.storeId })).store).toMatchObject({
      name: original.name,
      status: 'SUSPENDED',
    });
    expect((await merchant.request<{ storeInvitations: unknown[] }>(STORE_INVITATIONS, { storeId: store.storeId })).storeInvitations).toEqual([]);
    expect((await merchant.request<{ product: { inventory: unknown } }>(PRODUCT_STOCK, { id: productId })).product.inventory).toEqual(stockBefore);
    expect((await merchant.request<{ order: { status: string } }>(ORDER, { id: order.id })).order.status).toBe('CONFIRMED');
  });
});
