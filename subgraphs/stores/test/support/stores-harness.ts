import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { envelopeFor } from '@ultramarket/kit';
import { startTestSubgraph, type TestSubgraph } from '../../../kit/test/support/subgraph-harness';
import { signedFetch } from '../../../kit/test/support/signed-fetch';
import { createStoresSubgraph } from '../../src/stores.subgraph';
import { storeCacheKeys } from '../../src/store/store-cache';

export interface GraphQLAnswer<T> {
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; fields?: { field: string[]; message: string }[] } }[];
}

export interface StoreResult {
  id: string;
  ownerId: string;
  name: string;
  slug: string;
  domain: string;
  customDomain: string | null;
  email: string;
  phone: string | null;
  currency: string;
  locale: string;
  timezone: string;
  status: string;
  settings: {
    orderNumberPrefix: string;
    taxesIncluded: boolean;
    pricesIncludeTax: boolean;
    priceRounding: string;
    weightUnit: string;
    lowStockThreshold: number;
    paymentCaptureMode: string;
    returnWindowDays: number;
  } | null;
  theme: { colors: { primary: string; accent: string }; typography: { baseFontSize: number }; layout: { productGridColumns: number }; customCss: string };
}

export interface UserErrorResult {
  code: string;
  field: string[] | null;
  message: string;
}

export const STORE_FIELDS = `id ownerId name slug domain customDomain email phone currency locale timezone status
  settings { orderNumberPrefix taxesIncluded pricesIncludeTax priceRounding weightUnit lowStockThreshold paymentCaptureMode returnWindowDays }
  theme { colors { primary accent } typography { baseFontSize } layout { productGridColumns } customCss }`;

export const INVITATION_FIELDS = 'id storeId email userId role status invitedBy expiresAt createdAt respondedAt';

export interface InvitationResult {
  id: string;
  storeId: string;
  email: string | null;
  userId: string | null;
  role: string;
  status: string;
  invitedBy: string;
  expiresAt: string;
  createdAt: string;
  respondedAt: string | null;
}

export const Operations = {
  create: `mutation ($input: CreateStoreInput!) { createStore(input: $input) { store { ${STORE_FIELDS} } userErrors { code field message } } }`,
  update: `mutation ($input: UpdateStoreInput!) { updateStore(input: $input) { store { ${STORE_FIELDS} } userErrors { code field message } } }`,
  theme: `mutation ($input: UpdateStoreThemeInput!) { updateStoreTheme(input: $input) { store { ${STORE_FIELDS} } userErrors { code field message } } }`,
  setStatus: `mutation ($input: SetStoreStatusInput!) { setStoreStatus(input: $input) { store { id status } userErrors { code field message } } }`,
  store: `query ($id: ID!) { store(id: $id) { ${STORE_FIELDS} } }`,
  bySlug: `query ($slug: String!) { storeBySlug(slug: $slug) { id name } }`,
  byDomain: `query ($domain: String!) { storeByDomain(domain: $domain) { id name } }`,
  myStores: `query { myStores { id name status } }`,
  stores: `query ($first: Int, $after: String, $filter: StoresFilter) { stores(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } nodes { id name status } } }`,
  staff: `query ($storeId: ID!) { storeStaff(storeId: $storeId) { storeId userId role addedAt user { id } } }`,
  invite: `mutation ($input: InviteStoreStaffInput!) { inviteStoreStaff(input: $input) { invitation { ${INVITATION_FIELDS} } userErrors { code field message } } }`,
  accept: `mutation ($input: AcceptStoreInvitationInput!) { acceptStoreInvitation(input: $input) { invitation { id status } staffMember { userId role } userErrors { code field message } } }`,
  decline: `mutation ($input: DeclineStoreInvitationInput!) { declineStoreInvitation(input: $input) { invitation { id status } userErrors { code field message } } }`,
  revoke: `mutation ($input: RevokeStoreInvitationInput!) { revokeStoreInvitation(input: $input) { invitation { id status } userErrors { code field message } } }`,
  myInvitations: `query { myStoreInvitations { ${INVITATION_FIELDS} store { id name } } }`,
  storeInvitations: `query ($storeId: ID!) { storeInvitations(storeId: $storeId) { ${INVITATION_FIELDS} } }`,
  changeRole: `mutation ($input: ChangeStoreStaffRoleInput!) { changeStoreStaffRole(input: $input) { staffMember { userId role } userErrors { code field message } } }`,
  verifyDomain: `mutation ($input: VerifyStoreDomainInput!) { verifyStoreDomain(input: $input) { store { id customDomain customDomainVerification { domain status recordType recordName recordValue verifiedAt } } userErrors { code field message } } }`,
  domainVerification: `query ($id: ID!) { store(id: $id) { id customDomain customDomainVerification { domain status recordType recordName recordValue verifiedAt } } }`,
  addStaff: `mutation ($input: AddStoreStaffInput!) { addStoreStaff(input: $input) { staffMember { userId role } userErrors { code field message } } }`,
  removeStaff: `mutation ($input: RemoveStoreStaffInput!) { removeStoreStaff(input: $input) { removedStaffMember { userId role } userErrors { code field message } } }`,
  entities: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Store { id name } } }`,
};

/**
 * DNS as the stores subgraph sees it in tests: TXT records by host name, injected through the
 * subgraph's services (never a global mock). A name with no records answers ENOTFOUND, as DNS does.
 */
export class FakeDns {
  readonly txt = new Map<string, string[][]>();
  readonly asked: string[] = [];

  readonly resolveTxt = async (hostname: string): Promise<string[][]> => {
    this.asked.push(hostname);
    const records = this.txt.get(hostname.toLowerCase());
    if (!records) throw Object.assign(new Error(`queryTxt ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return records;
  };
}

/** The stores subgraph under test, an owner's connection to its database (as postgres) and Redis. */
export class StoresUnderTest {
  readonly redis: Redis;

  private constructor(
    readonly subgraph: TestSubgraph,
    readonly owner: Client,
    readonly dns: FakeDns,
  ) {
    this.redis = new Redis(subgraph.runtime.config.redisUrl, { maxRetriesPerRequest: 2 });
  }

  static async start(): Promise<StoresUnderTest> {
    const dns = new FakeDns();
    const subgraph = await startTestSubgraph(createStoresSubgraph({ resolveTxt: dns.resolveTxt }), { LOG_LEVEL: 'error', PLATFORM_DOMAIN: 'shops.test' });
    const { host, port, user, password, name } = subgraph.runtime.config.database;
    const owner = new Client({ host, port, user, password, database: name });
    await owner.connect();
    return new StoresUnderTest(subgraph, owner, dns);
  }

  /** accounts.email-verified as accounts publishes it: a user proved they own an email (an event of no store). */
  async emailVerified(userId: string, email: string): Promise<void> {
    const { js, names } = this.subgraph.runtime;
    const event = envelopeFor(
      { type: 'accounts.email-verified', storeId: null, aggregateId: userId, data: { userId, email } },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: event.id });
  }

  /** Publishes the domain's challenge record (as the merchant would at their DNS host) and verifies it through the API. */
  async proveDomain(token: string, storeId: string): Promise<{ customDomain: string | null; userErrors: UserErrorResult[] }> {
    const current = await this.request<{ store: { customDomainVerification: { recordName: string; recordValue: string } | null } }>(
      Operations.domainVerification,
      { id: storeId },
      token,
    );
    const challenge = current.data!.store.customDomainVerification!;
    this.dns.txt.set(challenge.recordName, [[challenge.recordValue]]);
    const answer = await this.request<{ verifyStoreDomain: { store: { customDomain: string | null } | null; userErrors: UserErrorResult[] } }>(
      Operations.verifyDomain,
      { input: { storeId } },
      token,
    );
    return { customDomain: answer.data!.verifyStoreDomain.store?.customDomain ?? null, userErrors: answer.data!.verifyStoreDomain.userErrors };
  }

  /** Calls `probe` until it answers something other than undefined (events take a moment); throws after `timeoutMs`. */
  async eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  get cacheKeys() {
    return storeCacheKeys(this.subgraph.runtime.config.eventNamespace);
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}, token?: string, headers: Record<string, string> = {}): Promise<GraphQLAnswer<T>> {
    // as the gateway sends it: subgraphs answer only requests it signed
    const response = await signedFetch(this.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  }

  /** Creates a store through the API, failing the test when that does not work. */
  async createStore(token: string, overrides: Record<string, unknown> = {}): Promise<StoreResult> {
    const answer = await this.request<{ createStore: { store: StoreResult | null; userErrors: UserErrorResult[] } }>(
      Operations.create,
      { input: { name: 'Blue Bottle', email: 'hello@example.com', currency: 'USD', locale: 'en-US', timezone: 'America/New_York', ...overrides } },
      token,
    );
    const store = answer.data?.createStore.store;
    if (!store) throw new Error(`createStore failed: ${JSON.stringify(answer)}`);
    return store;
  }

  /** Events the store's changes wrote to the outbox, oldest first. */
  async outbox(storeId: string): Promise<{ type: string; aggregateVersion: number; storeId: string; data: Record<string, unknown> }[]> {
    const { rows } = await this.owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [storeId]);
    return rows.map((row: { envelope: { type: string; aggregateVersion: number; storeId: string; data: Record<string, unknown> } }) => row.envelope);
  }

  async close(): Promise<void> {
    const stores: { id: string; slug: string; domain: string; custom_domain: string | null }[] = (
      await this.owner.query(`SELECT id, slug, domain, custom_domain FROM store`)
    ).rows;
    const keys = stores.flatMap((store) => [
      this.cacheKeys.byId(store.id),
      this.cacheKeys.bySlug(store.slug),
      this.cacheKeys.byDomain(store.domain),
      ...(store.custom_domain ? [this.cacheKeys.byDomain(store.custom_domain)] : []),
    ]);
    if (keys.length > 0) await this.redis.del(...keys);
    this.redis.disconnect();
    await this.owner.end();
    await this.subgraph.close();
  }
}
