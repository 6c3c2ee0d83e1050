import { randomUUID } from 'node:crypto';
import { envelopeFor, Role } from '@ultramarket/kit';
import { tokenFor } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { ensureBootstrapAdmin } from '../src/bootstrap/bootstrap-admin';
import type { AccountsServices } from '../src/accounts-services';
import { AccountsUnderTest, Operations, registerUser, signIn, type UserErrorResult } from './support/accounts-harness';

type RoleAnswer<K extends string> = { [key in K]: { user: { id: string; roles: string[]; storeId: string | null } | null; userErrors: UserErrorResult[] } };
type UsersAnswer = {
  users: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; email: string; roles: string[] }[] };
};

const ADMIN_EMAIL = `root-${randomUUID().slice(0, 8)}@example.com`;
const ADMIN_PASSWORD = 'Bootstrap-admin-secret-1';

describe('platform admins: bootstrap, users, roles', () => {
  let accounts: AccountsUnderTest;
  let admin: { accessToken: string; userId: string };

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start({ ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL, ACCOUNTS_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD });
    await eventually(
      async () => (await accounts.count(`SELECT count(*) AS n FROM app_user WHERE email = $1`, [ADMIN_EMAIL])) > 0,
      10_000,
      'the bootstrap admin',
    );
    admin = await signIn(accounts, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await accounts.close();
  });

  it('creates the bootstrap admin once, verified, and leaves it alone on the next start', async () => {
    const [row] = await accounts.db.query(`SELECT roles, is_verified FROM app_user WHERE email = $1`, [ADMIN_EMAIL]);
    expect(row).toEqual({ roles: ['PLATFORM_ADMIN'], is_verified: true });
    // verified from the start, so customers learns the email it owns
    expect((await accounts.publishedEvent<{ userId: string; email: string }>('accounts.email-verified', admin.userId)).data).toEqual({
      userId: admin.userId,
      email: ADMIN_EMAIL,
    });
    await ensureBootstrapAdmin(accounts.subgraph.runtime, {
      config: { bootstrapAdmin: { email: ADMIN_EMAIL.toUpperCase(), password: 'Another-admin-secret-2' } },
    } as AccountsServices);
    expect(await accounts.count(`SELECT count(*) AS n FROM app_user WHERE lower(email) = $1`, [ADMIN_EMAIL])).toBe(1);
    expect((await signIn(accounts, ADMIN_EMAIL, ADMIN_PASSWORD)).userId).toBe(admin.userId);
  });

  it('lists users for platform admins, filtered and paginated', async () => {
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 3; i += 1) await registerUser(accounts, { email: `list-${tag}-${i}@example.com` });
    const page = (after?: string) =>
      accounts.request<UsersAnswer>(Operations.users, { first: 2, after, filter: { email: `LIST-${tag}` } }, { token: admin.accessToken });
    const first = (await page()).data!.users;
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((user) => user.email)).toEqual([`list-${tag}-2@example.com`, `list-${tag}-1@example.com`]);
    const second = (await page(first.pageInfo.endCursor!)).data!.users;
    expect(second.nodes.map((user) => user.email)).toEqual([`list-${tag}-0@example.com`]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const admins = await accounts.request<UsersAnswer>(Operations.users, { filter: { role: 'PLATFORM_ADMIN' } }, { token: admin.accessToken });
    expect(admins.data!.users.nodes.map((user) => user.email)).toEqual([ADMIN_EMAIL]);
    const badCursor = await accounts.request(Operations.users, { after: 'garbage' }, { token: admin.accessToken });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('assigns and revokes roles; the change reaches the next refresh and current tokens are refused', async () => {
    const { email, password } = await registerUser(accounts);
    const session = await signIn(accounts, email, password);
    accounts.rememberRedisKey(`ultramarket:revoked-user:${session.userId}`);
    const storeId = randomUUID();
    const assign = (input: Record<string, unknown>) =>
      accounts.request<RoleAnswer<'assignRole'>>(Operations.assignRole, { input }, { token: admin.accessToken });

    const withoutStore = await assign({ userId: session.userId, role: 'MERCHANT' });
    expect(withoutStore.data!.assignRole.userErrors).toEqual([expect.objectContaining({ code: 'STORE_REQUIRED', field: ['input', 'storeId'] })]);
    const assigned = await assign({ userId: session.userId, role: 'MERCHANT', storeId });
    expect(assigned.data!.assignRole).toEqual({ user: { id: session.userId, roles: ['CUSTOMER', 'MERCHANT'], storeId }, userErrors: [] });
    expect((await accounts.request(Operations.me, {}, { token: session.accessToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const refreshed = await accounts.request<{ refreshToken: { accessToken: string; user: { id: string } } }>(Operations.refresh, {
      token: session.refreshToken,
    });
    const me = await accounts.request<{ me: { roles: string[]; storeId: string } }>(Operations.me, {}, { token: refreshed.data!.refreshToken.accessToken });
    expect(me.data!.me).toMatchObject({ roles: ['CUSTOMER', 'MERCHANT'], storeId });

    const revoked = await accounts.request<RoleAnswer<'revokeRole'>>(
      Operations.revokeRole,
      { input: { userId: session.userId, role: 'MERCHANT' } },
      { token: admin.accessToken },
    );
    expect(revoked.data!.revokeRole).toEqual({ user: { id: session.userId, roles: ['CUSTOMER'], storeId: null }, userErrors: [] });
    const unknown = await assign({ userId: randomUUID(), role: 'CUSTOMER' });
    expect(unknown.data!.assignRole.userErrors[0].code).toBe('USER_NOT_FOUND');
  });

  it('keeps the last platform admin', async () => {
    const answer = await accounts.request<RoleAnswer<'revokeRole'>>(
      Operations.revokeRole,
      { input: { userId: admin.userId, role: 'PLATFORM_ADMIN' } },
      { token: admin.accessToken },
    );
    expect(answer.data!.revokeRole.userErrors).toEqual([expect.objectContaining({ code: 'LAST_PLATFORM_ADMIN' })]);
  });

  it('refuses admin operations to everyone else with FORBIDDEN (UNAUTHENTICATED when anonymous)', async () => {
    const { email, password } = await registerUser(accounts);
    const customer = await signIn(accounts, email, password);
    const merchant = tokenFor([Role.MERCHANT], randomUUID());
    const operations: [string, Record<string, unknown>][] = [
      [Operations.users, {}],
      [Operations.assignRole, { input: { userId: customer.userId, role: 'PLATFORM_ADMIN' } }],
      [Operations.revokeRole, { input: { userId: admin.userId, role: 'PLATFORM_ADMIN' } }],
    ];
    for (const [operation, variables] of operations) {
      expect((await accounts.request(operation, variables, { token: customer.accessToken })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await accounts.request(operation, variables, { token: merchant })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await accounts.request(operation, variables)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const [row] = await accounts.db.query(`SELECT roles FROM app_user WHERE id = $1`, [customer.userId]);
    expect(row.roles).toEqual(['CUSTOMER']);
  });

  it('resolves User references for the user, admins, and the staff of a store they ordered from only', async () => {
    const { email, password } = await registerUser(accounts);
    const { accessToken, userId } = await signIn(accounts, email, password);
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id email } } }`;
    const read = async (token?: string) =>
      (await accounts.request<{ _entities: ({ id: string } | null)[] }>(query, { representations: [{ __typename: 'User', id: userId }] }, { token })).data!
        ._entities[0];
    const shop = randomUUID();
    const staffOfShop = tokenFor([Role.STORE_STAFF], shop);
    expect(await read(accessToken)).toEqual({ id: userId, email });
    expect(await read(admin.accessToken)).toEqual({ id: userId, email });
    expect(await read(staffOfShop)).toBeNull();
    expect(await read(tokenFor([Role.CUSTOMER], null))).toBeNull();
    expect(await read()).toBeNull();

    // the user orders in the shop (orders.created, as the orders subgraph publishes it): its staff may now look them up
    const { js, names } = accounts.subgraph.runtime;
    const order = envelopeFor(
      { type: 'orders.created', storeId: shop, aggregateId: randomUUID(), data: { customerId: userId, email } },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(order.type), JSON.stringify(order), { msgID: order.id });
    await eventually(async () => ((await read(staffOfShop)) ? true : undefined), 10_000, 'the shop’s staff to see its customer');
    expect(await read(staffOfShop)).toEqual({ id: userId, email });
    expect(await read(tokenFor([Role.MERCHANT], randomUUID()))).toBeNull();
    expect(await read(tokenFor([Role.CUSTOMER], shop))).toBeNull();
  });
});
