import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import { Role } from '@ultramarket/kit';
import { getSdk, type OrderItemInput, type OrderSummaryFragment } from '../../../schema/generated/sdk';
import type { Stack } from '../../../scripts/lib/stack';
import { tokenFor } from '../../../subgraphs/kit/test/support/subgraph-harness';
import { eventually } from '../../../subgraphs/kit/test/support/test-names';

export type Sdk = ReturnType<typeof getSdk>;

export const SHIPPING_ADDRESS = { name: 'Ada Lovelace', line1: '12 Analytical Way', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' };

/**
 * A store with a merchant, and helpers to act in it through the gateway as users do. Without a store
 * of the stores subgraph (`Storefront.open`), a store id nobody registered: subgraphs treat a store
 * they have not heard of as ACTIVE, which is all most tests need.
 */
export class Storefront {
  readonly storeId: string;
  readonly merchantToken: string;
  readonly merchant: Sdk;

  constructor(
    private readonly stack: Stack,
    store: { storeId: string; merchantToken: string } = Storefront.unregistered(),
  ) {
    this.storeId = store.storeId;
    this.merchantToken = store.merchantToken;
    this.merchant = this.sdkFor(this.merchantToken);
  }

  private static unregistered() {
    const storeId = randomUUID();
    return { storeId, merchantToken: tokenFor([Role.MERCHANT], storeId) };
  }

  /** Creates a store in the stores subgraph as `ownerId` (who becomes its MERCHANT) and acts as its owner. */
  static async open(stack: Stack, name: string, ownerId: string = randomUUID()): Promise<Storefront> {
    const owner = getSdk(new GraphQLClient(stack.gatewayUrl, { headers: { authorization: `Bearer ${tokenFor([Role.CUSTOMER], null, ownerId)}` } }));
    const { createStore } = await owner.CreateStore({
      input: { name, email: `owner@${name.toLowerCase().replace(/\W+/g, '-')}.example`, currency: 'USD', locale: 'en-US', timezone: 'Europe/London' },
    });
    if (!createStore.store) throw new Error(`createStore: ${JSON.stringify(createStore.userErrors)}`);
    const storeId = createStore.store.id;
    return new Storefront(stack, { storeId, merchantToken: tokenFor([Role.MERCHANT], storeId, ownerId) });
  }

  sdkFor(token?: string): Sdk {
    const headers: Record<string, string> = { 'x-store-id': this.storeId };
    if (token) headers.authorization = `Bearer ${token}`;
    return getSdk(new GraphQLClient(this.stack.gatewayUrl, { headers }));
  }

  /** A signed-in shopper of this store. */
  customer(userId: string = randomUUID()): { userId: string; token: string; sdk: Sdk } {
    const token = tokenFor([Role.CUSTOMER], null, userId);
    return { userId, token, sdk: this.sdkFor(token) };
  }

  /** An ACTIVE product with `units` in stock, known to inventory and to orders' price read model. */
  async product(title: string, units: number, price = 2500): Promise<string> {
    const created = await this.merchant.CreateProduct({ input: { title, price: { amount: price, currencyCode: 'USD' }, status: 'ACTIVE' } });
    const id = created.createProduct.product!.id;
    await eventually(async () => (await this.merchant.ProductById({ id })).product?.inventory, 15_000, `inventory for ${title}`);
    if (units > 0) await this.merchant.AdjustStock({ input: { productId: id, delta: units, reason: 'received', idempotencyKey: randomUUID() } });
    return id;
  }

  /** Places an order (for `email`), retrying while orders has not yet heard of a product or variant just created. */
  async placeOrder(sdk: Sdk, items: OrderItemInput[], idempotencyKey: string = randomUUID(), email = 'shopper@example.com'): Promise<OrderSummaryFragment> {
    return eventually(
      async () => {
        const { placeOrder } = await sdk.PlaceOrder({ input: { items, email, shippingAddress: SHIPPING_ADDRESS, idempotencyKey } });
        if (placeOrder.userErrors.some((error) => error.code === 'PRODUCT_NOT_AVAILABLE')) return undefined;
        if (placeOrder.userErrors.length > 0) throw new Error(JSON.stringify(placeOrder.userErrors));
        return placeOrder.order!;
      },
      15_000,
      'the order to be placed',
    );
  }

  async stock(productId: string): Promise<{ stock: number; onHand: number; reserved: number }> {
    const { product } = await this.merchant.ProductById({ id: productId });
    return { stock: product!.stock, onHand: product!.inventory!.onHand, reserved: product!.inventory!.reserved };
  }

  /** Waits until every order satisfies `done`, polling the unfinished ones a few at a time. */
  async ordersUntil(orderIds: string[], done: (order: OrderSummaryFragment) => boolean, what: string, timeoutMs = 60_000): Promise<OrderSummaryFragment[]> {
    const finished = new Map<string, OrderSummaryFragment>();
    const deadline = Date.now() + timeoutMs;
    while (finished.size < orderIds.length) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${orderIds.length - finished.size} of ${orderIds.length} not there`);
      const pending = orderIds.filter((id) => !finished.has(id));
      for (let index = 0; index < pending.length; index += 20) {
        const batch = await Promise.all(pending.slice(index, index + 20).map(async (id) => (await this.merchant.OrderById({ id })).order));
        for (const order of batch) if (order && done(order)) finished.set(order.id, order);
      }
      if (finished.size < orderIds.length) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return orderIds.map((id) => finished.get(id)!);
  }

  /** Waits until the order satisfies `done`, as its store's staff sees it. */
  async orderUntil(orderId: string, done: (order: OrderSummaryFragment) => boolean, what: string, timeoutMs = 20_000): Promise<OrderSummaryFragment> {
    return eventually(
      async () => {
        const { order } = await this.merchant.OrderById({ id: orderId });
        return order && done(order) ? order : undefined;
      },
      timeoutMs,
      what,
    );
  }
}
