import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1763769600300 implements MigrationInterface {
  name = 'CreateOrders1763769600300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE product_snapshot (
        product_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        status varchar(16) NOT NULL,
        price_amount integer NOT NULL,
        currency_code char(3) NOT NULL,
        version integer NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE store_order_counter (
        store_id uuid PRIMARY KEY,
        last_number integer NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE customer_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        number integer NOT NULL,
        customer_id uuid,
        email varchar(320) NOT NULL,
        currency_code char(3) NOT NULL,
        subtotal_amount integer NOT NULL,
        shipping_amount integer NOT NULL,
        tax_amount integer NOT NULL,
        discount_amount integer NOT NULL,
        total_amount integer NOT NULL CHECK (total_amount >= 0),
        shipping_address jsonb NOT NULL,
        status varchar(32) NOT NULL,
        payment_status varchar(16) NOT NULL,
        reservation_status varchar(16) NOT NULL,
        reservation_expires_at timestamptz,
        cancel_reason text,
        carrier varchar(100),
        tracking_number varchar(100),
        idempotency_key varchar(100) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT customer_order_number UNIQUE (store_id, number),
        CONSTRAINT customer_order_idempotency UNIQUE (idempotency_key)
      )`);
    await runner.query(`CREATE INDEX customer_order_store_created ON customer_order (store_id, created_at, id)`);
    await runner.query(`CREATE INDEX customer_order_customer_created ON customer_order (customer_id, created_at, id)`);
    await runner.query(`
      CREATE TABLE order_line_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES customer_order (id),
        product_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price_amount integer NOT NULL,
        currency_code char(3) NOT NULL,
        position integer NOT NULL
      )`);
    await runner.query(`CREATE INDEX order_line_item_order ON order_line_item (order_id, position)`);
    await runner.query(`
      CREATE TABLE order_status_change (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES customer_order (id),
        status varchar(32) NOT NULL,
        message text,
        at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX order_status_change_order ON order_status_change (order_id, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['order_status_change', 'order_line_item', 'customer_order', 'store_order_counter', 'product_snapshot']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
