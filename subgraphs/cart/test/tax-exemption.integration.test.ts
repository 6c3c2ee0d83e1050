import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import type * as CartSubgraphModule from '../src/cart.subgraph';
import { productWith, upstreamEvents } from './support/upstream-events';
import { CREATE_CART, SET_ADDRESSES, type CartPayloadResult } from './support/cart-operations';
import { CREATE_TAX_RULE, TAXED_CART, type TaxedCartResult } from './support/tax-rule-operations';

describe('cart subgraph: tax-exempt customers', () => {
  let cart: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => cart);
  const storeId = randomUUID();
  const store = { 'x-store-id': storeId };
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const tee = productWith([2000]);
  const address = { line1: '1 Main St', city: 'Vancouver', provinceCode: 'BC', countryCode: 'CA', postalCode: 'V5K 0A1' };

  const request = async <T>(query: string, variables: Record<string, unknown>, token?: string) => {
    const result = await cart.client(token, store).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  /** customers.<kind> as the customers subgraph publishes it (schema/events.md), handled by cart. */
  const customerEvent = async (
    kind: 'created' | 'updated' | 'deleted',
    customer: { id: string; userId: string | null; taxExempt: boolean },
    version: number,
  ) => {
    const event = await events.publish(
      `customers.${kind}`,
      storeId,
      customer.id,
      {
        customerId: customer.id,
        email: `${customer.id}@example.com`,
        userId: customer.userId,
        ordersCount: 0,
        totalSpent: { amount: 0, currencyCode: 'USD' },
        taxExempt: customer.taxExempt,
      },
      version,
    );
    await events.handled(storeId, event.id);
  };
  const status = async (customerId: string) =>
    (await owner.query(`SELECT user_id, tax_exempt, deleted, version FROM customer_tax_status WHERE customer_id = $1`, [customerId]))[0];
  /** A cart of 2 tees shipping to BC, signed in as `userId` or a guest with `email`. */
  const taxableCart = async (shopper: { userId?: string; email?: string }) => {
    const token = shopper.userId ? tokenFor([Role.CUSTOMER], storeId, shopper.userId) : undefined;
    const made = (
      await request<{ createCart: CartPayloadResult }>(
        CREATE_CART,
        { input: { lines: [{ variantId: tee.productId, quantity: 2 }], email: shopper.email ?? null } },
        token,
      )
    ).createCart;
    expect(made.userErrors).toEqual([]);
    const target = { cartId: made.cart!.id, cartToken: made.cartToken ?? null };
    await request(SET_ADDRESSES, { input: { ...target, shippingAddress: address } }, token);
    return async () => (await request<{ cart: TaxedCartResult }>(TAXED_CART, { id: target.cartId, token: target.cartToken }, token)).cart;
  };

  beforeAll(async () => {
    const { cartSubgraph } = jest.requireActual<typeof CartSubgraphModule>('../src/cart.subgraph');
    cart = await startTestSubgraph(cartSubgraph);
    owner = await openOwnerConnection(cart.runtime.config);
    await events.storeCreated(storeId, 'USD');
    await events.productEvent(storeId, tee.productId, 1, tee.variants);
    const rule = await request<{ createTaxRule: { userErrors: unknown[] } }>(
      CREATE_TAX_RULE,
      { input: { title: 'GST', countryCode: 'CA', rateBasisPoints: 500 } },
      merchant,
    );
    expect(rule.createTaxRule.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await owner?.destroy();
    await cart?.close();
  });

  it('keeps customer_tax_status from customer events in version order: an older event never undoes a newer one, a deletion stays', async () => {
    const customer = { id: randomUUID(), userId: null as string | null, taxExempt: false };
    await customerEvent('created', customer, 1);
    expect(await status(customer.id)).toEqual({ user_id: null, tax_exempt: false, deleted: false, version: 1 });

    const userId = randomUUID();
    await customerEvent('updated', { ...customer, userId, taxExempt: true }, 3);
    expect(await status(customer.id)).toEqual({ user_id: userId, tax_exempt: true, deleted: false, version: 3 });
    // version 2 (taxable, not linked yet) arrives late: it changes nothing
    await customerEvent('updated', { ...customer, taxExempt: false }, 2);
    expect(await status(customer.id)).toEqual({ user_id: userId, tax_exempt: true, deleted: false, version: 3 });
    // a redelivered version 3 neither
    await customerEvent('updated', { ...customer, userId, taxExempt: false }, 3);
    expect(await status(customer.id)).toEqual({ user_id: userId, tax_exempt: true, deleted: false, version: 3 });

    await customerEvent('deleted', { ...customer, userId, taxExempt: true }, 3);
    expect(await status(customer.id)).toEqual({ user_id: null, tax_exempt: false, deleted: true, version: 3 });
    await customerEvent('updated', { ...customer, userId, taxExempt: true }, 4);
    expect(await status(customer.id)).toEqual({ user_id: null, tax_exempt: false, deleted: true, version: 3 });
  });

  it("charges an exempt customer's signed-in cart no tax, while a guest cart with their email and another customer's cart pay it", async () => {
    const exemptUser = randomUUID();
    const exempt = { id: randomUUID(), userId: exemptUser, taxExempt: false };
    const exemptEmail = `${exempt.id}@example.com`;
    await customerEvent('created', exempt, 1);
    const otherUser = randomUUID();
    await customerEvent('created', { id: randomUUID(), userId: otherUser, taxExempt: false }, 1);

    const exemptCart = await taxableCart({ userId: exemptUser });
    const guestCart = await taxableCart({ email: exemptEmail });
    const otherCart = await taxableCart({ userId: otherUser });
    const taxed = { taxExempt: false, subtotal: { amount: 4000 }, taxTotal: { amount: 200 }, total: { amount: 4200 } };
    expect(await exemptCart()).toMatchObject(taxed);

    await customerEvent('updated', { ...exempt, taxExempt: true }, 2);
    expect(await exemptCart()).toMatchObject({ taxExempt: true, taxLines: [], subtotal: { amount: 4000 }, taxTotal: { amount: 0 }, total: { amount: 4000 } });
    // the email is whatever a guest typed: it proves nothing
    expect(await guestCart()).toMatchObject({ ...taxed, taxLines: [{ title: 'GST', rateBasisPoints: 500 }] });
    expect(await otherCart()).toMatchObject({ ...taxed, taxLines: [{ title: 'GST', rateBasisPoints: 500 }] });

    // the store's staff see the cart as its shopper does
    const asStaff = (await request<{ cart: TaxedCartResult }>(TAXED_CART, { id: (await exemptCart()).id, token: null }, merchant)).cart;
    expect(asStaff).toMatchObject({ taxExempt: true, taxTotal: { amount: 0 } });

    await customerEvent('updated', { ...exempt, taxExempt: false }, 3);
    expect(await exemptCart()).toMatchObject(taxed);
  });

  it("exempts nobody in another store: the same user's cart here pays tax", async () => {
    const userId = randomUUID();
    const otherStoreId = randomUUID();
    const customerId = randomUUID();
    const data = { customerId, email: 'wholesale@example.com', userId, ordersCount: 0, totalSpent: { amount: 0, currencyCode: 'USD' }, taxExempt: true };
    const elsewhere = await events.publish('customers.created', otherStoreId, customerId, data, 1);
    await events.handled(otherStoreId, elsewhere.id);
    expect(await status(customerId)).toMatchObject({ user_id: userId, tax_exempt: true });
    expect(await (await taxableCart({ userId }))()).toMatchObject({ taxExempt: false, taxTotal: { amount: 200 } });
  });

  it('dead-letters an event that is not about its own customer, changing nothing', async () => {
    const customerId = randomUUID();
    const data = { customerId: randomUUID(), email: 'odd@example.com', userId: randomUUID(), taxExempt: true };
    const odd = await events.publish('customers.updated', storeId, customerId, data, 1);
    const { jsm, names } = cart.runtime;
    await eventually(
      async () => {
        const message = await jsm.streams
          .getMessage(names.stream('deadletter'), { last_by_subj: names.deadLetterSubject(names.durable('cart-customer-updated')) })
          .catch(() => null);
        return message !== null && JSON.parse(message.string()).id === odd.id;
      },
      10_000,
      'the dead-lettered event',
    );
    expect(await status(customerId)).toBeUndefined();
    expect(await status(data.customerId)).toBeUndefined();
  });
});
