import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { OrderByVariant1763769622000 } from '../src/migrations/1763769622000-order-by-variant';
import { DropCatalogReadModel1763769653000 } from '../src/migrations/1763769653000-drop-catalog-read-model';
import { grantToAppRole } from '../../kit/src/data/app-role';
import { gql } from 'graphql-request';
import { ORDER, type OrderResult } from './support/order-operations';

describe('orders: the variant migration carries today’s products and lines over', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const storeId = randomUUID();
  const productId = randomUUID();
  const orderId = randomUUID();
  const customerId = randomUUID();
  const shopper = tokenFor([Role.CUSTOMER], storeId, customerId);

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
    // back to the schema before variants (the catalog read model, dropped since, comes back first), with a
    // product and an order of that time, then forward again
    const runner = owner.createQueryRunner();
    await runner.startTransaction();
    try {
      await new DropCatalogReadModel1763769653000().down(runner);
      await new OrderByVariant1763769622000().down(runner);
      await runner.query(`SELECT set_config('app.store_id', '*', true)`);
      await runner.query(
        `INSERT INTO product_snapshot (product_id, store_id, title, status, price_amount, currency_code, version) VALUES ($1, $2, 'Old kettle', 'ACTIVE', 2500, 'USD', 4)`,
        [productId, storeId],
      );
      await runner.query(
        `INSERT INTO customer_order (id, store_id, number, customer_id, email, currency_code, subtotal_amount, shipping_amount, tax_amount, discount_amount,
           total_amount, shipping_address, status, payment_status, reservation_status, idempotency_key)
         VALUES ($1, $2, 1001, $3, 'old@example.com', 'USD', 2500, 0, 0, 0, 2500, '{}', 'CONFIRMED', 'PAID', 'COMMITTED', 'old-checkout')`,
        [orderId, storeId, customerId],
      );
      await runner.query(`INSERT INTO store_order_counter (store_id, last_number) VALUES ($1, 1001)`, [storeId]);
      await runner.query(
        `INSERT INTO order_line_item (order_id, store_id, product_id, title, quantity, unit_price_amount, currency_code, position)
         VALUES ($1, $2, $3, 'Old kettle', 1, 2500, 'USD', 0)`,
        [orderId, storeId, productId],
      );
      await new OrderByVariant1763769622000().up(runner);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    // as at every start after the migrations: the re-created table is the application role's to use
    await grantToAppRole(owner, orders.runtime.config.database);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('makes each product its default variant (same id, price, version) and each line a sale of that default variant', async () => {
    expect(
      await owner.query(`SELECT variant_id, product_id, store_id, title, sku, selected_options, price_amount, listed, version FROM variant_snapshot`),
    ).toEqual([
      {
        variant_id: productId,
        product_id: productId,
        store_id: storeId,
        title: 'Default',
        sku: null,
        selected_options: [],
        price_amount: '2500',
        listed: true,
        version: 4,
      },
    ]);
    expect(await owner.query(`SELECT variant_id, variant_title, sku, selected_options FROM order_line_item WHERE order_id = $1`, [orderId])).toEqual([
      { variant_id: productId, variant_title: 'Default', sku: null, selected_options: [] },
    ]);
    const { order } = await orders.client(shopper, { 'x-store-id': storeId }).request<{ order: OrderResult }>(ORDER, { id: orderId });
    expect(order.lineItems).toEqual([{ productId, variantId: productId, quantity: 1 }]);
  });

  it('reads an order placed before carts with the checkout’s fields empty: no tax lines, discounts, shipping line, billing address or note', async () => {
    const query = gql`
      query ($id: ID!) {
        order(id: $id) {
          note
          billingAddress {
            name
          }
          taxLines {
            title
          }
          discountApplications {
            title
          }
          shippingLine {
            title
          }
          discountTotal {
            amount
          }
          lineItems {
            discountTotal {
              amount
            }
            taxTotal {
              amount
            }
          }
        }
      }
    `;
    const { order } = await orders.client(shopper, { 'x-store-id': storeId }).request<{ order: Record<string, unknown> }>(query, { id: orderId });
    expect(order).toEqual({
      note: null,
      billingAddress: null,
      taxLines: [],
      discountApplications: [],
      shippingLine: null,
      discountTotal: { amount: 0 },
      lineItems: [{ discountTotal: { amount: 0 }, taxTotal: { amount: 0 } }],
    });
  });
});
