import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table here is a store's data: each carries store_id and is isolated by forced row-level security. */
const TABLES = ['customer', 'customer_address', 'customer_order', 'customer_payment', 'customer_segment', 'customer_segment_member'];

export class CreateCustomers1763769600800 implements MigrationInterface {
  name = 'CreateCustomers1763769600800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        first_name varchar(100) NOT NULL DEFAULT '',
        last_name varchar(100) NOT NULL DEFAULT '',
        email varchar(320) NOT NULL,
        phone varchar(32),
        tags text[] NOT NULL DEFAULT '{}',
        note text NOT NULL DEFAULT '',
        accepts_marketing boolean NOT NULL DEFAULT false,
        total_spent_amount integer NOT NULL DEFAULT 0,
        currency_code char(3) NOT NULL DEFAULT 'USD',
        orders_count integer NOT NULL DEFAULT 0 CHECK (orders_count >= 0),
        last_order_at timestamptz(3),
        user_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX customer_store_email ON customer (store_id, lower(email))`);
    await runner.query(`CREATE UNIQUE INDEX customer_store_user ON customer (store_id, user_id) WHERE user_id IS NOT NULL`);
    await runner.query(`CREATE INDEX customer_store_created ON customer (store_id, created_at, id)`);
    await runner.query(`CREATE INDEX customer_tags ON customer USING gin (tags)`);

    await runner.query(`
      CREATE TABLE customer_address (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        customer_id uuid NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        company varchar(200),
        line1 varchar(200) NOT NULL,
        line2 varchar(200),
        city varchar(100) NOT NULL,
        province varchar(100),
        postal_code varchar(20) NOT NULL,
        country_code char(2) NOT NULL,
        phone varchar(32),
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX customer_address_customer ON customer_address (customer_id, created_at)`);
    // at most one default per customer; the code keeps "at least one while any exist"
    await runner.query(`CREATE UNIQUE INDEX customer_address_one_default ON customer_address (customer_id) WHERE is_default`);

    // an order as customers knows it; customer_id stays null when a payment event overtook orders.created
    await runner.query(`
      CREATE TABLE customer_order (
        store_id uuid NOT NULL,
        order_id uuid NOT NULL,
        customer_id uuid REFERENCES customer (id) ON DELETE CASCADE,
        placed_at timestamptz(3),
        total_amount integer,
        currency_code char(3),
        paid_amount integer NOT NULL DEFAULT 0,
        PRIMARY KEY (store_id, order_id)
      )`);
    await runner.query(`CREATE INDEX customer_order_history ON customer_order (customer_id, placed_at, order_id)`);

    // one row per payment and kind: a payment is counted once however often its event arrives
    await runner.query(`
      CREATE TABLE customer_payment (
        store_id uuid NOT NULL,
        payment_id uuid NOT NULL,
        kind varchar(8) NOT NULL CHECK (kind IN ('SALE', 'REFUND')),
        order_id uuid NOT NULL,
        amount integer NOT NULL CHECK (amount >= 0),
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, payment_id, kind)
      )`);

    await runner.query(`
      CREATE TABLE customer_segment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        name varchar(100) NOT NULL,
        match varchar(3) NOT NULL CHECK (match IN ('ALL', 'ANY')),
        conditions jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX customer_segment_store_name ON customer_segment (store_id, lower(name))`);
    await runner.query(`CREATE INDEX customer_segment_store_created ON customer_segment (store_id, created_at, id)`);

    await runner.query(`
      CREATE TABLE customer_segment_member (
        store_id uuid NOT NULL,
        segment_id uuid NOT NULL REFERENCES customer_segment (id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        joined_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (segment_id, customer_id)
      )`);
    await runner.query(`CREATE INDEX customer_segment_member_customer ON customer_segment_member (customer_id)`);

    for (const table of TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE ${table}`);
  }
}
