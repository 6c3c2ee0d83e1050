import { randomUUID } from 'node:crypto';
import { callerFromHeaders, envelopeFor, Role } from '@ultramarket/kit';
import { eventually } from '../../kit/test/support/test-names';
import { AccountsUnderTest, Operations, registerUser, signIn } from './support/accounts-harness';

const ME_WITH_STORES = `query { me { id stores { storeId role } } }`;

interface TokenClaims {
  roles: string[];
  storeId: string | null;
  stores: Record<string, string>;
}

const claimsOf = (token: string): TokenClaims => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as TokenClaims;

describe('store memberships in access tokens', () => {
  let accounts: AccountsUnderTest;

  beforeAll(async () => {
    accounts = await AccountsUnderTest.start();
  });
  afterAll(async () => {
    await accounts.close();
  });

  /** A stores event as the stores subgraph publishes it, straight onto the suite's namespaced subject. */
  async function publish(type: 'stores.staff-added' | 'stores.staff-removed', storeId: string, userId: string, role: Role, version: number): Promise<string> {
    const { js, names } = accounts.subgraph.runtime;
    const event = envelopeFor(
      { type, storeId, aggregateId: storeId, aggregateVersion: version, data: { storeId, userId, role } },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event.id;
  }

  const handled = (eventId: string) =>
    eventually(async () => (await accounts.count(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [eventId])) > 0, 10_000, `event ${eventId}`);
  const roleIn = async (userId: string, storeId: string) =>
    ((await accounts.db.query(`SELECT role FROM store_membership WHERE user_id = $1 AND store_id = $2`, [userId, storeId])) as { role: string | null }[])[0]
      ?.role;
  const meAnswer = (token: string) => accounts.request<{ me: { id: string; stores: { storeId: string; role: string }[] } }>(ME_WITH_STORES, {}, { token });

  it('lists staff-added memberships in the next tokens; X-Store-Id switches between them; older tokens are refused', async () => {
    const storeA = randomUUID();
    const storeB = randomUUID();
    const { user, email, password } = await registerUser(accounts);
    const before = await signIn(accounts, email, password);
    expect(claimsOf(before.accessToken)).toMatchObject({ roles: ['CUSTOMER'], storeId: null, stores: {} });

    await handled(await publish('stores.staff-added', storeA, user.id, Role.MERCHANT, 1));
    await handled(await publish('stores.staff-added', storeB, user.id, Role.STORE_STAFF, 4));
    const refused = await meAnswer(before.accessToken);
    expect([refused.status, refused.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);

    const after = await signIn(accounts, email, password);
    // the oldest membership is the default store; roles are the platform's plus the role there
    expect(claimsOf(after.accessToken)).toMatchObject({
      roles: ['CUSTOMER', 'MERCHANT'],
      storeId: storeA,
      stores: { [storeA]: 'MERCHANT', [storeB]: 'STORE_STAFF' },
    });
    const { keys, config } = accounts.subgraph.runtime;
    const inStoreB = callerFromHeaders({ authorization: `Bearer ${after.accessToken}`, storeId: storeB }, keys, config.auth);
    expect([inStoreB.storeId, inStoreB.roles]).toEqual([storeB, [Role.CUSTOMER, Role.STORE_STAFF]]);
    const elsewhere = callerFromHeaders({ authorization: `Bearer ${after.accessToken}`, storeId: randomUUID() }, keys, config.auth);
    expect(elsewhere.roles).toEqual([Role.CUSTOMER]);

    const me = await meAnswer(after.accessToken);
    expect(me.data!.me.stores).toEqual([
      { storeId: storeA, role: 'MERCHANT' },
      { storeId: storeB, role: 'STORE_STAFF' },
    ]);
    // nobody else reads them
    const other = await registerUser(accounts);
    const otherSession = await signIn(accounts, other.email, other.password);
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id stores { storeId } } } }`;
    const own = (
      await accounts.request<{ _entities: { stores: unknown }[] }>(
        query,
        { representations: [{ __typename: 'User', id: user.id }] },
        { token: after.accessToken },
      )
    ).data!._entities[0];
    expect(own.stores).not.toBeNull();
    const peek = await accounts.request<{ _entities: unknown[] }>(
      query,
      { representations: [{ __typename: 'User', id: user.id }] },
      { token: otherSession.accessToken },
    );
    expect(peek.data!._entities).toEqual([null]);
  });

  it('keeps the newest version; after staff-removed the old token is refused and a refreshed one no longer lists the store', async () => {
    const store = randomUUID();
    const { user, email, password } = await registerUser(accounts);
    await handled(await publish('stores.staff-added', store, user.id, Role.MERCHANT, 3));
    const session = await signIn(accounts, email, password);
    expect(claimsOf(session.accessToken).stores).toEqual({ [store]: 'MERCHANT' });

    // an older event arriving late changes nothing
    await handled(await publish('stores.staff-added', store, user.id, Role.STORE_STAFF, 2));
    expect(await roleIn(user.id, store)).toBe('MERCHANT');
    expect((await meAnswer(session.accessToken)).data!.me.id).toBe(user.id);

    await handled(await publish('stores.staff-removed', store, user.id, Role.MERCHANT, 5));
    expect(await roleIn(user.id, store)).toBeNull();
    expect((await meAnswer(session.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const refreshed = await accounts.request<{ refreshToken: { accessToken: string } }>(Operations.refresh, { token: session.refreshToken });
    expect(claimsOf(refreshed.data!.refreshToken.accessToken)).toMatchObject({ roles: ['CUSTOMER'], storeId: null, stores: {} });
    expect((await meAnswer(refreshed.data!.refreshToken.accessToken)).data!.me.stores).toEqual([]);

    // the addition the removal overtook stays overtaken; events about unknown users change nothing
    await handled(await publish('stores.staff-added', store, user.id, Role.MERCHANT, 4));
    expect(await roleIn(user.id, store)).toBeNull();
    const stranger = randomUUID();
    await handled(await publish('stores.staff-added', store, stranger, Role.MERCHANT, 6));
    expect(await accounts.count(`SELECT count(*) AS n FROM store_membership WHERE user_id = $1`, [stranger])).toBe(0);
  });
});
