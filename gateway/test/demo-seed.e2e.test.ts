import { execSync } from 'node:child_process';
import { GraphQLClient } from 'graphql-request';
import { getSdk } from '../../schema/generated/sdk';
import { dropDatabases, root, startStack, type Stack } from '../../scripts/lib/stack';
import { seedDemoStore, type SeededDemo } from '../../scripts/lib/seeder';
import { startMailCatcher, type MailCatcher } from '../../scripts/lib/mail-catcher';
import {
  DEMO_CATEGORIES,
  DEMO_COLLECTIONS,
  DEMO_SEGMENTS,
  DEMO_SHOPPER,
  DEMO_STAFF,
  SECOND_OWNER_ID,
  demoCustomers,
  demoOrders,
  demoProducts,
  secondStoreProducts,
} from '../../scripts/lib/seed-data';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';

/** The status each planned outcome leaves the order in. */
const STATUS_OF = {
  CREATED: 'CREATED',
  CANCELLED: 'CANCELLED',
  DECLINED: 'PAYMENT_FAILED',
  CONFIRMED: 'CONFIRMED',
  CONFIRMED_AFTER_DECLINE: 'CONFIRMED',
  DISPATCHED: 'FULFILLED',
  COMPLETED: 'COMPLETED',
} as const;

const CUSTOMERS = `query { customers(first: 20) { totalCount nodes { email ordersCount userId totalSpent { amount } addresses { id } defaultAddress { countryCode } } } }`;
const SEGMENTS = `query { customerSegments(first: 100) { totalCount nodes { id name customerCount } } }`;
const MY_PROFILE = `query { myCustomerProfile { email userId ordersCount } }`;
const USER_VERIFIED = `query ($email: String!) { users(first: 1, filter: { email: $email }) { nodes { isVerified } } }`;

interface SeededCustomer {
  email: string;
  ordersCount: number;
  userId: string | null;
  totalSpent: { amount: number };
  addresses: { id: string }[];
  defaultAddress: { countryCode: string } | null;
}

/** Runs a token command as printed by `npm start`, the way a developer pastes it. */
function tokenFrom(command: string): string {
  return execSync(command, { cwd: root, encoding: 'utf8' }).trim();
}

/** How many of `values` there are of each. */
function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** The demo data `npm start` seeds, seen through the gateway by its owner, staff member and shopper; and seeded twice. */
describe('the demo seed', () => {
  const plan = demoOrders();
  const customers = demoCustomers();
  let stack: Stack;
  /** Where notifications sends the stack's email; the seed reads the verification emails from it, as under `npm start`. */
  let mailCatcher: MailCatcher;
  let first: SeededDemo;
  let second: SeededDemo;
  let countsAfterFirst: Record<string, number>;
  let owner: GraphQLClient;

  const client = (token: string | null, storeId?: string) =>
    new GraphQLClient(stack.gatewayUrl, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(storeId ? { 'x-store-id': storeId } : {}) } });

  /** Everything the seed makes, counted as the demo store's owner (and the second store's) sees it. */
  async function counts(): Promise<Record<string, number>> {
    const sdk = getSdk(owner);
    const secondOwner = getSdk(client(tokenFrom(`npm run --silent token -- --role MERCHANT --store ${first.secondStoreId} --user ${SECOND_OWNER_ID}`)));
    const shopper = getSdk(client(tokenFrom(first.tokenCommands.shopper), first.storeId));
    const [products, customerList, orders, segments, staff, secondProducts, shopperOrders] = await Promise.all([
      sdk.Products({ first: 1 }),
      sdk.Customers({ first: 1 }),
      sdk.Orders({ first: 1 }),
      owner.request<{ customerSegments: { totalCount: number } }>(SEGMENTS),
      sdk.StoreStaff({ storeId: first.storeId }),
      secondOwner.Products({ first: 1 }),
      shopper.Orders({ first: 1 }),
    ]);
    return {
      products: products.products.totalCount,
      customers: customerList.customers.totalCount,
      orders: orders.orders.totalCount,
      segments: segments.customerSegments.totalCount,
      staff: staff.storeStaff.length,
      secondStoreProducts: secondProducts.products.totalCount,
      shopperOrders: shopperOrders.orders.totalCount,
    };
  }

  beforeAll(async () => {
    mailCatcher = (await startMailCatcher({ log: () => {}, host: '127.0.0.1', port: 0, quiet: true }))!;
    stack = await startStack({
      namespace: uniqueSuiteName('seed'),
      env: { SMTP_PORT: String(mailCatcher.port), NOTIFICATIONS_EMAIL_POLL_MS: '200', DATABASE_POOL_SIZE: '4' },
    });
    first = await seedDemoStore({ gatewayUrl: stack.gatewayUrl, mailbox: mailCatcher });
    owner = client(tokenFrom(first.tokenCommands.owner));
    countsAfterFirst = await counts();
    second = await seedDemoStore({ gatewayUrl: stack.gatewayUrl, mailbox: mailCatcher });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await mailCatcher?.close();
    if (stack) await dropDatabases(stack.databaseNames);
  });

  it('gives the owner 10 customers with addresses, whose order counts and totals come from their orders', async () => {
    const ordersPerEmail = tally(plan.map((order) => customers[order.customer].email));
    const seen = await eventually(
      async () => {
        const { customers: list } = await owner.request<{ customers: { totalCount: number; nodes: SeededCustomer[] } }>(CUSTOMERS);
        const settled = list.nodes.every((customer) => customer.ordersCount === (ordersPerEmail[customer.email] ?? 0));
        return settled && list;
      },
      20_000,
      'every customer’s order count',
    );
    expect(seen.totalCount).toBe(10);
    expect(new Set(seen.nodes.map((customer) => customer.email))).toEqual(new Set(customers.map((customer) => customer.email)));
    for (const customer of seen.nodes) {
      const planned = customers.find((candidate) => candidate.email === customer.email)!;
      expect(customer.addresses).toHaveLength(planned.addresses.length);
      expect(customer.defaultAddress?.countryCode).toBe(planned.addresses[0].countryCode);
    }
    expect(seen.nodes.filter((customer) => customer.ordersCount >= 2).length).toBeGreaterThanOrEqual(4);
    // the seed verified the shopper's email, so customers linked her account to her customer record
    const shopper = seen.nodes.find((customer) => customer.email === DEMO_SHOPPER.email)!;
    expect(shopper.userId).toBe(first.shopperUserId);
    await eventually(
      async () => {
        const { customers: list } = await owner.request<{ customers: { nodes: SeededCustomer[] } }>(CUSTOMERS);
        return list.nodes.find((customer) => customer.email === DEMO_SHOPPER.email)!.totalSpent.amount > 0;
      },
      20_000,
      'the shopper’s total spent',
    );
  });

  it('gives the owner about 30 orders in every status, with a cancelled one and declined payments', async () => {
    const sdk = getSdk(owner);
    const { orders } = await sdk.Orders({ first: 100 });
    expect(orders.totalCount).toBe(plan.length);
    expect(plan.length).toBeGreaterThanOrEqual(30);
    expect(tally(orders.nodes.map((order) => order.status))).toEqual(tally(plan.map((order) => STATUS_OF[order.outcome])));
    expect(new Set(orders.nodes.map((order) => order.status))).toEqual(
      new Set(['CREATED', 'CANCELLED', 'PAYMENT_FAILED', 'CONFIRMED', 'FULFILLED', 'COMPLETED']),
    );
    const cancelled = orders.nodes.filter((order) => order.status === 'CANCELLED');
    expect(cancelled.every((order) => order.cancelReason === 'Customer changed their mind' && order.paymentStatus === 'UNPAID')).toBe(true);
    expect(orders.nodes.filter((order) => order.status === 'COMPLETED').every((order) => order.paymentStatus === 'PAID')).toBe(true);

    const paymentsOf = async (status: string) =>
      Promise.all(
        orders.nodes
          .filter((order) => order.status === status)
          .map(async (order) => (await sdk.OrderPayments({ id: order.id })).order!.payments.map((payment) => payment.status)),
      );
    expect(await paymentsOf('PAYMENT_FAILED')).toEqual([['FAILED'], ['FAILED']]);
    expect(await paymentsOf('CONFIRMED')).toContainEqual(['FAILED', 'SUCCEEDED']);
    expect(await paymentsOf('CREATED')).toEqual([[], [], []]);

    const day = 24 * 3600 * 1000;
    const { orderAnalytics } = await sdk.OrderAnalytics({
      input: { from: new Date(Date.now() - day).toISOString(), to: new Date(Date.now() + day).toISOString() },
    });
    expect(orderAnalytics.ordersCount).toBe(plan.length);
    expect(orderAnalytics.revenue.amount).toBeGreaterThan(0);
  });

  it('has the “Repeat buyers” segment, whose members are the customers with two orders or more', async () => {
    const { customerSegments } = await owner.request<{ customerSegments: { nodes: { id: string; name: string; customerCount: number }[] } }>(SEGMENTS);
    expect(customerSegments.nodes.map((segment) => segment.name)).toEqual(DEMO_SEGMENTS.map((segment) => segment.name));
    const repeat = customerSegments.nodes.find((segment) => segment.name === 'Repeat buyers')!;
    const ordersPerEmail = tally(plan.map((order) => customers[order.customer].email));
    const expected = Object.keys(ordersPerEmail).filter((email) => ordersPerEmail[email] >= 2);
    const members = await eventually(
      async () => {
        const { segmentCustomers } = await getSdk(owner).SegmentCustomers({ segmentId: repeat.id, first: 100 });
        const emails = segmentCustomers.nodes.map((customer) => customer.email);
        return emails.length === expected.length && emails;
      },
      20_000,
      'the segment’s members',
    );
    expect(new Set(members)).toEqual(new Set(expected));
  });

  it('has the staff member in storeStaff, and their token works in the store', async () => {
    const { storeStaff } = await getSdk(owner).StoreStaff({ storeId: first.storeId });
    expect(storeStaff).toContainEqual(expect.objectContaining({ userId: first.staffUserId, role: 'STORE_STAFF' }));
    const staff = getSdk(client(tokenFrom(first.tokenCommands.staff)));
    expect((await staff.Orders({ first: 1 })).orders.totalCount).toBe(plan.length);
    expect((await staff.Customers({ first: 1 })).customers.totalCount).toBe(10);
  });

  it('shows the shopper their own orders and customer profile, her email verified from the verification email', async () => {
    const token = tokenFrom(first.tokenCommands.shopper);
    const shopper = getSdk(client(token, first.storeId));
    const mine = plan.filter((order) => customers[order.customer].email === DEMO_SHOPPER.email);
    const { orders } = await shopper.Orders({ first: 100 });
    expect(orders.totalCount).toBe(mine.length);
    expect(orders.nodes.every((order) => order.email === DEMO_SHOPPER.email && order.customerId === first.shopperUserId)).toBe(true);
    const profile = await eventually(
      async () =>
        (await client(token, first.storeId).request<{ myCustomerProfile: { email: string; userId: string; ordersCount: number } | null }>(MY_PROFILE))
          .myCustomerProfile,
      20_000,
      'the shopper’s customer profile',
    );
    expect(profile).toEqual({ email: DEMO_SHOPPER.email, userId: first.shopperUserId, ordersCount: mine.length });

    const admin = client(tokenFrom('npm run --silent token -- --role PLATFORM_ADMIN --user 5eed5eed-0000-4000-8000-0000000000ad'));
    for (const email of [DEMO_SHOPPER.email, DEMO_STAFF.email]) {
      const { users } = await admin.request<{ users: { nodes: { isVerified: boolean }[] } }>(USER_VERIFIED, { email });
      expect(users.nodes).toEqual([{ isVerified: true }]);
    }
    expect(mailCatcher.messages().filter((email) => /confirm your email/i.test(email.subject))).toHaveLength(2);
    expect(first.created).toMatchObject({ users: 2, verified: 2, shippingZones: 2, shippingMethods: 3, promotions: 1, taxRules: 2 });
  });

  it('sells apparel in sizes and colours, each variant with its SKU and price, and keeps the rest single-variant', async () => {
    const sdk = getSdk(owner);
    const products = demoProducts();
    const multi = products.filter((product) => product.input.variants);
    expect(multi.length).toBeGreaterThanOrEqual(3);
    const listed: { products: { nodes: { id: string; handle: string }[] } } = await owner.request(`query { products(first: 50) { nodes { id handle } } }`);
    const idOf = new Map(listed.products.nodes.map((node) => [node.handle, node.id]));
    for (const planned of products) {
      const { product } = await sdk.ProductWithVariants({ id: idOf.get(planned.handle)! });
      if (planned.input.variants) {
        expect(product!.options.map((option) => option.name)).toEqual(planned.input.options!.map((option) => option.name));
        expect(product!.variants.map((variant) => [variant.sku, variant.price.amount]).sort()).toEqual(
          planned.input.variants.map((variant) => [variant.sku, variant.price.amount]).sort(),
        );
      } else {
        expect(product!.variants).toHaveLength(1);
      }
    }
  });

  it('keeps stock at two locations, the second one "Warehouse"', async () => {
    const sdk = getSdk(owner);
    const { locations } = await sdk.Locations({ first: 10 });
    expect(locations.nodes.map((location) => location.name).sort()).toEqual(['Default', 'Warehouse']);
    const warehouse = locations.nodes.find((location) => location.name === 'Warehouse')!;
    const held: { inventory: { nodes: { locationId: string; onHand: number }[] } } = await owner.request(
      `query { inventory(first: 100) { nodes { locationId onHand } } }`,
    );
    expect(held.inventory.nodes.filter((item) => item.locationId === warehouse.id && item.onHand > 0).length).toBeGreaterThan(5);
  });

  it('shows an uploaded image on every product, served back through the gateway', async () => {
    const page: { products: { nodes: { handle: string; media: { url: string; width: number | null; contentType: string | null }[] }[] } } = await owner.request(
      `query { products(first: 50) { nodes { handle media { url width contentType } } } }`,
    );
    expect(page.products.nodes).toHaveLength(50);
    for (const product of page.products.nodes) expect(product.media).toEqual([{ url: expect.any(String), width: 64, contentType: 'image/png' }]);
    const served = await fetch(`${new URL(stack.gatewayUrl).origin}${new URL(page.products.nodes[0].media[0].url).pathname}`);
    expect(served.status).toBe(200);
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(1, 4)
        .toString('ascii'),
    ).toBe('PNG');
  });

  it('files products in a category tree (Apparel › Men › Tops …), counting each category’s descendants', async () => {
    const tops: { categoryByHandle: { breadcrumbs: { name: string }[]; products: { totalCount: number } } } = await owner.request(
      `query { categoryByHandle(handle: "men-tops") { breadcrumbs { name } products(first: 1) { totalCount } } }`,
    );
    expect(tops.categoryByHandle.breadcrumbs.map((category) => category.name)).toEqual(['Apparel', 'Men', 'Tops']);
    expect(tops.categoryByHandle.products.totalCount).toBe(DEMO_CATEGORIES.find((category) => category.handle === 'men-tops')!.products.length);
    const roots: { categories: { handle: string }[] } = await owner.request(`query { categories { handle } }`);
    expect(roots.categories.map((category) => category.handle).sort()).toEqual(
      DEMO_CATEGORIES.filter((category) => !category.parent)
        .map((category) => category.handle)
        .sort(),
    );
  });

  it('has a manual "Staff picks" collection and an automated "Summer sale" holding the products tagged summer', async () => {
    const sdk = getSdk(owner);
    const picks = await sdk.CollectionByHandle({ handle: 'staff-picks', first: 20 });
    const staffPicks = DEMO_COLLECTIONS.find((collection) => collection.handle === 'staff-picks')!;
    expect(picks.collectionByHandle).toMatchObject({ title: 'Staff picks', kind: 'MANUAL' });
    expect(picks.collectionByHandle!.products.nodes.map((product) => product.handle)).toEqual(staffPicks.products);
    const summerHandles = demoProducts()
      .filter((product) => product.input.tags?.includes('summer'))
      .map((product) => product.handle)
      .sort();
    const summer = await eventually(
      async () => {
        const { collectionByHandle } = await sdk.CollectionByHandle({ handle: 'summer-sale', first: 20 });
        return collectionByHandle?.products.nodes.length === summerHandles.length ? collectionByHandle : undefined;
      },
      15_000,
      'Summer sale to hold the summer products',
    );
    expect(summer).toMatchObject({ title: 'Summer sale', kind: 'AUTOMATED' });
    expect(summer.products.nodes.map((product) => product.handle).sort()).toEqual(summerHandles);
  });

  it('keeps the second store to itself: the demo owner sees none of its products', async () => {
    const secondOwner = getSdk(client(tokenFrom(`npm run --silent token -- --role MERCHANT --store ${first.secondStoreId} --user ${SECOND_OWNER_ID}`)));
    const { products: theirs } = await secondOwner.Products({ first: 100 });
    const theirNodes = theirs.edges.map((edge) => edge.node);
    expect(new Set(theirNodes.map((product) => product.title))).toEqual(new Set(secondStoreProducts().map((product) => product.input.title)));
    const demo = getSdk(owner);
    const { products: ours } = await demo.Products({ first: 100 });
    const theirIds = new Set(theirNodes.map((product) => product.id));
    expect(ours.totalCount).toBe(50);
    expect(ours.edges.filter((edge) => theirIds.has(edge.node.id))).toEqual([]);
    for (const id of theirIds) expect((await demo.ProductById({ id })).product).toBeNull();
    expect(first.secondStoreId).not.toBe(first.storeId);
  });

  it('creates nothing on a second run: it replays no order and adds no row', async () => {
    expect(second).toMatchObject({
      storeId: first.storeId,
      secondStoreId: first.secondStoreId,
      staffUserId: first.staffUserId,
      shopperUserId: first.shopperUserId,
    });
    expect(second.tokenCommands).toEqual(first.tokenCommands);
    expect(second.created).toEqual({
      stores: 0,
      products: 0,
      users: 0,
      verified: 0,
      staff: 0,
      customers: 0,
      addresses: 0,
      orders: 0,
      segments: 0,
      locations: 0,
      images: 0,
      categories: 0,
      collections: 0,
      shippingZones: 0,
      shippingMethods: 0,
      promotions: 0,
      taxRules: 0,
    });
    expect(await counts()).toEqual(countsAfterFirst);
    expect(countsAfterFirst).toMatchObject({
      products: 50,
      customers: 10,
      orders: plan.length,
      segments: DEMO_SEGMENTS.length,
      staff: 2,
      secondStoreProducts: 5,
    });
  });
});
