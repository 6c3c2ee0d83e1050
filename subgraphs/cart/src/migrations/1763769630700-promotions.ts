import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['promotion', 'promotion_customer_usage', 'cart_discount_code'];

/**
 * Discount codes and automatic promotions (every field of the pricing engine's Promotion, usage limits
 * and counters), what each customer used of them, and the codes a shopper entered on a cart.
 */
export class Promotions1763769630700 implements MigrationInterface {
  name = 'Promotions1763769630700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE promotion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        code varchar(64) CHECK (code = upper(code)),
        value_kind varchar(16) NOT NULL CHECK (value_kind IN ('PERCENTAGE', 'FIXED_AMOUNT', 'FREE_SHIPPING', 'BUY_X_GET_Y')),
        basis_points integer CHECK (basis_points BETWEEN 1 AND 10000),
        amount bigint CHECK (amount > 0),
        buy_quantity integer CHECK (buy_quantity > 0),
        get_quantity integer CHECK (get_quantity > 0),
        target_kind varchar(8) NOT NULL CHECK (target_kind IN ('ORDER', 'LINES')),
        product_ids uuid[] NOT NULL DEFAULT '{}',
        variant_ids uuid[] NOT NULL DEFAULT '{}',
        collection_ids uuid[] NOT NULL DEFAULT '{}',
        minimum_subtotal bigint CHECK (minimum_subtotal >= 0),
        minimum_quantity integer CHECK (minimum_quantity > 0),
        starts_at timestamptz(3),
        ends_at timestamptz(3),
        priority integer NOT NULL DEFAULT 0,
        combinable boolean NOT NULL DEFAULT false,
        usage_limit integer CHECK (usage_limit > 0),
        usage_limit_per_customer integer CHECK (usage_limit_per_customer > 0),
        times_used integer NOT NULL DEFAULT 0 CHECK (times_used >= 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
      )`);
    // codes are stored upper case: unique per store, whatever case shoppers type
    await runner.query(`CREATE UNIQUE INDEX promotion_code ON promotion (store_id, code) WHERE code IS NOT NULL`);
    await runner.query(`CREATE INDEX promotion_automatic ON promotion (store_id) WHERE code IS NULL AND active`);
    await runner.query(`CREATE INDEX promotion_listed ON promotion (store_id, created_at, id)`);

    // how often each customer used a promotion (counted with times_used when an order is placed)
    await runner.query(`
      CREATE TABLE promotion_customer_usage (
        promotion_id uuid NOT NULL REFERENCES promotion (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        times_used integer NOT NULL CHECK (times_used >= 0),
        PRIMARY KEY (promotion_id, customer_id)
      )`);

    // the codes a shopper entered on a cart, kept until removed (shown as not applying when they stop applying)
    await runner.query(`
      CREATE TABLE cart_discount_code (
        cart_id uuid NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        code varchar(64) NOT NULL CHECK (code = upper(code)),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (cart_id, code)
      )`);

    for (const table of TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE ${table}`);
  }
}
