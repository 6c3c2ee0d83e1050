import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table here is a store's data: each carries store_id and is isolated by forced row-level security. */
const TABLES = [
  'store_profile',
  'order_fact',
  'sales_day',
  'product_day',
  'customer_total',
  'customer_day',
  'cart_day',
  'variant_stock',
  'variant_price',
  'applied_event',
];

/**
 * Analytics' rollups, all fed by events (docs/analytics.md): facts it must remember to book later (an order until it
 * is paid, a store's time zone, a variant's price and stock) and per-store, per-store-local-day sums. Amounts are
 * bigint minor units, read back through safeIntegerFrom.
 */
export class CreateAnalytics1763769656000 implements MigrationInterface {
  name = 'CreateAnalytics1763769656000';

  async up(runner: QueryRunner): Promise<void> {
    // the store's time zone and currency from stores.created / stores.updated, a newer aggregateVersion winning
    await runner.query(`
      CREATE TABLE store_profile (
        store_id uuid PRIMARY KEY,
        timezone varchar(64) NOT NULL,
        currency_code varchar(3) NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    // an order as analytics heard of it: orders.created brings its figures, a payment event its payment, in either order;
    // booked once both are known (the sale goes into the day it was placed)
    await runner.query(`
      CREATE TABLE order_fact (
        order_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        placed_day date,
        currency_code varchar(3),
        customer_key varchar(320),
        gross bigint,
        discounts bigint,
        shipping bigint,
        taxes bigint,
        total bigint,
        units integer,
        lines jsonb,
        paid boolean NOT NULL DEFAULT false,
        booked boolean NOT NULL DEFAULT false,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX order_fact_store ON order_fact (store_id)`);

    await runner.query(`
      CREATE TABLE sales_day (
        store_id uuid NOT NULL,
        day date NOT NULL,
        currency_code varchar(3) NOT NULL,
        gross bigint NOT NULL DEFAULT 0,
        discounts bigint NOT NULL DEFAULT 0,
        shipping bigint NOT NULL DEFAULT 0,
        taxes bigint NOT NULL DEFAULT 0,
        total bigint NOT NULL DEFAULT 0,
        refunds bigint NOT NULL DEFAULT 0,
        orders_count integer NOT NULL DEFAULT 0,
        units bigint NOT NULL DEFAULT 0,
        orders_placed integer NOT NULL DEFAULT 0,
        new_customer_orders integer NOT NULL DEFAULT 0,
        returning_customer_orders integer NOT NULL DEFAULT 0,
        PRIMARY KEY (store_id, day, currency_code)
      )`);

    await runner.query(`
      CREATE TABLE product_day (
        store_id uuid NOT NULL,
        day date NOT NULL,
        currency_code varchar(3) NOT NULL,
        variant_id uuid NOT NULL,
        product_id uuid NOT NULL,
        title varchar(500) NOT NULL,
        variant_title varchar(500),
        sku varchar(255),
        revenue bigint NOT NULL DEFAULT 0,
        units bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (store_id, day, currency_code, variant_id)
      )`);
    await runner.query(`CREATE INDEX product_day_product ON product_day (store_id, currency_code, day, product_id)`);

    // a customer (the order's email, lower case) per currency: lifetime orders and money
    await runner.query(`
      CREATE TABLE customer_total (
        store_id uuid NOT NULL,
        currency_code varchar(3) NOT NULL,
        customer_key varchar(320) NOT NULL,
        first_day date NOT NULL,
        orders_count integer NOT NULL DEFAULT 0,
        spent bigint NOT NULL DEFAULT 0,
        refunded bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (store_id, currency_code, customer_key)
      )`);
    await runner.query(`
      CREATE TABLE customer_day (
        store_id uuid NOT NULL,
        currency_code varchar(3) NOT NULL,
        customer_key varchar(320) NOT NULL,
        day date NOT NULL,
        orders integer NOT NULL DEFAULT 0,
        PRIMARY KEY (store_id, currency_code, day, customer_key)
      )`);

    await runner.query(`
      CREATE TABLE cart_day (
        store_id uuid NOT NULL,
        day date NOT NULL,
        carts_created integer NOT NULL DEFAULT 0,
        checkouts_completed integer NOT NULL DEFAULT 0,
        PRIMARY KEY (store_id, day)
      )`);

    // the on-hand units of a variant at active locations (inventory.stock-changed), a newer stock version winning
    await runner.query(`
      CREATE TABLE variant_stock (
        store_id uuid NOT NULL,
        variant_id uuid NOT NULL,
        product_id uuid NOT NULL,
        on_hand integer NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (store_id, variant_id)
      )`);
    // a listed variant's price (catalog product events), a newer product version winning
    await runner.query(`
      CREATE TABLE variant_price (
        store_id uuid NOT NULL,
        variant_id uuid NOT NULL,
        product_id uuid NOT NULL,
        price bigint NOT NULL,
        currency_code varchar(3) NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (store_id, variant_id)
      )`);
    await runner.query(`CREATE INDEX variant_price_product ON variant_price (store_id, product_id)`);
    await runner.query(
      `CREATE TABLE product_version (store_id uuid NOT NULL, product_id uuid NOT NULL, version bigint NOT NULL, PRIMARY KEY (store_id, product_id))`,
    );

    // every event that moved a rollup, so that neither a redelivery nor a rebuild racing the consumers counts it twice
    await runner.query(`
      CREATE TABLE applied_event (
        event_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        event_type varchar(100) NOT NULL,
        applied_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX applied_event_store ON applied_event (store_id)`);

    for (const table of [...TABLES, 'product_version']) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['product_version', ...TABLES].reverse()) await runner.query(`DROP TABLE ${table}`);
  }
}
