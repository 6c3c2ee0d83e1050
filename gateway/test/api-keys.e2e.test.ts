import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { appCallerHeader, AppScope, generateApiKey, type AppIdentity } from '@ultramarket/kit';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { signedFetch } from '../../subgraphs/kit/test/support/signed-fetch';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { listeningAcks } from './support/live';
import { Storefront } from './support/storefront';

type Answer<T = Record<string, unknown>> = { data?: T | null; errors?: { message: string; extensions?: { code?: string; requiredScope?: string | null } }[] };
type Errors = { code: string }[];

const INSTALL = 'mutation ($i: InstallAppInput!) { installApp(input: $i) { app { id scopes } userErrors { code } } }';
const CREATE_KEY = 'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id displayPrefix } userErrors { code } } }';
const REVOKE_KEY = 'mutation ($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { apiKey { id revokedAt } userErrors { code } } }';
const UNINSTALL = 'mutation ($i: UninstallAppInput!) { uninstallApp(input: $i) { app { id uninstalledAt } userErrors { code } } }';
const PRODUCT = 'query ($id: ID!) { product(id: $id) { id title status } }';
const ORDERS = 'query { orders(first: 5) { totalCount } }';

/**
 * Issue 16 item 2: an app's API key through the gateway. A key with read_products reads the store's
 * products as its staff do, and is refused on orders, through the gateway and at `_entities`; a key acts
 * in its own store only; a revoked key and the keys of an uninstalled app are refused from the next request.
 */
describe('apps with scoped API keys through the gateway', () => {
  let stack: Stack;
  let store: Storefront;
  let other: Storefront;
  let draftId: string;
  let orderId: string;
  let otherProductId: string;

  /** A POST to the gateway with these headers; the HTTP status with the answer. */
  const post = async <T = Record<string, unknown>>(headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, answer: (await response.json()) as Answer<T> };
  };
  const asMerchant = async <T>(front: Storefront, query: string, variables: Record<string, unknown>): Promise<T> => {
    const { answer } = await post<T>({ authorization: `Bearer ${front.merchantToken}` }, query, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  };
  /** Installs an app in `front` with `scopes` and makes it a key. */
  const appWith = async (front: Storefront, scopes: AppScope[]) => {
    const installed = await asMerchant<{ installApp: { app: { id: string }; userErrors: Errors } }>(front, INSTALL, {
      i: { name: `App ${randomUUID().slice(0, 6)}`, scopes },
    });
    expect(installed.installApp.userErrors).toEqual([]);
    const appId = installed.installApp.app.id;
    const created = await asMerchant<{ createApiKey: { key: string; apiKey: { id: string }; userErrors: Errors } }>(front, CREATE_KEY, { i: { appId } });
    expect(created.createApiKey.userErrors).toEqual([]);
    const identity: AppIdentity = { appId, keyId: created.createApiKey.apiKey.id, storeId: front.storeId, scopes };
    return { appId, key: created.createApiKey.key, keyId: created.createApiKey.apiKey.id, identity };
  };
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'api-keys' });
    store = await Storefront.open(stack, 'Keyed');
    other = await Storefront.open(stack, 'Elsewhere');
    await store.product('Keyed lamp', 5, 4000);
    draftId = (await store.merchant.CreateProduct({ input: { title: 'Keyed draft', price: { amount: 100, currencyCode: 'USD' } } })).createProduct.product!.id;
    const productId = await store.product('Ordered lamp', 5, 4000);
    orderId = (await store.placeOrder(store.sdkFor(store.customer().token), [{ productId, quantity: 1 }])).id;
    otherProductId = await other.product('Foreign lamp', 5, 4000);
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  it('reads products as the staff do with read_products, and is refused on orders, through the gateway and at _entities', async () => {
    const reader = await appWith(store, [AppScope.read_products]);
    // the staff view: a draft, which shoppers never see
    for (const headers of [bearer(reader.key), { 'x-api-key': reader.key }]) {
      const { status, answer } = await post<{ product: { id: string; status: string } }>(headers, PRODUCT, { id: draftId });
      expect(status).toBe(200);
      expect(answer.data?.product).toMatchObject({ id: draftId, status: 'DRAFT' });
    }
    const anonymous = await post<{ product: unknown }>({ 'x-store-id': store.storeId }, PRODUCT, { id: draftId });
    expect(anonymous.answer.data?.product).toBeNull();

    const orders = await post(bearer(reader.key), ORDERS);
    expect(orders.answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'read_orders' });
    const order = await post(bearer(reader.key), 'query ($id: ID!) { order(id: $id) { id status } }', { id: orderId });
    expect(codeOf(order.answer)).toBe('FORBIDDEN');
    expect(JSON.stringify(order.answer.data ?? null)).not.toContain(orderId);
    const write = await post(bearer(reader.key), 'mutation ($i: CreateProductInput!) { createProduct(input: $i) { product { id } } }', {
      i: { title: 'Not allowed', price: { amount: 1, currencyCode: 'USD' } },
    });
    expect(write.answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'write_products' });

    // `_entities` as the gateway would send it for this app (its signed X-App-Caller): orders refuses, catalog answers
    const entities = async (service: keyof Stack['services'], typename: string, id: string, fields: string) => {
      const response = await signedFetch(stack.services[service].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-app-caller': appCallerHeader(reader.identity), 'x-store-id': store.storeId },
        body: JSON.stringify({
          query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${fields} } } }`,
          variables: { r: [{ __typename: typename, id }] },
        }),
      });
      return (await response.json()) as Answer<{ _entities: unknown[] }>;
    };
    const orderEntities = await entities('orders', 'Order', orderId, 'id status');
    expect(orderEntities.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'read_orders' });
    expect(orderEntities.data?._entities ?? null).toBeNull();
    expect((await entities('catalog', 'Product', draftId, 'id status')).data?._entities).toEqual([{ id: draftId, status: 'DRAFT' }]);

    // a key with read_orders reads the order
    const orderReader = await appWith(store, [AppScope.read_orders]);
    const read = await post<{ order: { id: string } }>(bearer(orderReader.key), 'query ($id: ID!) { order(id: $id) { id } }', { id: orderId });
    expect(read.answer.data?.order).toEqual({ id: orderId });
  });

  it('acts in its own store only', async () => {
    const reader = await appWith(store, [AppScope.read_products]);
    const elsewhere = await post(bearer(reader.key), PRODUCT, { id: otherProductId });
    expect(elsewhere.answer.errors).toBeUndefined();
    expect(elsewhere.answer.data?.product).toBeNull();
    const named = await post({ ...bearer(reader.key), 'x-store-id': other.storeId }, PRODUCT, { id: otherProductId });
    expect(named.status).toBe(403);
    expect(codeOf(named.answer)).toBe('FORBIDDEN');
    // and the other store's app reads its own product, not this store's draft
    const theirs = await appWith(other, [AppScope.read_products]);
    expect((await post(bearer(theirs.key), PRODUCT, { id: otherProductId })).answer.data?.product).toMatchObject({ id: otherProductId });
    expect((await post(bearer(theirs.key), PRODUCT, { id: draftId })).answer.data?.product).toBeNull();
  });

  it('never manages accounts, apps or keys', async () => {
    const busy = await appWith(store, [AppScope.read_products, AppScope.write_products, AppScope.read_webhooks, AppScope.write_webhooks]);
    for (const [query, variables] of [
      ['query { me { id } }', {}],
      ['query { apps(first: 5) { totalCount } }', {}],
      [INSTALL, { i: { name: 'Spawned', scopes: ['read_orders'] } }],
      [CREATE_KEY, { i: { appId: busy.appId } }],
      [REVOKE_KEY, { i: { id: busy.keyId } }],
      [
        'mutation ($i: InviteStoreStaffInput!) { inviteStoreStaff(input: $i) { userErrors { code } } }',
        { i: { storeId: store.storeId, userId: randomUUID(), role: 'MERCHANT' } },
      ],
    ] as const) {
      const { answer } = await post(bearer(busy.key), query, variables);
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: null });
    }
    // its key still works: nothing was revoked
    expect((await post(bearer(busy.key), PRODUCT, { id: draftId })).answer.data?.product).toMatchObject({ id: draftId });
  });

  it('refuses a malformed, an unknown, a revoked key and the keys of an uninstalled app', async () => {
    const unknown = await post(bearer(generateApiKey()), PRODUCT, { id: draftId });
    expect(unknown.status).toBe(401);
    expect(codeOf(unknown.answer)).toBe('UNAUTHENTICATED');
    const typo = generateApiKey();
    const mistyped = await post(bearer(`${typo.slice(0, -1)}${typo.endsWith('a') ? 'b' : 'a'}`), PRODUCT, { id: draftId });
    expect(mistyped.status).toBe(401);

    const revoked = await appWith(store, [AppScope.read_products]);
    expect((await post(bearer(revoked.key), PRODUCT, { id: draftId })).status).toBe(200);
    await asMerchant(store, REVOKE_KEY, { i: { id: revoked.keyId } });
    const afterRevocation = await post(bearer(revoked.key), PRODUCT, { id: draftId });
    expect(afterRevocation.status).toBe(401);
    expect(codeOf(afterRevocation.answer)).toBe('UNAUTHENTICATED');

    const uninstalled = await appWith(store, [AppScope.read_products]);
    const spare = await asMerchant<{ createApiKey: { key: string } }>(store, CREATE_KEY, { i: { appId: uninstalled.appId } });
    for (const key of [uninstalled.key, spare.createApiKey.key]) expect((await post(bearer(key), PRODUCT, { id: draftId })).status).toBe(200);
    await asMerchant(store, UNINSTALL, { i: { id: uninstalled.appId } });
    for (const key of [uninstalled.key, spare.createApiKey.key]) expect((await post(bearer(key), PRODUCT, { id: draftId })).status).toBe(401);
  });

  it('refuses a subscription its scopes do not open, serves one they do, and closes it once the key is revoked', async () => {
    const productId = await store.product(`Watched ${randomUUID().slice(0, 6)}`, 5);
    const stockReader = await appWith(store, [AppScope.read_inventory, AppScope.read_products]);
    const client = createClient({
      url: stack.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { 'X-Api-Key': stockReader.key },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    const refused = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { orderStatusChanged(orderId: "${orderId}") { id status } }` },
        { next: resolve, error: resolve, complete: () => undefined },
      );
    });
    expect(JSON.stringify(refused)).toContain('read_orders');

    const received: unknown[] = [];
    const acks = listeningAcks(client);
    client.subscribe(
      { query: `subscription { stockChanged(productId: "${productId}") { id stock } }` },
      { next: (result) => received.push(result), error: () => undefined, complete: () => undefined },
    );
    await acks.until(1, 'the subscription to listen');
    await store.merchant.AdjustStock({ input: { productId, delta: 1, reason: 'before', idempotencyKey: randomUUID() } });
    await eventually(async () => received.length === 1, 10_000, 'the push before the revocation');
    expect(received[0]).toMatchObject({ data: { stockChanged: { id: productId, stock: 6 } } });

    await asMerchant(store, REVOKE_KEY, { i: { id: stockReader.keyId } });
    // the socket re-checks its key before each event (a quarter of a second apart at most)
    await new Promise((resolve) => setTimeout(resolve, 300));
    await store.merchant.AdjustStock({ input: { productId, delta: 1, reason: 'after', idempotencyKey: randomUUID() } });
    expect(await closed).toBe(4403);
    expect(received).toHaveLength(1);
    await client.dispose();
  });
});
