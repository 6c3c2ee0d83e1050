import { randomUUID } from 'node:crypto';
import { appCallerHeader, AppScope, Role, type AppIdentity } from '@ultramarket/kit';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { tokenFor } from '../../subgraphs/kit/test/support/subgraph-harness';
import { signedFetch } from '../../subgraphs/kit/test/support/signed-fetch';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

type Answer = { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };

/**
 * Who may do what, asked as each kind of caller: through the gateway for the operations, and
 * straight at each subgraph's `_entities` (a way in like any other).
 */
describe('authorization matrix', () => {
  let stack: Stack;
  let store: Storefront;
  const ownerId = randomUUID();
  let callers: Record<string, string | undefined>;
  let productId: string;
  let draftId: string;
  let orderId: string;
  let lineItemId: string;
  let paymentId: string;
  let notificationId: string;
  let userId: string;
  let userToken: string;
  /** The apps behind the API key callers, for `_entities` asked straight at a subgraph as the gateway would (X-App-Caller). */
  const appIdentities = new Map<string, AppIdentity>();

  /** Callers whose token names no store shop in store A, as its storefront says with X-Store-Id; staff act for their own store. */
  const shopsInStoreA = new Set(['anonymous', 'customer', 'owner', 'user']);
  const ask = async (url: string, query: string, variables: Record<string, unknown>, token: string | undefined, caller?: string): Promise<Answer> => {
    const response = await signedFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // an API key: the gateway verifies it; a subgraph reached directly gets the app as the gateway sends it
        ...(token && appIdentities.has(token) && url !== stack.gatewayUrl
          ? { 'x-app-caller': appCallerHeader(appIdentities.get(token)!) }
          : token
            ? { authorization: `Bearer ${token}` }
            : {}),
        ...(caller && shopsInStoreA.has(caller) ? { 'x-store-id': store.storeId } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  };
  /** ALLOWED, or the error code, or the first userError code, or NULL for nothing returned. */
  const outcome = (answer: Answer, path: string): string => {
    if (answer.errors?.length) return answer.errors[0].extensions?.code ?? 'ERROR';
    const value = answer.data?.[path] as Record<string, unknown> | null | undefined;
    if (value === null || value === undefined) return 'NULL';
    const userErrors = (value as { userErrors?: { code: string }[] }).userErrors;
    return userErrors?.length ? userErrors[0].code : 'ALLOWED';
  };

  beforeAll(async () => {
    stack = await acquireStack({ name: 'authz' });
    store = new Storefront(stack);
    callers = {
      anonymous: undefined,
      customer: tokenFor([Role.CUSTOMER], null),
      owner: tokenFor([Role.CUSTOMER], null, ownerId),
      staffA: tokenFor([Role.STORE_STAFF], store.storeId),
      merchantA: store.merchantToken,
      merchantB: tokenFor([Role.MERCHANT], randomUUID()),
      admin: tokenFor([Role.PLATFORM_ADMIN], null),
    };
    productId = await store.product('Guarded lamp', 10, 5000);
    draftId = (await store.merchant.CreateProduct({ input: { title: 'Secret draft', price: { amount: 100, currencyCode: 'USD' } } })).createProduct.product!.id;
    const owner = store.sdkFor(callers.owner);
    orderId = (await store.placeOrder(owner, [{ productId, quantity: 1 }])).id;
    const payment = await eventually(
      async () =>
        (await owner.ProcessPayment({ input: { orderId, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() } })).processPayment
          .payment,
      15_000,
      'a payment',
    );
    paymentId = payment.id;
    const read = await ask(stack.gatewayUrl, 'query ($id: ID!) { order(id: $id) { lineItems { id } } }', { id: orderId }, store.merchantToken);
    lineItemId = (read.data!.order as { lineItems: { id: string }[] }).lineItems[0].id;
    const email = `matrix.${randomUUID().slice(0, 8)}@example.com`;
    const password = 'Matrix-passphrase-2026';
    const anonymous = store.sdkFor();
    userId = (await anonymous.Register({ input: { email, password, firstName: 'Mat', lastName: 'Rix' } })).register.user!.id;
    userToken = (await anonymous.Login({ input: { email, password } })).login.accessToken!;
    callers.user = userToken;
    // the user shops in store A: its staff may now look them up (accounts hears it from orders.created)
    await store.placeOrder(store.sdkFor(userToken), [{ productId, quantity: 1 }]);
    notificationId = await eventually(async () => (await owner.Notifications({ first: 1 })).notifications.nodes[0]?.id, 15_000, 'a notification');
    // apps of store A with API keys (issue 16): one for products, one for orders; callers like the others
    for (const [name, scopes] of [
      ['appProducts', [AppScope.read_products, AppScope.write_products]],
      ['appOrders', [AppScope.read_orders, AppScope.write_orders, AppScope.read_payments]],
    ] as const) {
      const installed = await ask(
        stack.gatewayUrl,
        'mutation ($i: InstallAppInput!) { installApp(input: $i) { app { id } } }',
        { i: { name, scopes } },
        store.merchantToken,
      );
      const appId = (installed.data!.installApp as { app: { id: string } }).app.id;
      const created = await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id } } }',
        { i: { appId } },
        store.merchantToken,
      );
      const { key, apiKey } = created.data!.createApiKey as { key: string; apiKey: { id: string } };
      appIdentities.set(key, { appId, keyId: apiKey.id, storeId: store.storeId, scopes: [...scopes] });
      callers[name] = key;
    }
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  const matrix = async (url: () => string, query: string, variables: () => Record<string, unknown>, path: string, expected: Record<string, string>) => {
    const actual: Record<string, string> = {};
    for (const name of Object.keys(expected)) actual[name] = outcome(await ask(url(), query, variables(), callers[name], name), path);
    expect(actual).toEqual(expected);
  };
  const gateway = () => stack.gatewayUrl;

  it('createProduct: store staff only', () =>
    matrix(
      gateway,
      'mutation ($i: CreateProductInput!) { createProduct(input: $i) { product { id } userErrors { code } } }',
      () => ({ i: { title: `Matrix ${randomUUID()}`, price: { amount: 1, currencyCode: 'USD' } } }),
      'createProduct',
      {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        staffA: 'ALLOWED',
        merchantA: 'ALLOWED',
        admin: 'STORE_REQUIRED',
        appProducts: 'ALLOWED',
        appOrders: 'FORBIDDEN',
      },
    ));

  it("adjustStock: only the product's store", () =>
    matrix(
      gateway,
      'mutation ($i: AdjustStockInput!) { adjustStock(input: $i) { inventoryItem { onHand } userErrors { code } } }',
      () => ({ i: { productId, delta: 1, reason: 'matrix', idempotencyKey: randomUUID() } }),
      'adjustStock',
      {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        merchantB: 'NOT_FOUND',
        staffA: 'ALLOWED',
        merchantA: 'ALLOWED',
        // write_products opens no stock
        appProducts: 'FORBIDDEN',
      },
    ));

  it('order: its shopper, its store, admins', () =>
    matrix(gateway, 'query ($id: ID!) { order(id: $id) { id } }', () => ({ id: orderId }), 'order', {
      anonymous: 'NULL',
      customer: 'NULL',
      owner: 'ALLOWED',
      merchantB: 'NULL',
      staffA: 'ALLOWED',
      admin: 'ALLOWED',
      appOrders: 'ALLOWED',
      appProducts: 'FORBIDDEN',
    }));

  it("dispatchOrder: the order's store only", () =>
    matrix(
      gateway,
      'mutation ($i: DispatchOrderInput!) { dispatchOrder(input: $i) { order { id } userErrors { code } } }',
      () => ({ i: { orderId, carrier: 'UPS', trackingNumber: 'X1' } }),
      'dispatchOrder',
      {
        anonymous: 'UNAUTHENTICATED',
        owner: 'FORBIDDEN',
        merchantB: 'NOT_FOUND',
        // allowed: the order is not confirmed yet or just was; either the dispatch or the state machine answers
        merchantA: expect.stringMatching(/^(ALLOWED|INVALID_TRANSITION)$/) as unknown as string,
      },
    ));

  it('requestReturn: the order’s signed-in shopper and its store’s staff reach the return rules; nobody else finds the order', () =>
    matrix(
      gateway,
      'mutation ($i: RequestReturnInput!) { requestReturn(input: $i) { return { id } userErrors { code } } }',
      () => ({ i: { orderId, lines: [{ lineItemId, quantity: 1, reason: 'OTHER' }] } }),
      'requestReturn',
      {
        anonymous: 'UNAUTHENTICATED',
        customer: 'NOT_FOUND',
        // the order is not delivered: the caller got past access to the rules of returns
        owner: 'LINE_NOT_DELIVERED',
        staffA: 'LINE_NOT_DELIVERED',
        merchantA: 'LINE_NOT_DELIVERED',
        merchantB: 'NOT_FOUND',
      },
    ));

  it('approveReturn, rejectReturn, markReturnReceived, refundReturn, closeReturn and returns: store staff only', async () => {
    const returnId = randomUUID();
    const steps: [string, string, Record<string, unknown>][] = [
      ['approveReturn', 'ApproveReturnInput', { returnId }],
      ['rejectReturn', 'RejectReturnInput', { returnId, reason: 'matrix' }],
      ['markReturnReceived', 'MarkReturnReceivedInput', { returnId }],
      ['refundReturn', 'RefundReturnInput', { returnId, idempotencyKey: randomUUID() }],
      ['closeReturn', 'CloseReturnInput', { returnId }],
    ];
    for (const [field, inputType, input] of steps) {
      await matrix(gateway, `mutation ($i: ${inputType}!) { ${field}(input: $i) { return { id } userErrors { code } } }`, () => ({ i: input }), field, {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        owner: 'FORBIDDEN',
        // staff reach the step: no such return in their store
        staffA: 'NOT_FOUND',
        merchantA: 'NOT_FOUND',
        merchantB: 'NOT_FOUND',
      });
    }
    await matrix(gateway, '{ returns(first: 5) { totalCount } }', () => ({}), 'returns', {
      anonymous: 'UNAUTHENTICATED',
      customer: 'FORBIDDEN',
      owner: 'FORBIDDEN',
      staffA: 'ALLOWED',
      merchantA: 'ALLOWED',
    });
  });

  it('orderAnalytics and inventory: store staff only', async () => {
    const period = { from: '2020-01-01T00:00:00Z', to: '2020-12-31T00:00:00Z' };
    await matrix(gateway, 'query ($i: OrderAnalyticsInput!) { orderAnalytics(input: $i) { ordersCount } }', () => ({ i: period }), 'orderAnalytics', {
      anonymous: 'UNAUTHENTICATED',
      customer: 'FORBIDDEN',
      merchantA: 'ALLOWED',
      // read_analytics, which neither app holds
      appOrders: 'FORBIDDEN',
    });
    await matrix(gateway, '{ inventory(first: 1) { totalCount } }', () => ({}), 'inventory', {
      anonymous: 'UNAUTHENTICATED',
      customer: 'FORBIDDEN',
      staffA: 'ALLOWED',
      appProducts: 'FORBIDDEN',
    });
  });

  it('users: platform admins only; me: anyone signed in', async () => {
    await matrix(gateway, '{ users(first: 1) { totalCount } }', () => ({}), 'users', {
      anonymous: 'UNAUTHENTICATED',
      customer: 'FORBIDDEN',
      merchantA: 'FORBIDDEN',
      admin: 'ALLOWED',
      appOrders: 'FORBIDDEN',
    });
    await matrix(gateway, '{ notifications(first: 1) { totalCount } }', () => ({}), 'notifications', {
      anonymous: 'UNAUTHENTICATED',
      owner: 'ALLOWED',
      appOrders: 'FORBIDDEN',
    });
    await matrix(gateway, '{ me { id } }', () => ({}), 'me', { user: 'ALLOWED', appProducts: 'FORBIDDEN' });
  });

  it('notification templates: store staff read, merchants change; preferences: anyone signed in, in a store', async () => {
    await matrix(gateway, '{ notificationTemplates { key } }', () => ({}), 'notificationTemplates', {
      anonymous: 'UNAUTHENTICATED',
      customer: 'FORBIDDEN',
      staffA: 'ALLOWED',
      merchantA: 'ALLOWED',
      admin: 'BAD_USER_INPUT',
    });
    await matrix(
      gateway,
      'query ($d: NotificationTemplateDraftInput) { previewNotificationTemplate(key: ORDER_CONFIRMED, draft: $d) { subject } }',
      () => ({ d: { subject: '{{orderNumber}}', html: '<p>{{money total}}</p>', text: '{{money total}}' } }),
      'previewNotificationTemplate',
      { anonymous: 'UNAUTHENTICATED', customer: 'FORBIDDEN', staffA: 'ALLOWED', merchantA: 'ALLOWED', admin: 'BAD_USER_INPUT' },
    );
    // resetting a template the store never changed changes nothing, so the matrix leaves store A's emails as they are
    await matrix(
      gateway,
      'mutation { resetNotificationTemplate(input: { key: RETURN_UPDATED }) { template { isCustomized } userErrors { code } } }',
      () => ({}),
      'resetNotificationTemplate',
      { anonymous: 'UNAUTHENTICATED', customer: 'FORBIDDEN', staffA: 'FORBIDDEN', merchantA: 'ALLOWED', admin: 'STORE_REQUIRED' },
    );
    await matrix(
      gateway,
      'mutation ($i: UpdateNotificationTemplateInput!) { updateNotificationTemplate(input: $i) { template { key } userErrors { code } } }',
      () => ({ i: { key: 'RETURN_UPDATED', subject: '{{headline}}', html: '<p>{{sentence}}</p>', text: '{{sentence}} ({{orderNumber}})' } }),
      'updateNotificationTemplate',
      { anonymous: 'UNAUTHENTICATED', customer: 'FORBIDDEN', staffA: 'FORBIDDEN', admin: 'STORE_REQUIRED' },
    );
    await matrix(gateway, '{ myNotificationPreferences { category enabled } }', () => ({}), 'myNotificationPreferences', {
      anonymous: 'UNAUTHENTICATED',
      customer: 'ALLOWED',
      admin: 'BAD_USER_INPUT',
    });
  });

  it('processPayment: the order’s shopper (or its store)', () =>
    matrix(
      gateway,
      'mutation ($i: ProcessPaymentInput!) { processPayment(input: $i) { payment { id } userErrors { code } } }',
      () => ({ i: { orderId, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() } }),
      'processPayment',
      {
        anonymous: 'ORDER_NOT_FOUND',
        customer: 'ORDER_NOT_FOUND',
        merchantB: 'ORDER_NOT_FOUND',
        owner: expect.stringMatching(/^(ORDER_ALREADY_PAID|ORDER_NOT_PAYABLE)$/) as unknown as string,
        // no scope opens payment mutations
        appOrders: 'FORBIDDEN',
      },
    ));

  describe('apps and API keys: the merchant manages them, the staff look, no app touches them', () => {
    let appId: string;

    beforeAll(async () => {
      const installed = await ask(
        gateway(),
        'mutation ($i: InstallAppInput!) { installApp(input: $i) { app { id } } }',
        { i: { name: 'Matrix', scopes: ['read_orders'] } },
        callers.merchantA,
      );
      appId = (installed.data!.installApp as { app: { id: string } }).app.id;
    });

    it('installApp: the merchant (an admin must name the store)', () =>
      matrix(
        gateway,
        'mutation ($i: InstallAppInput!) { installApp(input: $i) { app { id } userErrors { code } } }',
        () => ({ i: { name: 'Matrix app', scopes: ['read_products'] } }),
        'installApp',
        {
          anonymous: 'UNAUTHENTICATED',
          customer: 'FORBIDDEN',
          staffA: 'FORBIDDEN',
          merchantA: 'ALLOWED',
          admin: 'STORE_REQUIRED',
          appProducts: 'FORBIDDEN',
          appOrders: 'FORBIDDEN',
        },
      ));

    it('createApiKey, updateAppScopes: the app’s merchant', async () => {
      await matrix(
        gateway,
        'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key userErrors { code } } }',
        () => ({ i: { appId } }),
        'createApiKey',
        {
          anonymous: 'UNAUTHENTICATED',
          customer: 'FORBIDDEN',
          staffA: 'FORBIDDEN',
          merchantB: 'NOT_FOUND',
          merchantA: 'ALLOWED',
          appOrders: 'FORBIDDEN',
        },
      );
      await matrix(
        gateway,
        'mutation ($i: UpdateAppScopesInput!) { updateAppScopes(input: $i) { app { id } userErrors { code } } }',
        () => ({ i: { id: appId, scopes: ['read_orders'] } }),
        'updateAppScopes',
        {
          anonymous: 'UNAUTHENTICATED',
          staffA: 'FORBIDDEN',
          merchantB: 'NOT_FOUND',
          merchantA: 'ALLOWED',
          appOrders: 'FORBIDDEN',
        },
      );
    });

    it('apps: the store’s staff', () =>
      matrix(gateway, '{ apps(first: 5) { totalCount } }', () => ({}), 'apps', {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        staffA: 'ALLOWED',
        merchantA: 'ALLOWED',
        appProducts: 'FORBIDDEN',
      }));
  });

  describe('reviews: shoppers write their own, store staff moderate', () => {
    const createReview = 'mutation ($i: CreateProductReviewInput!) { createProductReview(input: $i) { review { id } userErrors { code } } }';
    let reviewId: string;

    beforeAll(async () => {
      const answer = await ask(gateway(), createReview, { i: { productId, rating: 5, title: 'Matrix', body: 'Bright.' } }, callers.owner, 'owner');
      reviewId = (answer.data?.createProductReview as { review: { id: string } }).review.id;
    });

    it('createProductReview: a signed-in shopper of the store', () =>
      matrix(gateway, createReview, () => ({ i: { productId: randomUUID(), rating: 4, title: 'Matrix', body: 'Fine.' } }), 'createProductReview', {
        anonymous: 'UNAUTHENTICATED',
        customer: 'ALLOWED',
        staffA: 'FORBIDDEN',
        merchantA: 'FORBIDDEN',
        merchantB: 'FORBIDDEN',
        admin: 'STORE_REQUIRED',
      }));

    it('updateProductReview and deleteProductReview: its author only', async () => {
      await matrix(
        gateway,
        'mutation ($i: UpdateProductReviewInput!) { updateProductReview(input: $i) { review { id } userErrors { code } } }',
        () => ({ i: { id: reviewId, rating: 4 } }),
        'updateProductReview',
        { anonymous: 'UNAUTHENTICATED', customer: 'NOT_FOUND', merchantA: 'NOT_FOUND', staffA: 'NOT_FOUND', owner: 'ALLOWED' },
      );
      await matrix(
        gateway,
        'mutation ($i: DeleteProductReviewInput!) { deleteProductReview(input: $i) { deletedReviewId userErrors { code } } }',
        () => ({ i: { id: reviewId } }),
        'deleteProductReview',
        { anonymous: 'UNAUTHENTICATED', customer: 'NOT_FOUND', merchantA: 'NOT_FOUND' },
      );
    });

    it("moderateProductReview and productReviews: the review's store staff only", async () => {
      await matrix(
        gateway,
        'mutation ($i: ModerateProductReviewInput!) { moderateProductReview(input: $i) { review { id } userErrors { code } } }',
        () => ({ i: { id: reviewId, decision: 'APPROVE' } }),
        'moderateProductReview',
        {
          anonymous: 'UNAUTHENTICATED',
          customer: 'FORBIDDEN',
          owner: 'FORBIDDEN',
          merchantB: 'NOT_FOUND',
          admin: 'STORE_REQUIRED',
          staffA: 'ALLOWED',
          merchantA: 'ALLOWED',
        },
      );
      await matrix(gateway, '{ productReviews(first: 1) { totalCount } }', () => ({}), 'productReviews', {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        staffA: 'ALLOWED',
      });
      await matrix(gateway, '{ myProductReviews(first: 1) { totalCount } }', () => ({}), 'myProductReviews', {
        anonymous: 'UNAUTHENTICATED',
        owner: 'ALLOWED',
      });
    });
  });

  describe('analytics: the store’s staff read their store’s reports (issue 16)', () => {
    const period = '{ from: "2026-12-01", to: "2026-12-07" }';
    const reports: [string, string][] = [
      [`{ salesReport(input: ${period}) { totals { ordersCount } } }`, 'salesReport'],
      [`{ topProducts(input: ${period}) { items { productId } } }`, 'topProducts'],
      [`{ topVariants(input: ${period}) { items { variantId } } }`, 'topVariants'],
      [`{ customerReport(input: ${period}) { customers } }`, 'customerReport'],
      ['{ stockValue { units } }', 'stockValue'],
    ];
    it.each(reports)('%s: staff and merchants of a store for it, platform admins naming one, nobody else', (query, path) =>
      matrix(gateway, query, () => ({}), path, {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        owner: 'FORBIDDEN',
        staffA: 'ALLOWED',
        merchantA: 'ALLOWED',
        // their own store's figures: another store's are out of reach (tenant-isolation.e2e.test.ts)
        merchantB: 'ALLOWED',
        admin: 'BAD_USER_INPUT',
      }),
    );
  });

  describe('webhooks: the store staff manage their own store’s', () => {
    // a public IP literal (no DNS) and a topic nothing in this suite publishes for the store: nothing is ever sent
    const target = { url: 'https://93.184.216.34/hooks', topics: ['catalog.collection-deleted'] };
    const createEndpoint = 'mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } userErrors { code } } }';
    const onEndpoint = (field: string, input: string, extra: Record<string, unknown> = {}) => ({
      query: `mutation ($i: ${input}!) { ${field}(input: $i) { userErrors { code } } }`,
      variables: () => ({ i: { id: endpointId, ...extra } }),
    });
    let endpointId: string;

    beforeAll(async () => {
      const answer = await ask(gateway(), createEndpoint, { i: target }, callers.merchantA, 'merchantA');
      endpointId = (answer.data?.createWebhookEndpoint as { endpoint: { id: string } }).endpoint.id;
    });

    it('createWebhookEndpoint: store staff (a platform admin names the store)', () =>
      matrix(gateway, createEndpoint, () => ({ i: target }), 'createWebhookEndpoint', {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        owner: 'FORBIDDEN',
        staffA: 'ALLOWED',
        merchantA: 'ALLOWED',
        admin: 'STORE_REQUIRED',
      }));

    it('update, enable, disable, rotate, delete an endpoint: its store staff only', async () => {
      const cases: [string, string, Record<string, unknown>][] = [
        ['updateWebhookEndpoint', 'UpdateWebhookEndpointInput', { description: 'matrix' }],
        ['enableWebhookEndpoint', 'EnableWebhookEndpointInput', {}],
        ['disableWebhookEndpoint', 'DisableWebhookEndpointInput', {}],
        ['rotateWebhookSecret', 'RotateWebhookSecretInput', { overlapSeconds: 0 }],
      ];
      for (const [field, input, extra] of cases) {
        const { query, variables } = onEndpoint(field, input, extra);
        await matrix(gateway, query, variables, field, {
          anonymous: 'UNAUTHENTICATED',
          customer: 'FORBIDDEN',
          user: 'FORBIDDEN',
          merchantB: 'NOT_FOUND',
          admin: 'STORE_REQUIRED',
          merchantA: 'ALLOWED',
          staffA: 'ALLOWED',
        });
      }
      const remove = onEndpoint('deleteWebhookEndpoint', 'DeleteWebhookEndpointInput');
      await matrix(gateway, remove.query, remove.variables, 'deleteWebhookEndpoint', {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        merchantB: 'NOT_FOUND',
        admin: 'STORE_REQUIRED',
        staffA: 'ALLOWED',
        merchantA: 'NOT_FOUND',
      });
    });

    it('the delivery log, redelivery and replay: store staff only; another store’s ids are not found', async () => {
      const created = await ask(gateway(), createEndpoint, { i: target }, callers.merchantA, 'merchantA');
      const id = (created.data?.createWebhookEndpoint as { endpoint: { id: string } }).endpoint.id;
      await matrix(gateway, 'query ($id: ID!) { webhookEndpoint(id: $id) { id } }', () => ({ id }), 'webhookEndpoint', {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        merchantB: 'NULL',
        staffA: 'ALLOWED',
        merchantA: 'ALLOWED',
      });
      for (const [query, path] of [
        ['{ webhookEndpoints(first: 5) { totalCount } }', 'webhookEndpoints'],
        ['{ webhookDeliveries(first: 5) { totalCount } }', 'webhookDeliveries'],
        ['{ webhookTopics }', 'webhookTopics'],
      ]) {
        await matrix(gateway, query, () => ({}), path, { anonymous: 'UNAUTHENTICATED', customer: 'FORBIDDEN', user: 'FORBIDDEN', staffA: 'ALLOWED' });
      }
      await matrix(gateway, 'query ($id: ID!) { webhookDelivery(id: $id) { id } }', () => ({ id: randomUUID() }), 'webhookDelivery', {
        anonymous: 'UNAUTHENTICATED',
        customer: 'FORBIDDEN',
        staffA: 'NULL',
      });
      await matrix(
        gateway,
        'mutation ($i: RedeliverWebhookInput!) { redeliverWebhook(input: $i) { userErrors { code } } }',
        () => ({ i: { deliveryId: randomUUID() } }),
        'redeliverWebhook',
        { anonymous: 'UNAUTHENTICATED', customer: 'FORBIDDEN', admin: 'STORE_REQUIRED', staffA: 'NOT_FOUND' },
      );
      await matrix(
        gateway,
        'mutation ($i: ReplayWebhooksInput!) { replayWebhooks(input: $i) { userErrors { code } } }',
        () => ({ i: { endpointId: id, from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() } }),
        'replayWebhooks',
        { anonymous: 'UNAUTHENTICATED', customer: 'FORBIDDEN', merchantB: 'NOT_FOUND', admin: 'STORE_REQUIRED', staffA: 'ALLOWED', merchantA: 'ALLOWED' },
      );
      await ask(
        gateway(),
        'mutation ($i: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $i) { userErrors { code } } }',
        { i: { id } },
        callers.merchantA,
        'merchantA',
      );
    });
  });

  describe('_entities at each subgraph, reached directly', () => {
    const entities = (typename: string, fields: string) => `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${fields} } } }`;
    const first = (answer: Answer) =>
      answer.errors?.length ? (answer.errors[0].extensions?.code ?? 'ERROR') : (answer.data?._entities as unknown[])[0] === null ? 'NULL' : 'ALLOWED';
    const check = async (service: keyof Stack['services'], typename: string, id: () => string, fields: string, expected: Record<string, string>) => {
      const actual: Record<string, string> = {};
      for (const name of Object.keys(expected))
        actual[name] = first(
          await ask(stack.services[service].url, entities(typename, fields), { r: [{ __typename: typename, id: id() }] }, callers[name], name),
        );
      expect(actual).toEqual(expected);
    };

    it('catalog Product: drafts only for their store, and apps with read_products', () =>
      check('catalog', 'Product', () => draftId, 'title', {
        anonymous: 'NULL',
        merchantB: 'NULL',
        merchantA: 'ALLOWED',
        admin: 'ALLOWED',
        appProducts: 'ALLOWED',
        appOrders: 'FORBIDDEN',
      }));

    it('inventory Product.inventory: stock details only for the store', async () => {
      const details = async (caller: string) =>
        (
          (
            await ask(
              stack.services.inventory.url,
              entities('Product', 'inventory { onHand }'),
              { r: [{ __typename: 'Product', id: productId }] },
              callers[caller],
              caller,
            )
          ).data?._entities as { inventory: unknown }[]
        )[0].inventory === null
          ? 'NULL'
          : 'ALLOWED';
      expect({ anonymous: await details('anonymous'), merchantB: await details('merchantB'), merchantA: await details('merchantA') }).toEqual({
        anonymous: 'NULL',
        merchantB: 'NULL',
        merchantA: 'ALLOWED',
      });
    });

    it('apps WebhookEndpoint: its store staff only', async () => {
      const created = await ask(
        gateway(),
        'mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } userErrors { code } } }',
        { i: { url: 'https://93.184.216.34/hooks', topics: ['catalog.collection-deleted'] } },
        callers.merchantA,
        'merchantA',
      );
      const id = (created.data?.createWebhookEndpoint as { endpoint: { id: string } }).endpoint.id;
      await check('apps', 'WebhookEndpoint', () => id, 'url', {
        anonymous: 'NULL',
        customer: 'NULL',
        owner: 'NULL',
        merchantB: 'NULL',
        staffA: 'ALLOWED',
        merchantA: 'ALLOWED',
      });
    });
    it('orders Order', () =>
      check('orders', 'Order', () => orderId, 'status', {
        anonymous: 'NULL',
        customer: 'NULL',
        merchantB: 'NULL',
        owner: 'ALLOWED',
        merchantA: 'ALLOWED',
        // an app without read_orders gets no order through _entities, whichever query reached it
        appProducts: 'FORBIDDEN',
        appOrders: 'ALLOWED',
      }));
    it('payments Payment', () =>
      check('payments', 'Payment', () => paymentId, 'status', {
        anonymous: 'NULL',
        customer: 'NULL',
        merchantB: 'NULL',
        owner: 'ALLOWED',
        merchantA: 'ALLOWED',
        appOrders: 'ALLOWED',
        appProducts: 'FORBIDDEN',
      }));
    it('notifications Notification', () =>
      check('notifications', 'Notification', () => notificationId, 'title', {
        anonymous: 'NULL',
        customer: 'NULL',
        merchantA: 'NULL',
        owner: 'ALLOWED',
        appOrders: 'FORBIDDEN',
      }));
    it('accounts User: the user, the staff of a store they shopped in, admins', async () => {
      // accounts learns of the user's order in store A from orders.created
      await eventually(
        async () =>
          first(await ask(stack.services.accounts.url, entities('User', 'email'), { r: [{ __typename: 'User', id: userId }] }, callers.staffA, 'staffA')) ===
          'ALLOWED',
        15_000,
        'store A’s staff to see their customer',
      );
      await check('accounts', 'User', () => userId, 'email', {
        anonymous: 'NULL',
        customer: 'NULL',
        merchantB: 'NULL',
        user: 'ALLOWED',
        staffA: 'ALLOWED',
        admin: 'ALLOWED',
      });
    });
  });
});
