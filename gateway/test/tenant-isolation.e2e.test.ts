import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isInputObjectType, type GraphQLInputType } from 'graphql';
import { root, type Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack, type PooledStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { signedFetch } from '../../subgraphs/kit/test/support/signed-fetch';
import { Storefront } from './support/storefront';
import { subscribe } from './support/live';
import { pngImage } from '../../subgraphs/catalog/test/support/images';

type Answer = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** Everything one store has in every subgraph, by id. */
interface Tenant {
  /** A guest cart holding the store's product, with the store's discount code applied. */
  cartId: string;
  cartToken: string;
  promotionId: string;
  promotionCode: string;
  taxRuleId: string;
  shippingZoneId: string;
  shippingMethodId: string;
  /** A shipment of the store's order (which it FULFILLED). */
  shipmentId: string;
  /** The order's line, and a return of it its shopper asked for once the shipment was delivered. */
  lineItemId: string;
  returnId: string;
  front: Storefront;
  shopper: { userId: string; token: string };
  productId: string;
  draftId: string;
  orderId: string;
  paymentId: string;
  notificationId: string;
  customerId: string;
  addressId: string;
  segmentId: string;
  staffUserId: string;
  mediaId: string;
  /** An import of the store left UPLOADING. */
  bulkOperationId: string;
  /** The store's default location and a second one it created. */
  locationId: string;
  backRoomId: string;
  categoryId: string;
  collectionId: string;
  /** The shopper's review of the store's product, approved by its merchant. */
  reviewId: string;
  /** An app installed in the store (read_products) and its API key. */
  appId: string;
  apiKeyId: string;
  apiKey: string;
  /** A webhook endpoint of the store (a public IP literal, so no DNS; disabled at once, so nothing is ever sent). */
  webhookEndpointId: string;
}

/**
 * Two stores with data in every subgraph. Store A's merchant asks for store B's things by id, through
 * the gateway with every operation that takes an ID (the list is checked against the API schema, so a
 * new one cannot be forgotten), with the subscriptions, and with `_entities` at each subgraph
 * directly; A receives nothing of B's, changes nothing of B's, and B's data reads the same after.
 */
describe('tenant isolation across the supergraph', () => {
  let stack: PooledStack;
  let a: Tenant;
  let b: Tenant;

  const ask = async (url: string, query: string, variables: Record<string, unknown>, token: string | undefined, storeId?: string): Promise<Answer> => {
    const response = await signedFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(storeId ? { 'x-store-id': storeId } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  };
  const must = (answer: Answer): Record<string, unknown> => {
    if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors));
    return answer.data!;
  };

  const seed = async (name: string): Promise<Tenant> => {
    const front = await Storefront.open(stack, name);
    const merchant = front.merchantToken;
    const productId = await front.product(`${name} kettle`, 6, 4200);
    const draftId = (await front.merchant.CreateProduct({ input: { title: `${name} draft`, price: { amount: 100, currencyCode: 'USD' } } })).createProduct
      .product!.id;
    const shopper = front.customer();
    const orderId = (await front.placeOrder(shopper.sdk, [{ productId, quantity: 1 }])).id;
    const payment = await eventually(
      async () =>
        (await shopper.sdk.ProcessPayment({ input: { orderId, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() } }))
          .processPayment.payment,
      15_000,
      `${name}'s payment`,
    );
    const notificationId = await eventually(
      async () => (await shopper.sdk.Notifications({ first: 1 })).notifications.nodes[0]?.id,
      15_000,
      `${name}'s notification`,
    );
    const customerId = await eventually(async () => (await front.merchant.Customers({ first: 5 })).customers.nodes[0]?.id, 15_000, `${name}'s customer`);
    const address = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateCustomerAddressInput!) { createCustomerAddress(input: $i) { address { id } userErrors { code message } } }',
        { i: { customerId, address: { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' } } },
        merchant,
      ),
    ).createCustomerAddress as { address: { id: string } };
    const segment = await front.merchant.CreateCustomerSegment({
      input: { name: `${name} buyers`, rules: { match: 'ALL', conditions: [{ field: 'ORDERS_COUNT', operator: 'GREATER_THAN_OR_EQUAL', value: '1' }] } },
    });
    const png = pngImage(4, 3);
    const { createMediaUpload: upload } = await front.merchant.CreateMediaUpload({
      input: { productId, filename: 'kettle.png', contentType: 'image/png', byteSize: png.length },
    });
    // the upload URL names the gateway's configured address; this stack's gateway listens on a port picked at start
    const uploadPath = new URL(upload.uploadUrl!).pathname;
    const put = await fetch(new URL(uploadPath, stack.gatewayUrl), { method: 'PUT', headers: { 'content-type': 'image/png' }, body: png });
    if (put.status !== 201) throw new Error(`media upload answered ${put.status}`);
    const completed = await front.merchant.CompleteMediaUpload({ input: { mediaId: upload.mediaId!, alt: `${name} kettle` } });
    if (completed.completeMediaUpload.userErrors.length) throw new Error(JSON.stringify(completed.completeMediaUpload.userErrors));
    const staffUserId = randomUUID();
    const invited = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: InviteStoreStaffInput!) { inviteStoreStaff(input: $i) { invitation { id } userErrors { code message } } }',
        { i: { storeId: front.storeId, userId: staffUserId, role: 'STORE_STAFF' } },
        merchant,
      ),
    ).inviteStoreStaff as { invitation: { id: string } };
    must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: AcceptStoreInvitationInput!) { acceptStoreInvitation(input: $i) { staffMember { userId } userErrors { code message } } }',
        { i: { invitationId: invited.invitation.id } },
        front.customer(staffUserId).token,
      ),
    );
    const backRoom = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateLocationInput!) { createLocation(input: $i) { location { id } userErrors { code message } } }',
        { i: { name: `${name} back room`, code: 'back-room', priority: 5 } },
        merchant,
      ),
    ).createLocation as { location: { id: string } };
    // an import waiting for the second part of its file: it stays as it is unless someone appends or cancels
    const bulk = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: StartProductImportInput!) { startProductImport(input: $i) { bulkOperation { id } userErrors { code message } } }',
        { i: { jobKey: `${name}-import`, csv: 'Handle,Title,Variant Price\n', parts: 2 } },
        merchant,
      ),
    ).startProductImport as { bulkOperation: { id: string } };
    const locations = must(await ask(stack.gatewayUrl, 'query { locations(first: 10) { nodes { id isDefault } } }', {}, merchant)).locations as {
      nodes: { id: string; isDefault: boolean }[];
    };
    const category = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateCategoryInput!) { createCategory(input: $i) { category { id } userErrors { code message } } }',
        { i: { name: `${name} kitchen` } },
        merchant,
      ),
    ).createCategory as { category: { id: string } };
    const collection = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateCollectionInput!) { createCollection(input: $i) { collection { id } userErrors { code message } } }',
        { i: { title: `${name} picks`, kind: 'MANUAL', published: true } },
        merchant,
      ),
    ).createCollection as { collection: { id: string } };
    must(
      await ask(
        stack.gatewayUrl,
        `mutation ($p: ID!, $c: ID!, $k: ID!) {
          assignProductCategories(input: { productId: $p, categoryIds: [$c] }) { userErrors { code message } }
          addProductsToCollection(input: { collectionId: $k, productIds: [$p] }) { userErrors { code message } }
        }`,
        { p: productId, c: category.category.id, k: collection.collection.id },
        merchant,
      ),
    );
    const zone = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateShippingZoneInput!) { createShippingZone(input: $i) { shippingZone { id } userErrors { code message } } }',
        { i: { name: `${name} home`, regions: [{ countryCode: 'US' }] } },
        merchant,
      ),
    ).createShippingZone as { shippingZone: { id: string } };
    const shippingMethod = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateShippingMethodInput!) { createShippingMethod(input: $i) { shippingMethod { id } userErrors { code message } } }',
        { i: { zoneId: zone.shippingZone.id, name: 'Standard', currencyCode: 'USD', rate: { kind: 'FLAT', amount: 500 } } },
        merchant,
      ),
    ).createShippingMethod as { shippingMethod: { id: string } };
    const promotionCode = `${name.toUpperCase()}-TEN`;
    const promotion = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreatePromotionInput!) { createPromotion(input: $i) { promotion { id } userErrors { code message } } }',
        { i: { title: `${name} ten off`, code: promotionCode, valueKind: 'PERCENTAGE', basisPoints: 1000 } },
        merchant,
      ),
    ).createPromotion as { promotion: { id: string } };
    const taxRule = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateTaxRuleInput!) { createTaxRule(input: $i) { taxRule { id } userErrors { code message } } }',
        { i: { title: `${name} sales tax`, countryCode: 'US', rateBasisPoints: 725 } },
        merchant,
      ),
    ).createTaxRule as { taxRule: { id: string } };
    // the cart's catalog view hears of the product through events
    const guestCart = await eventually(
      async () => {
        const created = must(
          await ask(
            stack.gatewayUrl,
            'mutation ($i: CreateCartInput!) { createCart(input: $i) { cartToken cart { id } userErrors { code message } } }',
            { i: { lines: [{ variantId: productId, quantity: 2 }], email: `guest@${name.toLowerCase()}.example` } },
            undefined,
            front.storeId,
          ),
        ).createCart as { cartToken: string; cart: { id: string } | null; userErrors: unknown[] };
        if (!created.cart) throw new Error(JSON.stringify(created.userErrors));
        return { cartId: created.cart.id, cartToken: created.cartToken };
      },
      15_000,
      `${name}'s guest cart`,
    );
    must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: ApplyCartDiscountCodeInput!) { applyCartDiscountCode(input: $i) { userErrors { code message } } }',
        { i: { ...guestCart, code: promotionCode } },
        undefined,
        front.storeId,
      ),
    );
    must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: SetCartAddressesInput!) { setCartAddresses(input: $i) { userErrors { code message } } }',
        { i: { ...guestCart, shippingAddress: { line1: '1 Main St', city: 'Springfield', provinceCode: 'IL', postalCode: '62701', countryCode: 'US' } } },
        undefined,
        front.storeId,
      ),
    );
    // the cart hears of the store's shipping methods through events
    await eventually(
      async () => {
        const selected = must(
          await ask(
            stack.gatewayUrl,
            'mutation ($i: SelectCartShippingRateInput!) { selectCartShippingRate(input: $i) { userErrors { code message } } }',
            { i: { ...guestCart, rateId: shippingMethod.shippingMethod.id } },
            undefined,
            front.storeId,
          ),
        ).selectCartShippingRate as { userErrors: unknown[] };
        if (selected.userErrors.length > 0) throw new Error(JSON.stringify(selected.userErrors));
        return true;
      },
      15_000,
      `${name}'s shipping rate`,
    );
    // the order ships once shipping has heard it is paid; orders then makes it FULFILLED
    const shipment = await eventually(
      async () => {
        const created = must(
          await ask(
            stack.gatewayUrl,
            'mutation ($i: CreateShipmentInput!) { createShipment(input: $i) { shipment { id } userErrors { code message } } }',
            { i: { orderId, shippingMethodId: shippingMethod.shippingMethod.id, trackingNumber: `${name}-1` } },
            merchant,
          ),
        ).createShipment as { shipment: { id: string } | null; userErrors: unknown[] };
        if (!created.shipment) throw new Error(JSON.stringify(created.userErrors));
        return created.shipment;
      },
      20_000,
      `${name}'s shipment`,
    );
    await front.orderUntil(orderId, (order) => order.status === 'FULFILLED', `${name}'s order FULFILLED`);
    must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: MarkShipmentDeliveredInput!) { markShipmentDelivered(input: $i) { userErrors { code message } } }',
        { i: { shipmentId: shipment.id } },
        merchant,
      ),
    );
    await front.orderUntil(orderId, (order) => order.status === 'DELIVERED', `${name}'s order DELIVERED`);
    const lineItemId = (
      must(await ask(stack.gatewayUrl, 'query ($id: ID!) { order(id: $id) { lineItems { id } } }', { id: orderId }, merchant)).order as {
        lineItems: { id: string }[];
      }
    ).lineItems[0].id;
    const requested = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: RequestReturnInput!) { requestReturn(input: $i) { return { id } userErrors { code message } } }',
        { i: { orderId, lines: [{ lineItemId, quantity: 1, reason: 'DEFECTIVE' }] } },
        shopper.token,
        front.storeId,
      ),
    ).requestReturn as { return: { id: string } | null; userErrors: unknown[] };
    if (!requested.return) throw new Error(JSON.stringify(requested.userErrors));
    const review = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateProductReviewInput!) { createProductReview(input: $i) { review { id } userErrors { code message } } }',
        { i: { productId, rating: 4, title: `${name} likes it`, body: 'Boils fast.' } },
        shopper.token,
        front.storeId,
      ),
    ).createProductReview as { review: { id: string } };
    must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: ModerateProductReviewInput!) { moderateProductReview(input: $i) { review { status } userErrors { code message } } }',
        { i: { id: review.review.id, decision: 'APPROVE' } },
        merchant,
      ),
    );
    const app = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: InstallAppInput!) { installApp(input: $i) { app { id } userErrors { code message } } }',
        { i: { name: `${name} sync`, scopes: ['read_products'] } },
        merchant,
      ),
    ).installApp as { app: { id: string } };
    const apiKey = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id } userErrors { code message } } }',
        { i: { appId: app.app.id } },
        merchant,
      ),
    ).createApiKey as { key: string; apiKey: { id: string } };
    const webhook = must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } userErrors { code message } } }',
        { i: { url: 'https://93.184.216.34/hooks', topics: ['reviews.review-deleted'], description: `${name} ERP` } },
        merchant,
      ),
    ).createWebhookEndpoint as { endpoint: { id: string } | null; userErrors: unknown[] };
    if (!webhook.endpoint) throw new Error(JSON.stringify(webhook.userErrors));
    must(
      await ask(
        stack.gatewayUrl,
        'mutation ($i: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $i) { userErrors { code message } } }',
        { i: { id: webhook.endpoint.id } },
        merchant,
      ),
    );
    return {
      appId: app.app.id,
      apiKeyId: apiKey.apiKey.id,
      apiKey: apiKey.key,
      lineItemId,
      returnId: requested.return.id,
      reviewId: review.review.id,
      webhookEndpointId: webhook.endpoint.id,
      ...guestCart,
      shipmentId: shipment.id,
      promotionId: promotion.promotion.id,
      promotionCode,
      taxRuleId: taxRule.taxRule.id,
      shippingZoneId: zone.shippingZone.id,
      shippingMethodId: shippingMethod.shippingMethod.id,
      locationId: locations.nodes.find((location) => location.isDefault)!.id,
      backRoomId: backRoom.location.id,
      front,
      shopper,
      productId,
      draftId,
      categoryId: category.category.id,
      collectionId: collection.collection.id,
      orderId,
      paymentId: payment.id,
      notificationId,
      customerId,
      addressId: address.address.id,
      segmentId: segment.createCustomerSegment.customerSegment!.id,
      staffUserId,
      mediaId: upload.mediaId!,
      bulkOperationId: bulk.bulkOperation.id,
    };
  };

  /** What store B's own people see of B: compared before and after store A's merchant tried everything. */
  const snapshotOfB = async () => {
    const merchant = b.front.merchantToken;
    const read = async (query: string, variables: Record<string, unknown> = {}, token = merchant) =>
      must(await ask(stack.gatewayUrl, query, variables, token, b.front.storeId));
    return {
      product: await read('query ($id: ID!) { product(id: $id) { title status price { amount } stock inventory { onHand reserved } } }', { id: b.productId }),
      variants: await read('query ($id: ID!) { product(id: $id) { options { name values } variants { id title sku price { amount } } } }', { id: b.productId }),
      media: await read('query ($id: ID!) { product(id: $id) { media { id alt url position width } } }', { id: b.productId }),
      draft: await read('query ($id: ID!) { product(id: $id) { title status } }', { id: b.draftId }),
      app: await read('query ($id: ID!) { app(id: $id) { name scopes uninstalledAt apiKeys { id revokedAt } } }', { id: b.appId }),
      // B's key still reads B's draft (its app was neither changed nor uninstalled, the key not revoked)
      appReads: await read('query ($id: ID!) { product(id: $id) { title status } }', { id: b.draftId }, b.apiKey),
      order: await read('query ($id: ID!) { order(id: $id) { status carrier cancelReason shipments { id status } } }', { id: b.orderId }),
      returns: await read(
        'query ($id: ID!) { return(id: $id) { status rejectReason refund { id } lines { quantity restock locationId } } returns(first: 10) { totalCount } }',
        { id: b.returnId },
      ),
      shipment: await read('query ($id: ID!) { shipment(id: $id) { status carrierName trackingNumber trackingEvents { status } } }', { id: b.shipmentId }),
      payment: await read('query ($id: ID!) { payment(id: $id) { status amount { amount } } }', { id: b.paymentId }),
      notification: await read('query ($id: ID!) { notification(id: $id) { title isRead } }', { id: b.notificationId }, b.shopper.token),
      customer: await read(
        'query ($id: ID!) { customer(id: $id) { email firstName note tags taxExempt taxExemptionReference addresses { id isDefault city } } }',
        { id: b.customerId },
      ),
      segment: await read('query ($id: ID!) { customerSegment(id: $id) { name customerCount } }', { id: b.segmentId }),
      reviews: await read('query ($id: ID!) { product(id: $id) { rating { average count } reviews(first: 10) { nodes { id status rating title body } } } }', {
        id: b.productId,
      }),
      webhooks: await read(
        'query ($id: ID!) { webhookEndpoint(id: $id) { url status topics description previousSecretExpiresAt } webhookDeliveries(first: 10) { totalCount } }',
        { id: b.webhookEndpointId },
      ),
      store: await read('query ($id: ID!) { store(id: $id) { name status email theme { customCss } settings { orderNumberPrefix } } }', {
        id: b.front.storeId,
      }),
      staff: await read('query ($id: ID!) { storeStaff(storeId: $id) { userId role } }', { id: b.front.storeId }),
      locations: await read('query { locations(first: 10) { nodes { id name priority active } } }'),
      stock: await read('query { inventory(first: 10) { nodes { variantId locationId onHand reserved incoming lowStockThreshold } } }'),
      category: await read('query ($id: ID!) { category(id: $id) { name parent { id } productCount products { nodes { id } } } }', {
        id: b.categoryId,
      }),
      collection: await read('query ($id: ID!) { collection(id: $id) { title published productsCount products { nodes { id } } } }', {
        id: b.collectionId,
      }),
      productGroups: await read('query ($id: ID!) { product(id: $id) { categories { id } collections { id } } }', { id: b.productId }),
      bulk: await read('query ($id: ID!) { bulkOperation(id: $id) { status inputPartsReceived processedRows } }', { id: b.bulkOperationId }),
      cart: await read(
        `query ($id: ID!, $token: String) { cart(id: $id, token: $token) {
          email itemCount lines { variantId quantity } shippingAddress { city } selectedShippingRate { rateId } discountCodes { code applicable } total { amount } } }`,
        { id: b.cartId, token: b.cartToken },
      ),
      promotion: await read('query ($id: ID!) { promotion(id: $id) { title code active basisPoints } }', { id: b.promotionId }),
      taxRule: await read('query ($id: ID!) { taxRule(id: $id) { title countryCode rateBasisPoints } }', { id: b.taxRuleId }),
      shipping: await read(
        'query ($id: ID!) { shippingZone(id: $id) { name regions { countryCode } methods { id name rate { kind amount { amount } } freeOverSubtotal { amount } } } }',
        { id: b.shippingZoneId },
      ),
    };
  };

  beforeAll(async () => {
    stack = await acquireStack({ name: 'tenants' });
    a = await seed('Alpha');
    b = await seed('Beta');
  }, 240_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  /** Every operation of the API that takes an ID, with store B's ids; `refused` says how A is turned away. */
  const cases = (): Record<string, { query: string; variables: Record<string, unknown>; refused: (answer: Answer, field: string) => boolean }> => {
    const nothing = (answer: Answer, field: string) => {
      if (answer.errors?.length) return ['NOT_FOUND', 'FORBIDDEN'].includes(answer.errors[0].extensions?.code ?? '');
      const value = answer.data?.[field] as Record<string, unknown> | unknown[] | null;
      if (value === null) return true;
      if (Array.isArray(value)) return value.length === 0;
      return value.totalCount === 0;
    };
    const userError = (answer: Answer, field: string) =>
      answer.errors?.length
        ? ['NOT_FOUND', 'FORBIDDEN'].includes(answer.errors[0].extensions?.code ?? '')
        : ((answer.data?.[field] as { userErrors: unknown[] }).userErrors.length ?? 0) > 0;
    const forbidden = (answer: Answer) => answer.errors?.[0]?.extensions?.code === 'FORBIDDEN';
    const mutation = (field: string, input: Record<string, unknown>, refused = userError) => ({
      query: `mutation ($i: ${field[0].toUpperCase()}${field.slice(1)}Input!) { ${field}(input: $i) { userErrors { code } } }`,
      variables: { i: input },
      refused,
    });
    const address = { name: 'Mallory', line1: '6 Evil Rd', city: 'Nowhere', postalCode: '00000', countryCode: 'US' };
    const theirCart = { cartId: b.cartId, cartToken: b.cartToken };
    return {
      cart: { query: 'query ($id: ID!, $t: String) { cart(id: $id, token: $t) { id } }', variables: { id: b.cartId, t: b.cartToken }, refused: nothing },
      promotion: { query: 'query ($id: ID!) { promotion(id: $id) { id } }', variables: { id: b.promotionId }, refused: nothing },
      taxRule: { query: 'query ($id: ID!) { taxRule(id: $id) { id } }', variables: { id: b.taxRuleId }, refused: nothing },
      // even holding B's cart token, A reaches nothing of B's cart (the request is A's store)
      createCart: mutation('createCart', { lines: [{ variantId: b.productId, quantity: 1 }] }),
      addCartLines: mutation('addCartLines', { ...theirCart, lines: [{ variantId: b.productId, quantity: 1 }] }),
      updateCartLines: mutation('updateCartLines', { ...theirCart, lines: [{ variantId: b.productId, quantity: 9 }] }),
      removeCartLines: mutation('removeCartLines', { ...theirCart, variantIds: [b.productId] }),
      setCartEmail: mutation('setCartEmail', { ...theirCart, email: 'mallory@example.com' }),
      setCartAddresses: mutation('setCartAddresses', { ...theirCart, shippingAddress: { line1: '6 Evil Rd', city: 'Nowhere', countryCode: 'US' } }),
      applyCartDiscountCode: mutation('applyCartDiscountCode', { ...theirCart, code: a.promotionCode }),
      removeCartDiscountCode: mutation('removeCartDiscountCode', { ...theirCart, code: b.promotionCode }),
      mergeCart: mutation('mergeCart', theirCart),
      selectCartShippingRate: mutation('selectCartShippingRate', { ...theirCart, rateId: b.shippingMethodId }),
      // B's cart with the secret A could hold (B's cart token as recovery token): refused, and B's token keeps working
      recoverCart: mutation('recoverCart', { cartId: b.cartId, recoveryToken: b.cartToken }),
      setCartNote: mutation('setCartNote', { ...theirCart, note: 'Taken over' }),
      reviewCheckout: mutation('reviewCheckout', theirCart),
      completeCheckout: mutation('completeCheckout', { ...theirCart, idempotencyKey: randomUUID() }),
      createPromotion: mutation('createPromotion', { title: 'Theirs', valueKind: 'FREE_SHIPPING', targetKind: 'LINES', productIds: [b.productId] }),
      updatePromotion: mutation('updatePromotion', { id: b.promotionId, title: 'Taken over', basisPoints: 10_000 }),
      deactivatePromotion: mutation('deactivatePromotion', { id: b.promotionId }),
      updateTaxRule: mutation('updateTaxRule', { id: b.taxRuleId, title: 'Taken over', countryCode: 'US', rateBasisPoints: 0 }),
      deleteTaxRule: mutation('deleteTaxRule', { id: b.taxRuleId }),
      product: { query: 'query ($id: ID!) { product(id: $id) { id } }', variables: { id: b.productId }, refused: nothing },
      // a product's id is also its default variant's
      productVariant: { query: 'query ($id: ID!) { productVariant(id: $id) { id } }', variables: { id: b.productId }, refused: nothing },
      // searching for B's product by its very title (and its spelling) finds nothing of B's, only A's own
      productSearch: {
        query: 'query ($q: String) { productSearch(query: $q, first: 100) { products { nodes { id } } } }',
        variables: { q: 'Beta kettle' },
        refused: (answer) => !answer.errors && !JSON.stringify(answer.data).includes(b.productId) && !JSON.stringify(answer.data).includes(b.draftId),
      },
      customer: { query: 'query ($id: ID!) { customer(id: $id) { id } }', variables: { id: b.customerId }, refused: nothing },
      customerSegment: { query: 'query ($id: ID!) { customerSegment(id: $id) { id } }', variables: { id: b.segmentId }, refused: nothing },
      segmentCustomers: { query: 'query ($id: ID!) { segmentCustomers(segmentId: $id) { totalCount } }', variables: { id: b.segmentId }, refused: nothing },
      notification: { query: 'query ($id: ID!) { notification(id: $id) { id } }', variables: { id: b.notificationId }, refused: nothing },
      order: { query: 'query ($id: ID!) { order(id: $id) { id } }', variables: { id: b.orderId }, refused: nothing },
      payment: { query: 'query ($id: ID!) { payment(id: $id) { id } }', variables: { id: b.paymentId }, refused: nothing },
      payments: { query: 'query ($id: ID!) { payments(orderId: $id) { totalCount } }', variables: { id: b.orderId }, refused: nothing },
      // a store's public profile is the storefront's to show; what is the store's own (settings) is not
      store: {
        query: 'query ($id: ID!) { store(id: $id) { id settings { orderNumberPrefix } } }',
        variables: { id: b.front.storeId },
        refused: (answer) => !answer.errors && (answer.data?.store as { settings: unknown }).settings === null,
      },
      storeStaff: { query: 'query ($id: ID!) { storeStaff(storeId: $id) { userId } }', variables: { id: b.front.storeId }, refused: forbidden },
      assignRole: mutation('assignRole', { userId: b.staffUserId, role: 'MERCHANT', storeId: b.front.storeId }, forbidden),
      revokeRole: mutation('revokeRole', { userId: b.staffUserId, role: 'STORE_STAFF' }, forbidden),
      updateProduct: mutation('updateProduct', { id: b.productId, title: 'Taken over' }),
      archiveProduct: mutation('archiveProduct', { id: b.productId }),
      setProductOptions: mutation('setProductOptions', { productId: b.productId, options: [{ name: 'Size', values: ['S', 'M'] }] }),
      createProductVariants: mutation('createProductVariants', {
        productId: b.productId,
        variants: [{ options: [], price: { amount: 1, currencyCode: 'USD' } }],
      }),
      updateProductVariants: mutation('updateProductVariants', {
        productId: b.productId,
        variants: [{ id: b.productId, price: { amount: 1, currencyCode: 'USD' } }],
      }),
      deleteProductVariants: mutation('deleteProductVariants', { productId: b.productId, variantIds: [b.productId] }),
      createMediaUpload: mutation('createMediaUpload', { productId: b.productId, filename: 'x.png', contentType: 'image/png', byteSize: 100 }),
      completeMediaUpload: mutation('completeMediaUpload', { mediaId: b.mediaId }),
      bulkOperation: { query: 'query ($id: ID!) { bulkOperation(id: $id) { id } }', variables: { id: b.bulkOperationId }, refused: nothing },
      appendProductImportPart: mutation('appendProductImportPart', { id: b.bulkOperationId, index: 1, csv: 'b-mug,Mug,1.00\n' }),
      cancelBulkOperation: mutation('cancelBulkOperation', { id: b.bulkOperationId }),
      updateProductMedia: mutation('updateProductMedia', { id: b.mediaId, alt: 'Taken over' }),
      reorderProductMedia: mutation('reorderProductMedia', { productId: b.productId, mediaIds: [b.mediaId] }),
      deleteProductMedia: mutation('deleteProductMedia', { id: b.mediaId }),
      setVariantMedia: mutation('setVariantMedia', { variantId: b.productId, mediaId: b.mediaId }),
      updateCustomer: mutation('updateCustomer', { id: b.customerId, note: 'seen by A' }),
      deleteCustomer: mutation('deleteCustomer', { id: b.customerId }),
      setCustomerTaxExemption: mutation('setCustomerTaxExemption', { customerId: b.customerId, taxExempt: true, reference: 'STOLEN-1' }),
      createCustomerAddress: mutation('createCustomerAddress', { customerId: b.customerId, address }),
      updateCustomerAddress: mutation('updateCustomerAddress', { id: b.addressId, address }),
      deleteCustomerAddress: mutation('deleteCustomerAddress', { id: b.addressId }),
      setDefaultCustomerAddress: mutation('setDefaultCustomerAddress', { id: b.addressId }),
      updateCustomerSegment: mutation('updateCustomerSegment', { id: b.segmentId, name: 'Taken over' }),
      deleteCustomerSegment: mutation('deleteCustomerSegment', { id: b.segmentId }),
      adjustStock: mutation('adjustStock', { productId: b.productId, delta: -6, reason: 'theft', idempotencyKey: randomUUID() }),
      setStock: mutation('setStock', { productId: b.productId, onHand: 0, reason: 'theft', idempotencyKey: randomUUID() }),
      setIncoming: mutation('setIncoming', { variantId: b.productId, locationId: b.locationId, incoming: 99, reason: 'noise', idempotencyKey: randomUUID() }),
      setLowStockThreshold: mutation('setLowStockThreshold', {
        variantId: b.productId,
        lowStockThreshold: 99,
        reason: 'noise',
        idempotencyKey: randomUUID(),
      }),
      transferStock: mutation('transferStock', {
        variantId: b.productId,
        fromLocationId: b.locationId,
        toLocationId: b.backRoomId,
        quantity: 1,
        reason: 'theft',
        idempotencyKey: randomUUID(),
      }),
      updateLocation: mutation('updateLocation', { id: b.backRoomId, name: 'Taken over', active: false }),
      markNotificationRead: mutation('markNotificationRead', { id: b.notificationId }),
      placeOrder: mutation('placeOrder', {
        items: [{ productId: b.productId, quantity: 1 }],
        email: 'mallory@example.com',
        shippingAddress: { name: 'Mallory', line1: '6 Evil Rd', city: 'Nowhere', postalCode: '00000', countryCode: 'US' },
        idempotencyKey: randomUUID(),
      }),
      cancelOrder: mutation('cancelOrder', { orderId: b.orderId, reason: 'sabotage' }),
      dispatchOrder: mutation('dispatchOrder', { orderId: b.orderId, carrier: 'UPS', trackingNumber: 'X' }),
      completeOrder: mutation('completeOrder', { orderId: b.orderId }),
      // after the sale (issue 15): refunds, captures, manual payments, fulfilment, tags: all of them B's order, payment or shipment
      refundOrder: mutation('refundOrder', { orderId: b.orderId, amount: 100, reason: 'sabotage', idempotencyKey: randomUUID() }),
      // a real id of B's (its order's) where a refund id is asked: B's refunds are as unknown to A as anything of B's
      retryRefund: mutation('retryRefund', { refundId: b.orderId }),
      capturePayment: mutation('capturePayment', { paymentId: b.paymentId, idempotencyKey: randomUUID() }),
      markOrderAsPaid: mutation('markOrderAsPaid', { orderId: b.orderId, reference: 'STOLEN-1', idempotencyKey: randomUUID() }),
      cancelOrderRemainder: mutation('cancelOrderRemainder', { orderId: b.orderId, reason: 'sabotage' }),
      markShipmentDelivered: mutation('markShipmentDelivered', { shipmentId: b.shipmentId }),
      setOrderTags: mutation('setOrderTags', { orderId: b.orderId, tags: ['taken-over'] }),
      // apps and API keys (issue 16): B's app and key by id are not found from A
      app: { query: 'query ($id: ID!) { app(id: $id) { id } }', variables: { id: b.appId }, refused: nothing },
      updateAppScopes: mutation('updateAppScopes', { id: b.appId, scopes: ['write_orders', 'read_customers'] }),
      uninstallApp: mutation('uninstallApp', { id: b.appId }),
      createApiKey: mutation('createApiKey', { appId: b.appId }),
      revokeApiKey: mutation('revokeApiKey', { id: b.apiKeyId }),
      // reviews (issue 16): B's review by id is not found from A; A's merchant writes no review at all
      createProductReview: mutation('createProductReview', { productId: b.productId, rating: 1, title: 'Sabotage', body: 'Sabotage.' }),
      updateProductReview: mutation('updateProductReview', { id: b.reviewId, rating: 1 }),
      deleteProductReview: mutation('deleteProductReview', { id: b.reviewId }),
      moderateProductReview: mutation('moderateProductReview', { id: b.reviewId, decision: 'REJECT', reason: 'Sabotage' }),
      // webhooks (issue 16): B's endpoint by its id is unknown to A. B's log holds no delivery (nothing may leave the machine
      // here), so the delivery operations are asked with B's endpoint id: as unknown to A as any id of B's (the apps
      // integration suite asks them with another store's real delivery)
      webhookEndpoint: { query: 'query ($id: ID!) { webhookEndpoint(id: $id) { id } }', variables: { id: b.webhookEndpointId }, refused: nothing },
      webhookDeliveries: {
        query: 'query ($id: ID) { webhookDeliveries(first: 10, filter: { endpointId: $id }) { totalCount } }',
        variables: { id: b.webhookEndpointId },
        refused: nothing,
      },
      webhookDelivery: { query: 'query ($id: ID!) { webhookDelivery(id: $id) { id } }', variables: { id: b.webhookEndpointId }, refused: nothing },
      updateWebhookEndpoint: mutation('updateWebhookEndpoint', { id: b.webhookEndpointId, topics: ['orders.*'] }),
      enableWebhookEndpoint: mutation('enableWebhookEndpoint', { id: b.webhookEndpointId }),
      disableWebhookEndpoint: mutation('disableWebhookEndpoint', { id: b.webhookEndpointId }),
      deleteWebhookEndpoint: mutation('deleteWebhookEndpoint', { id: b.webhookEndpointId }),
      rotateWebhookSecret: mutation('rotateWebhookSecret', { id: b.webhookEndpointId }),
      redeliverWebhook: mutation('redeliverWebhook', { deliveryId: b.webhookEndpointId }),
      replayWebhooks: mutation('replayWebhooks', { endpointId: b.webhookEndpointId, from: '2026-01-01T00:00:00Z', to: '2026-01-20T00:00:00Z' }),
      addOrderTags: mutation('addOrderTags', { orderId: b.orderId, tags: ['taken-over'] }),
      removeOrderTags: mutation('removeOrderTags', { orderId: b.orderId, tags: ['vip'] }),
      // returns (issue 15 item 2): B's return and B's order, by their real ids
      return: { query: 'query ($id: ID!) { return(id: $id) { id } }', variables: { id: b.returnId }, refused: nothing },
      returns: {
        query: 'query ($id: ID!) { returns(first: 100, filter: { orderId: $id }) { totalCount } }',
        variables: { id: b.orderId },
        refused: nothing,
      },
      requestReturn: mutation('requestReturn', { orderId: b.orderId, lines: [{ lineItemId: b.lineItemId, quantity: 1, reason: 'OTHER' }] }),
      approveReturn: mutation('approveReturn', { returnId: b.returnId }),
      rejectReturn: mutation('rejectReturn', { returnId: b.returnId, reason: 'sabotage' }),
      markReturnReceived: mutation('markReturnReceived', { returnId: b.returnId }),
      refundReturn: mutation('refundReturn', { returnId: b.returnId, idempotencyKey: randomUUID() }),
      closeReturn: mutation('closeReturn', { returnId: b.returnId }),
      // the staff's order search, asked for B's customer: A's own orders only, never one of B's
      orders: {
        query: 'query ($id: ID!) { orders(first: 100, filter: { customerId: $id }) { nodes { id } } }',
        variables: { id: b.customerId },
        refused: (answer) => !answer.errors && !JSON.stringify(answer.data).includes(b.orderId),
      },
      processPayment: mutation('processPayment', { orderId: b.orderId, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() }),
      updateStore: mutation('updateStore', { storeId: b.front.storeId, name: 'Taken over' }, forbidden),
      updateStoreTheme: mutation('updateStoreTheme', { storeId: b.front.storeId, customCss: 'body { display: none }' }, forbidden),
      setStoreStatus: mutation('setStoreStatus', { storeId: b.front.storeId, status: 'PAUSED' }, forbidden),
      addStoreStaff: mutation('addStoreStaff', { storeId: b.front.storeId, userId: randomUUID(), role: 'MERCHANT' }, forbidden),
      removeStoreStaff: mutation('removeStoreStaff', { storeId: b.front.storeId, userId: b.staffUserId }, forbidden),
      storeInvitations: { query: 'query ($id: ID!) { storeInvitations(storeId: $id) { id } }', variables: { id: b.front.storeId }, refused: forbidden },
      inviteStoreStaff: mutation('inviteStoreStaff', { storeId: b.front.storeId, userId: randomUUID(), role: 'MERCHANT' }, forbidden),
      changeStoreStaffRole: mutation('changeStoreStaffRole', { storeId: b.front.storeId, userId: b.staffUserId, role: 'MERCHANT' }, forbidden),
      verifyStoreDomain: mutation('verifyStoreDomain', { storeId: b.front.storeId }, forbidden),
      acceptStoreInvitation: mutation('acceptStoreInvitation', { invitationId: randomUUID() }),
      declineStoreInvitation: mutation('declineStoreInvitation', { invitationId: randomUUID() }),
      revokeStoreInvitation: mutation('revokeStoreInvitation', { invitationId: randomUUID() }),
      revokeSession: mutation('revokeSession', { sessionId: randomUUID() }),
      category: { query: 'query ($id: ID!) { category(id: $id) { id } }', variables: { id: b.categoryId }, refused: nothing },
      categories: { query: 'query ($id: ID) { categories(parentId: $id) { id } }', variables: { id: b.categoryId }, refused: nothing },
      collection: { query: 'query ($id: ID!) { collection(id: $id) { id } }', variables: { id: b.collectionId }, refused: nothing },
      createCategory: mutation('createCategory', { name: 'Smuggled', parentId: b.categoryId }),
      updateCategory: mutation('updateCategory', { id: b.categoryId, name: 'Taken over' }),
      moveCategory: mutation('moveCategory', { id: b.categoryId, parentId: a.categoryId }),
      deleteCategory: mutation('deleteCategory', { id: b.categoryId }),
      assignProductCategories: mutation('assignProductCategories', { productId: b.productId, categoryIds: [a.categoryId] }),
      updateCollection: mutation('updateCollection', { id: b.collectionId, title: 'Taken over', published: false }),
      deleteCollection: mutation('deleteCollection', { id: b.collectionId }),
      addProductsToCollection: {
        query: 'mutation ($i: CollectionProductsInput!) { addProductsToCollection(input: $i) { userErrors { code } } }',
        variables: { i: { collectionId: b.collectionId, productIds: [a.productId] } },
        refused: userError,
      },
      removeProductsFromCollection: {
        query: 'mutation ($i: CollectionProductsInput!) { removeProductsFromCollection(input: $i) { userErrors { code } } }',
        variables: { i: { collectionId: b.collectionId, productIds: [b.productId] } },
        refused: userError,
      },
      reorderCollectionProducts: mutation('reorderCollectionProducts', { collectionId: b.collectionId, moves: [{ productId: b.productId, position: 0 }] }),
      shippingZone: { query: 'query ($id: ID!) { shippingZone(id: $id) { id } }', variables: { id: b.shippingZoneId }, refused: nothing },
      shippingMethod: { query: 'query ($id: ID!) { shippingMethod(id: $id) { id } }', variables: { id: b.shippingMethodId }, refused: nothing },
      shippingMethods: {
        query: 'query ($id: ID) { shippingMethods(zoneId: $id) { totalCount } }',
        variables: { id: b.shippingZoneId },
        refused: nothing,
      },
      updateShippingZone: mutation('updateShippingZone', { id: b.shippingZoneId, name: 'Taken over' }),
      deleteShippingZone: mutation('deleteShippingZone', { id: b.shippingZoneId }),
      createShippingMethod: mutation('createShippingMethod', {
        zoneId: b.shippingZoneId,
        name: 'Intruder',
        currencyCode: 'USD',
        rate: { kind: 'FLAT', amount: 1 },
      }),
      updateShippingMethod: mutation('updateShippingMethod', { id: b.shippingMethodId, rate: { kind: 'FLAT', amount: 1 } }),
      deleteShippingMethod: mutation('deleteShippingMethod', { id: b.shippingMethodId }),
      shipment: { query: 'query ($id: ID!) { shipment(id: $id) { id } }', variables: { id: b.shipmentId }, refused: nothing },
      // store B's order with store B's configured carrier
      createShipment: mutation('createShipment', { orderId: b.orderId, shippingMethodId: b.shippingMethodId, trackingNumber: 'X' }),
      updateShipmentTracking: mutation('updateShipmentTracking', { shipmentId: b.shipmentId, status: 'DELIVERED' }),
    };
  };

  it('covers every query and mutation of the API that takes an ID', () => {
    const schema = buildSchema(readFileSync(path.join(root, 'schema', 'api.graphql'), 'utf8'));
    const takesId = (type: GraphQLInputType, seen = new Set<string>()): boolean => {
      const named = getNamedType(type);
      if (named.name === 'ID') return true;
      if (!isInputObjectType(named) || seen.has(named.name)) return false;
      seen.add(named.name);
      return Object.values(named.getFields()).some((field) => takesId(field.type, seen));
    };
    const withIds = [schema.getQueryType()!, schema.getMutationType()!]
      .flatMap((type) => Object.values(type.getFields()))
      .filter((field) => field.args.some((arg) => takesId(arg.type)))
      .map((field) => field.name)
      .sort();
    expect(Object.keys(cases()).sort()).toEqual(withIds);
  });

  it('gives store A’s merchant nothing of store B’s through the gateway, and lets them change nothing', async () => {
    const before = await snapshotOfB();
    const letThrough: string[] = [];
    for (const [field, { query, variables, refused }] of Object.entries(cases())) {
      const answer = await ask(stack.gatewayUrl, query, variables, a.front.merchantToken);
      if (!refused(answer, field)) letThrough.push(`${field}: ${JSON.stringify(answer)}`);
    }
    expect(letThrough).toEqual([]);
    expect(await snapshotOfB()).toEqual(before);
    // and store A's merchant still sees their own store's things
    const own = must(await ask(stack.gatewayUrl, 'query ($id: ID!) { customer(id: $id) { id } }', { id: a.customerId }, a.front.merchantToken));
    expect(own.customer).toEqual({ id: a.customerId });
  });

  it('gives store A’s merchant none of store B’s analytics (issue 16)', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const input = { from: day(-2), to: day(2) };
    const reports = {
      salesReport: 'query ($input: SalesReportInput!) { salesReport(input: $input) { totals { ordersPlaced totalSales { amount } } } }',
      topProducts: 'query ($input: TopProductsInput!) { topProducts(input: $input) { items { productId } } }',
      topVariants: 'query ($input: TopProductsInput!) { topVariants(input: $input) { items { productId } } }',
      customerReport: 'query ($input: CustomerReportInput!) { customerReport(input: $input) { customers } }',
      stockValue: 'query { stockValue { units } }',
    };
    // B's own merchant sees B's order once analytics has counted it: there is something to hide
    await eventually(
      async () => {
        const answer = must(await ask(stack.gatewayUrl, reports.salesReport, { input }, b.front.merchantToken, b.front.storeId));
        return (answer.salesReport as { totals: { ordersPlaced: number } }).totals.ordersPlaced > 0;
      },
      30_000,
      'analytics to count store B’s order',
    );
    // A's merchant naming B's store is only a customer there: every report refused
    for (const [field, query] of Object.entries(reports)) {
      const answer = await ask(stack.gatewayUrl, query, { input }, a.front.merchantToken, b.front.storeId);
      expect([field, answer.errors?.[0]?.extensions?.code]).toEqual([field, 'FORBIDDEN']);
    }
    // and A's own reports hold none of B's products
    for (const field of ['topProducts', 'topVariants'] as const) {
      const own = must(await ask(stack.gatewayUrl, reports[field], { input }, a.front.merchantToken));
      expect((own[field] as { items: { productId: string }[] }).items.map((item) => item.productId)).not.toContain(b.productId);
    }
  });

  it('lets store A’s merchant follow none of store B’s orders or stock', async () => {
    const orders = await subscribe(stack.wsUrl, a.front.merchantToken, 'subscription ($id: ID!) { orderStatusChanged(orderId: $id) { id status } }', {
      id: b.orderId,
    });
    const stock = await subscribe(stack.wsUrl, a.front.merchantToken, 'subscription ($id: ID!) { stockChanged(productId: $id) { id stock } }', {
      id: b.productId,
    });
    try {
      await eventually(async () => orders.errors.length > 0 && stock.errors.length > 0, 10_000, 'both subscriptions refused');
      expect(JSON.stringify([orders.errors, stock.errors])).toMatch(/NOT_FOUND/);
      expect([orders.results, stock.results]).toEqual([[], []]);
    } finally {
      orders.close();
      stock.close();
    }
  });

  it('lets store A’s merchant follow none of store B’s returns', async () => {
    const returns = await subscribe(stack.wsUrl, a.front.merchantToken, 'subscription ($id: ID!) { returnUpdated(returnId: $id) { id status } }', {
      id: b.returnId,
    });
    try {
      await eventually(async () => returns.errors.length > 0, 10_000, 'the subscription refused');
      expect(JSON.stringify(returns.errors)).toMatch(/NOT_FOUND/);
      expect(returns.results).toEqual([]);
    } finally {
      returns.close();
    }
  });

  it('lets store A’s merchant follow none of store B’s bulk operations', async () => {
    const progress = await subscribe(stack.wsUrl, a.front.merchantToken, 'subscription ($id: ID!) { bulkOperationProgress(id: $id) { id status } }', {
      id: b.bulkOperationId,
    });
    try {
      await eventually(async () => progress.errors.length > 0, 10_000, 'the subscription refused');
      expect(JSON.stringify(progress.errors)).toMatch(/NOT_FOUND/);
      expect(progress.results).toEqual([]);
    } finally {
      progress.close();
    }
  });

  it('answers _entities with store B’s keys, at every subgraph reached directly, with nothing of B’s', async () => {
    const entities = async (service: keyof Stack['services'], typename: string, id: string, fields: string) =>
      (
        must(
          await ask(
            stack.services[service].url,
            `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${fields} } } }`,
            { r: [{ __typename: typename, id }] },
            a.front.merchantToken,
          ),
        )._entities as unknown[]
      )[0];
    expect({
      catalogProduct: await entities('catalog', 'Product', b.draftId, 'id title'),
      catalogActiveProduct: await entities('catalog', 'Product', b.productId, 'id title'),
      catalogVariant: await entities('catalog', 'ProductVariant', b.productId, 'id title sku'),
      inventoryProduct: await entities('inventory', 'Product', b.productId, 'stock inventory { onHand }'),
      inventoryVariant: await entities('inventory', 'ProductVariant', b.productId, 'available inStock inventoryLevels { onHand }'),
      order: await entities('orders', 'Order', b.orderId, 'id status'),
      orderPayments: await entities('payments', 'Order', b.orderId, 'payments { id }'),
      payment: await entities('payments', 'Payment', b.paymentId, 'id status'),
      notification: await entities('notifications', 'Notification', b.notificationId, 'id title'),
      customer: await entities('customers', 'Customer', b.customerId, 'id email'),
      segment: await entities('customers', 'CustomerSegment', b.segmentId, 'id name'),
      storeSettings: await entities('stores', 'Store', b.front.storeId, 'settings { orderNumberPrefix }'),
      category: await entities('catalog', 'Category', b.categoryId, 'id name'),
      collection: await entities('catalog', 'Collection', b.collectionId, 'id title'),
      shippingZone: await entities('shipping', 'ShippingZone', b.shippingZoneId, 'id name'),
      shippingMethod: await entities('shipping', 'ShippingMethod', b.shippingMethodId, 'id name'),
      shipment: await entities('shipping', 'Shipment', b.shipmentId, 'id status'),
      orderShipments: await entities('shipping', 'Order', b.orderId, 'shipments { id }'),
      productReviews: await entities('reviews', 'Product', b.productId, 'rating { count } reviews { totalCount }'),
      webhookEndpoint: await entities('apps', 'WebhookEndpoint', b.webhookEndpointId, 'id url'),
    }).toEqual({
      catalogProduct: null,
      catalogActiveProduct: null,
      catalogVariant: null,
      inventoryProduct: { stock: 0, inventory: null },
      inventoryVariant: { available: 0, inStock: false, inventoryLevels: null },
      order: null,
      orderPayments: { payments: [] },
      payment: null,
      notification: null,
      customer: null,
      segment: null,
      storeSettings: { settings: null },
      category: null,
      collection: null,
      shippingZone: null,
      shippingMethod: null,
      shipment: null,
      orderShipments: { shipments: [] },
      productReviews: { rating: { count: 0 }, reviews: { totalCount: 0 } },
      webhookEndpoint: null,
    });
    // the same keys in their own store resolve: the answers above are isolation, not broken references
    const own = await ask(
      stack.services.customers.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }',
      { r: [{ __typename: 'Customer', id: b.customerId }] },
      b.front.merchantToken,
    );
    expect(must(own)._entities).toEqual([{ id: b.customerId }]);
  });
});
