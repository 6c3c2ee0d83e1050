import { randomUUID } from 'node:crypto';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { signedFetch } from '../../subgraphs/kit/test/support/signed-fetch';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { gatewaySdk, openStore, signIn, signUp, type Person } from './support/accounts';
import { flawedCopiesOf } from './support/forged-tokens';
import { type Answer, post } from './support/graphql-post';
import { connectionInitAnswer } from './support/live';
import { Storefront } from './support/storefront';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The UTC date `days` from today, YYYY-MM-DD. */
const isoDateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A query that needs a caller, and how to tell that its answer holds that caller's data. */
interface Probe {
  caller: 'merchant' | 'shopper';
  query: string;
  /** The same question asked at the gateway, when `query` is one only a subgraph answers (`_entities`). */
  atGateway?: string;
  holdsTheirData: (data: Data) => boolean;
}

/**
 * "Safe to put on the internet", item 7: a forged, expired, misdirected or logged-out token gets
 * nothing, from every subgraph asked directly (as the gateway signs its requests) and from the
 * gateway over HTTP and WebSocket. Every token here starts as one accounts issued at sign-in.
 */
describe('token checks at the gateway and at every subgraph', () => {
  let stack: Stack;
  let store: Storefront;
  const people: Partial<Record<Probe['caller'], Person>> = {};
  /** Signed-in sessions that stay signed in: the control, and the source of every flawed copy. */
  const tokens: Partial<Record<Probe['caller'], string>> = {};
  let productId: string;
  let draftId: string;
  let orderId: string;
  let paymentId: string;
  let cartId: string;
  let zoneId: string;
  let reviewId: string;
  let webhookEndpointId: string;

  const subgraphs = () => Object.values(stack.services).filter(({ name }) => name !== 'gateway');
  const variables = () => ({ draft: [{ __typename: 'Product', id: draftId }], draftId, orderId });
  const probes: Record<string, Probe> = {
    accounts: { caller: 'shopper', query: '{ me { id email } }', holdsTheirData: (data) => data.me?.id === people.shopper!.userId },
    stores: { caller: 'merchant', query: '{ myStores { id } }', holdsTheirData: (data) => data.myStores?.some(({ id }: Data) => id === store.storeId) },
    catalog: {
      caller: 'merchant',
      query: 'query ($draft: [_Any!]!) { _entities(representations: $draft) { ... on Product { title } } }',
      atGateway: 'query ($draftId: ID!) { product(id: $draftId) { title } }',
      holdsTheirData: (data) => (data._entities?.[0] ?? data.product)?.title === 'Unreleased lamp',
    },
    inventory: {
      caller: 'merchant',
      query: '{ inventory(first: 20) { nodes { productId onHand } } }',
      holdsTheirData: (data) => data.inventory?.nodes.some((item: Data) => item.productId === productId && item.onHand > 0),
    },
    orders: { caller: 'shopper', query: 'query ($orderId: ID!) { order(id: $orderId) { id } }', holdsTheirData: (data) => data.order?.id === orderId },
    payments: {
      caller: 'shopper',
      query: 'query ($orderId: ID!) { payments(orderId: $orderId, first: 5) { nodes { id } } }',
      holdsTheirData: (data) => data.payments?.nodes.some(({ id }: Data) => id === paymentId),
    },
    customers: {
      caller: 'merchant',
      query: '{ customers(first: 20) { nodes { email } } }',
      holdsTheirData: (data) => data.customers?.nodes.some(({ email }: Data) => email === people.shopper!.email),
    },
    notifications: { caller: 'shopper', query: '{ notifications(first: 5) { nodes { id } } }', holdsTheirData: (data) => data.notifications?.nodes.length > 0 },
    cart: { caller: 'shopper', query: '{ myCart { id } }', holdsTheirData: (data) => data.myCart?.id === cartId },
    shipping: {
      caller: 'merchant',
      query: '{ shippingZones(first: 5) { nodes { id } } }',
      holdsTheirData: (data) => data.shippingZones?.nodes.some(({ id }: Data) => id === zoneId),
    },
    reviews: {
      caller: 'shopper',
      query: '{ myProductReviews(first: 5) { nodes { id } } }',
      holdsTheirData: (data) => data.myProductReviews?.nodes.some(({ id }: Data) => id === reviewId),
    },
    // the order placed below, as analytics counted it from orders.created (a month either side: any store time zone)
    analytics: {
      caller: 'merchant',
      query: `{ salesReport(input: { from: "${isoDateIn(-30)}", to: "${isoDateIn(30)}" }) { totals { ordersPlaced } } }`,
      holdsTheirData: (data) => data.salesReport?.totals.ordersPlaced > 0,
    },
    apps: {
      caller: 'merchant',
      query: '{ webhookEndpoints(first: 5) { nodes { id } } }',
      holdsTheirData: (data) => data.webhookEndpoints?.nodes.some(({ id }: Data) => id === webhookEndpointId),
    },
  };

  /** Asks `subgraph`'s probe as `token`: at the subgraph itself, signed as the gateway signs, or at the gateway. */
  const ask = (subgraph: string, token: string, where: 'subgraph' | 'gateway'): Promise<Answer> => {
    const probe = probes[subgraph];
    const query = where === 'gateway' ? (probe.atGateway ?? probe.query) : probe.query;
    const headers = { authorization: `Bearer ${token}`, 'x-store-id': store.storeId };
    const body = JSON.stringify({ query, variables: variables() });
    return where === 'gateway'
      ? post(stack.gatewayUrl, body, headers)
      : post(stack.services[subgraph as keyof Stack['services']].url, body, headers, signedFetch);
  };
  /** [subgraph, what, status, error code, what data came back (the caller's, other, none)]: one row per answer, compared as a table. */
  const row = (subgraph: string, what: string, { status, body }: Answer) => [
    subgraph,
    what,
    status,
    body.errors?.[0]?.extensions?.code ?? 'NO ERROR',
    body.data ? (probes[subgraph].holdsTheirData(body.data) ? 'THEIR DATA' : 'OTHER DATA') : 'NO DATA',
  ];
  const refusedRow = (subgraph: string, what: string) => [subgraph, what, 401, 'UNAUTHENTICATED', 'NO DATA'];
  const answeredRow = (subgraph: string, what: string) => [subgraph, what, 200, 'NO ERROR', 'THEIR DATA'];

  /** Every probe, asked as `tokenOf(caller)` at each subgraph (or the gateway): one row each. */
  const askEverywhere = async (tokenOf: (caller: Probe['caller']) => string, what: string, where: 'subgraph' | 'gateway') =>
    Promise.all(subgraphs().map(async ({ name }) => row(name, what, await ask(name, tokenOf(probes[name].caller), where))));

  beforeAll(async () => {
    stack = await acquireStack({ name: 'tokens' });
    const suffix = randomUUID().slice(0, 8);
    people.merchant = await signUp(stack, { firstName: 'Mona', lastName: 'Merchant', email: `mona.${suffix}@example.com` });
    const opened = await openStore(stack, people.merchant, await signIn(stack, people.merchant), `Token Checks ${suffix}`);
    store = new Storefront(stack, opened);
    tokens.merchant = opened.merchantToken;
    productId = await store.product('Checked lamp', 5, 3000);
    draftId = (await store.merchant.CreateProduct({ input: { title: 'Unreleased lamp', price: { amount: 100, currencyCode: 'USD' } } })).createProduct.product!
      .id;

    people.shopper = await signUp(stack, { firstName: 'Sam', lastName: 'Shopper', email: `sam.${suffix}@example.com` });
    tokens.shopper = await signIn(stack, people.shopper);
    const shopper = store.sdkFor(tokens.shopper);
    orderId = (await store.placeOrder(shopper, [{ productId, quantity: 1 }], randomUUID(), people.shopper.email)).id;
    const { processPayment } = await shopper.ProcessPayment({
      input: { orderId, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() },
    });
    paymentId = processPayment.payment!.id;
    // the cart's catalog view hears of the product through events
    cartId = await eventually(
      async () => {
        const { createCart } = await shopper.CreateCart({ input: { lines: [{ variantId: productId, quantity: 1 }] } });
        if (createCart.userErrors.length > 0) throw new Error(JSON.stringify(createCart.userErrors));
        return createCart.cart!.id;
      },
      15_000,
      'the shopper’s cart',
    );
    const zone = await post(
      stack.gatewayUrl,
      JSON.stringify({
        query: 'mutation ($i: CreateShippingZoneInput!) { createShippingZone(input: $i) { shippingZone { id } userErrors { code } } }',
        variables: { i: { name: 'Home', regions: [{ countryCode: 'US' }] } },
      }),
      { authorization: `Bearer ${tokens.merchant}`, 'x-store-id': store.storeId },
    );
    zoneId = (zone.body.data!.createShippingZone as { shippingZone: { id: string } }).shippingZone.id;
    const review = await post(
      stack.gatewayUrl,
      JSON.stringify({
        query: 'mutation ($i: CreateProductReviewInput!) { createProductReview(input: $i) { review { id } userErrors { code } } }',
        variables: { i: { productId, rating: 5, title: 'Bright', body: 'Lights the desk.' } },
      }),
      { authorization: `Bearer ${tokens.shopper}`, 'x-store-id': store.storeId },
    );
    reviewId = (review.body.data!.createProductReview as { review: { id: string } }).review.id;
    // a public IP literal (no DNS) and a topic nothing here publishes: the endpoint is never sent anything
    const webhook = await post(
      stack.gatewayUrl,
      JSON.stringify({
        query: 'mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } userErrors { code } } }',
        variables: { i: { url: 'https://93.184.216.34/hooks', topics: ['catalog.collection-deleted'] } },
      }),
      { authorization: `Bearer ${tokens.merchant}`, 'x-store-id': store.storeId },
    );
    webhookEndpointId = (webhook.body.data!.createWebhookEndpoint as { endpoint: { id: string } }).endpoint.id;
    // customers and notifications hear of the order through events: wait until every probe has something to hide
    await eventually(
      async () => {
        const missing = (await askEverywhere((caller) => tokens[caller]!, 'control', 'subgraph')).filter(([, , , , data]) => data !== 'THEIR DATA');
        if (missing.length > 0) throw new Error(`not yet: ${JSON.stringify(missing)}`);
        return true;
      },
      30_000,
      'every subgraph to hold the callers’ data',
    );
  }, 180_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  it('has a probe for every subgraph of the stack, each answering the real tokens with their data', async () => {
    expect(subgraphs().length).toBeGreaterThanOrEqual(8);
    expect(
      subgraphs()
        .map(({ name }) => name)
        .filter((name) => !probes[name]),
    ).toEqual([]);
    const names = subgraphs().map(({ name }) => name);
    expect(await askEverywhere((caller) => tokens[caller]!, 'real', 'subgraph')).toEqual(names.map((name) => answeredRow(name, 'real')));
    expect(await askEverywhere((caller) => tokens[caller]!, 'real', 'gateway')).toEqual(names.map((name) => answeredRow(name, 'real')));
  });

  it('refuses forged, expired and misdirected tokens at every subgraph, though the gateway signed the request', async () => {
    const copies = { merchant: flawedCopiesOf(tokens.merchant!), shopper: flawedCopiesOf(tokens.shopper!) };
    const flaws = Object.keys(copies.merchant);
    expect(flaws).toEqual([
      'signed by another key',
      'alg none',
      'HS256 keyed with the public key',
      'tampered payload',
      'expired',
      'another issuer',
      'another audience',
    ]);
    for (const flaw of flaws) {
      const answers = await askEverywhere((caller) => copies[caller][flaw], flaw, 'subgraph');
      expect(answers).toEqual(subgraphs().map(({ name }) => refusedRow(name, flaw)));
    }
  });

  it('refuses them at the gateway over HTTP and in graphql-ws connection_init', async () => {
    const copies = { merchant: flawedCopiesOf(tokens.merchant!), shopper: flawedCopiesOf(tokens.shopper!) };
    for (const flaw of Object.keys(copies.merchant)) {
      const answers = await askEverywhere((caller) => copies[caller][flaw], flaw, 'gateway');
      expect(answers).toEqual(subgraphs().map(({ name }) => refusedRow(name, flaw)));
    }
    const sockets: [string, string, 'ACK' | number][] = [];
    for (const caller of ['merchant', 'shopper'] as const) {
      sockets.push([caller, 'real', await connectionInitAnswer(stack.wsUrl, { Authorization: `Bearer ${tokens[caller]}` })]);
      for (const [flaw, token] of Object.entries(copies[caller]))
        sockets.push([caller, flaw, await connectionInitAnswer(stack.wsUrl, { Authorization: `Bearer ${token}`, 'X-Store-Id': store.storeId })]);
    }
    expect(sockets).toEqual(sockets.map(([caller, what]) => [caller, what, what === 'real' ? 'ACK' : 4403]));
  });

  it('refuses a token its holder logged out of, everywhere at once, while their other session goes on', async () => {
    const loggedOut = { merchant: await signIn(stack, people.merchant!), shopper: await signIn(stack, people.shopper!) };
    const names = subgraphs().map(({ name }) => name);
    // before the logout the second session's token opens every probe, so only the logout can close them
    expect(await askEverywhere((caller) => loggedOut[caller], 'before logout', 'subgraph')).toEqual(names.map((name) => answeredRow(name, 'before logout')));
    for (const caller of ['merchant', 'shopper'] as const)
      expect((await gatewaySdk(stack, loggedOut[caller]).Logout()).logout).toEqual({ loggedOut: true, userErrors: [] });

    expect(await askEverywhere((caller) => loggedOut[caller], 'logged out', 'subgraph')).toEqual(names.map((name) => refusedRow(name, 'logged out')));
    expect(await askEverywhere((caller) => loggedOut[caller], 'logged out', 'gateway')).toEqual(names.map((name) => refusedRow(name, 'logged out')));
    const sockets = await Promise.all(
      (['merchant', 'shopper'] as const).map(async (caller) => [
        caller,
        await connectionInitAnswer(stack.wsUrl, { Authorization: `Bearer ${loggedOut[caller]}` }),
      ]),
    );
    expect(sockets).toEqual([
      ['merchant', 4403],
      ['shopper', 4403],
    ]);
    // logout ends that session only: the first one still answers everywhere
    expect(await askEverywhere((caller) => tokens[caller]!, 'other session', 'subgraph')).toEqual(names.map((name) => answeredRow(name, 'other session')));
  });
});
