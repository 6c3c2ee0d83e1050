'use strict';
/**
 * Seeds the demo data through the gateway, like any client would (data in seed-data.js, steps in
 * seed/*.js): the demo store with its products (variants, images, stock at two locations, a
 * category tree, two collections, shipping zones and methods, a discount code and tax rules), its staff member, 10 customers with addresses,
 * about 30 orders in every status, its segments; and a second store with its own owner and
 * products. Idempotent: stores are found among their owners' stores, users by email, products by
 * handle, customers by email, segments by name, staff in the store's staff list, and orders by
 * their count (each one also by its idempotency key), so running it again creates nothing and
 * takes a second or two.
 */
const data = require('./seed-data');
const { devTokenFor, tokenCommandFor, graphqlClient } = require('./seed/client');
const { ensureStore } = require('./seed/stores');
const { seedProducts } = require('./seed/products');
const { ensureUser } = require('./seed/users');
const { verifyRegisteredEmail } = require('./seed/verification');
const { ensureStaffMember } = require('./seed/staff');
const { seedCustomers } = require('./seed/customers');
const { seedOrders } = require('./seed/orders');
const { ensureSegments } = require('./seed/segments');
const { ensureLocation, spreadStock } = require('./seed/locations');
const { seedImages } = require('./seed/media');
const { seedCategories } = require('./seed/categories');
const { seedCollections } = require('./seed/collections');
const { seedShipping } = require('./seed/shipping');
const { seedPricing } = require('./seed/pricing');

/** The platform admin the seed looks users up as (a development token only; no account behind it). */
const SEED_ADMIN_ID = '5eed5eed-0000-4000-8000-0000000000ad';

const owner = (userId, storeId) => ({ roles: 'MERCHANT', storeId, userId });
const staffMember = (userId, storeId) => ({ roles: 'STORE_STAFF', storeId, userId });
const shopper = (userId) => ({ roles: 'CUSTOMER', userId });

/** The command a developer pastes to get a token of the demo store's owner, acting for it. */
function tokenCommand(storeId) {
  return tokenCommandFor(owner(data.DEMO_OWNER_ID, storeId));
}

/** A store of `ownerId` (found or created) with `products`, as its merchant sees it. */
async function seedStore(gatewayUrl, ownerId, storeInput, products, options) {
  const { storeId, created } = await ensureStore(graphqlClient(gatewayUrl, await devTokenFor(shopper(ownerId))), storeInput);
  const merchant = graphqlClient(gatewayUrl, await devTokenFor(owner(ownerId, storeId)));
  const catalogue = await seedProducts(merchant, products, options);
  options.log(
    `${storeInput.name}: store ${storeId} (${created ? 'created' : 'already there'}); products: ${catalogue.created} created, ` +
      `${catalogue.existing} already there, ${catalogue.stocked} stocked; it has ${catalogue.totalCount}`,
  );
  return {
    storeId,
    storeCreated: created,
    merchant,
    catalogue,
    productIds: catalogue.ids,
    productsCreated: catalogue.created,
    productCount: catalogue.totalCount,
  };
}

/**
 * What the demo store shows beyond its products: a second location holding part of the stock, an
 * image per product, the category tree with its products filed, the two collections, and the shipping zones
 * with their methods. Each part finds what it made before (location by code, images on the product, categories
 * and collections by handle, zones and methods by name), so a repeat adds nothing.
 */
async function seedMerchandising(gatewayUrl, demo, log) {
  const { merchant, catalogue } = demo;
  const products = data.demoProducts();
  const location = await ensureLocation(merchant, data.DEMO_LOCATION);
  const freshVariants = catalogue.fresh.map((product) => ({ variantId: catalogue.nodes.get(product.handle).variants[0].id, stock: product.stock }));
  const moved = location.defaultId ? await spreadStock(merchant, location.defaultId, location.id, freshVariants) : 0;
  const listed = products
    .filter((product) => catalogue.nodes.has(product.handle))
    .map((product) => ({ ...catalogue.nodes.get(product.handle), title: product.input.title }));
  const images = await seedImages(merchant, gatewayUrl, listed);
  const categories = await seedCategories(merchant, data.DEMO_CATEGORIES, catalogue.nodes);
  const collections = await seedCollections(merchant, data.DEMO_COLLECTIONS, catalogue.ids);
  const shipping = await seedShipping(merchant, data.DEMO_SHIPPING_ZONES);
  const pricing = await seedPricing(merchant, data.DEMO_PROMOTIONS, data.DEMO_TAX_RULES);
  log(
    `merchandising: location ${data.DEMO_LOCATION.name} (${location.created ? 'created' : 'already there'}, ${moved} variants moved part of their stock there); ` +
      `${images} images uploaded; ${categories.created} categories created, ${categories.assigned} products filed; ${collections.created} collections created; ` +
      `${shipping.zones} shipping zones and ${shipping.methods} shipping methods created; ` +
      `${pricing.promotions} discount codes and ${pricing.taxRules} tax rules created`,
  );
  return {
    locations: location.created ? 1 : 0,
    images,
    categories: categories.created,
    collections: collections.created,
    shippingZones: shipping.zones,
    shippingMethods: shipping.methods,
    promotions: pricing.promotions,
    taxRules: pricing.taxRules,
  };
}

/**
 * The demo store's registered users (staff member and shopper): found by email, or registered. Those
 * registered now are verified from their verification email when `mailbox` (the mail catcher) can
 * read it: customers links a user to their customer record only through a verified email.
 */
async function seedUsers(gatewayUrl, log, mailbox) {
  const admin = graphqlClient(gatewayUrl, await devTokenFor({ roles: 'PLATFORM_ADMIN', userId: SEED_ADMIN_ID }));
  const anonymous = graphqlClient(gatewayUrl, null);
  const people = [data.DEMO_STAFF, data.DEMO_SHOPPER];
  const [staff, buyer] = await Promise.all(people.map((user) => ensureUser(admin, anonymous, user)));
  // made now, in parallel with the stores (each token is a node start); awaited before the orders
  devTokenFor(shopper(buyer.userId)).catch(() => {});
  const registered = [staff, buyer].filter((user) => user.created).length;
  log(`users: staff ${data.DEMO_STAFF.email} and shopper ${data.DEMO_SHOPPER.email} (${registered} registered now)`);

  const unverified = [staff, buyer].map((user, index) => ({ ...user, email: people[index].email })).filter((user) => !user.verified);
  const attempted = mailbox ? unverified.filter((user) => user.created) : [];
  const outcomes = await Promise.allSettled(attempted.map((user) => verifyRegisteredEmail(anonymous, mailbox, user)));
  const verified = attempted.filter((_, index) => outcomes[index].status === 'fulfilled');
  if (verified.length > 0) log(`verified from their verification emails: ${verified.map((user) => user.email).join(', ')}`);
  const left = unverified.filter((user) => !verified.includes(user));
  if (left.length > 0) {
    const why = outcomes.find((outcome) => outcome.status === 'rejected')?.reason?.message ?? 'no mail catcher to read the verification email from';
    log(
      `not verified (${why}): ${left.map((user) => user.email).join(', ')}, so customers does not link them to their customer record; ` +
        'verify with mutation verifyEmail(input: { token }) and the token in the verification email (npm start prints caught emails)',
    );
  }
  return { staffUserId: staff.userId, shopperUserId: buyer.userId, registered, verified: verified.length };
}

/**
 * @param {object} options
 * @param {string} options.gatewayUrl e.g. http://127.0.0.1:4000/graphql
 * @param {(message: string) => void} [options.log]
 * @param {number} [options.stockTimeoutMs] how long to wait for each inventory item to appear
 * @param {{ waitForEmail: Function }} [options.mailbox] the mail catcher notifications sends to: users registered now are verified
 * @returns {Promise<{ storeId: string, secondStoreId: string, staffUserId: string, shopperUserId: string,
 *   tokenCommands: { owner: string, staff: string, shopper: string }, created: Record<string, number>, totalCount: number }>}
 *   created: what this run made (orders: placed or taken up again), by kind; totalCount: the demo store's products
 */
async function seedDemoStore(options) {
  const log = options.log ?? (() => {});
  const { gatewayUrl } = options;
  const storeOptions = { log, stockTimeoutMs: options.stockTimeoutMs };
  const [demo, second, users] = await Promise.all([
    seedStore(gatewayUrl, data.DEMO_OWNER_ID, data.DEMO_STORE, data.demoProducts(), storeOptions),
    seedStore(gatewayUrl, data.SECOND_OWNER_ID, data.SECOND_STORE, data.secondStoreProducts(), storeOptions),
    seedUsers(gatewayUrl, log, options.mailbox),
  ]);

  const [staff, customers] = await Promise.all([
    ensureStaffMember(demo.merchant, demo.storeId, users.staffUserId, graphqlClient(gatewayUrl, await devTokenFor(shopper(users.staffUserId)))),
    seedCustomers(demo.merchant, data.demoCustomers()),
  ]);
  log(`staff: ${data.DEMO_STAFF.email} ${staff.created ? 'added' : 'already there'}`);
  log(`customers: ${customers.created} created, ${customers.existing} already there, ${customers.addresses} addresses added`);
  const merchandising = await seedMerchandising(gatewayUrl, demo, log);

  const guest = graphqlClient(gatewayUrl, null, demo.storeId);
  const shopperToken = await devTokenFor(shopper(users.shopperUserId));
  const signedIn = graphqlClient(gatewayUrl, shopperToken, demo.storeId);
  const orders = await seedOrders(
    {
      merchant: demo.merchant,
      // the registered shopper places their orders signed in (so they are theirs); everyone else checks out as a guest
      buyerOf: (customer) => (customer.email === data.DEMO_SHOPPER.email ? signedIn : guest),
      customers: data.demoCustomers(),
      productIds: demo.productIds,
      // a product sold in several variants is ordered by one of them
      variantIds: new Map([...demo.catalogue.nodes].map(([handle, node]) => [handle, node.variants.map((variant) => variant.id)])),
      paymentTokens: data.PAYMENT_TOKENS,
    },
    data.demoOrders(),
  );
  log(orders.skipped ? 'orders: already there' : `orders: ${orders.driven} placed and driven (${JSON.stringify(orders.statuses)})`);

  const segments = await ensureSegments(demo.merchant, data.DEMO_SEGMENTS);
  log(`segments: ${segments.created} created, ${segments.existing} already there`);

  return {
    storeId: demo.storeId,
    secondStoreId: second.storeId,
    staffUserId: users.staffUserId,
    shopperUserId: users.shopperUserId,
    tokenCommands: {
      owner: tokenCommand(demo.storeId),
      staff: tokenCommandFor(staffMember(users.staffUserId, demo.storeId)),
      shopper: tokenCommandFor(shopper(users.shopperUserId)),
    },
    created: {
      stores: [demo, second].filter((store) => store.storeCreated).length,
      products: demo.productsCreated + second.productsCreated,
      users: users.registered,
      verified: users.verified,
      staff: staff.created ? 1 : 0,
      customers: customers.created,
      addresses: customers.addresses,
      orders: orders.driven,
      segments: segments.created,
      ...merchandising,
    },
    totalCount: demo.productCount,
  };
}

module.exports = { seedDemoStore, tokenCommand };
