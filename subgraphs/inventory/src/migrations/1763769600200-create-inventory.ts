import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInventory1763769600200 implements MigrationInterface {
  name = 'CreateInventory1763769600200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE inventory_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL UNIQUE,
        store_id uuid NOT NULL,
        on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        low_stock_threshold integer NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- the last line of defence behind the conditional updates: stock is never sold twice
        CONSTRAINT inventory_item_reserved_within_on_hand CHECK (reserved <= on_hand)
      )`);
    await runner.query(`CREATE INDEX inventory_item_store ON inventory_item (store_id)`);
    await runner.query(`
      CREATE TABLE stock_adjustment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        product_id uuid NOT NULL,
        delta integer NOT NULL,
        reason varchar(200) NOT NULL,
        idempotency_key varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX stock_adjustment_idempotency ON stock_adjustment (store_id, idempotency_key)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE stock_adjustment`);
    await runner.query(`DROP TABLE inventory_item`);
  }
}
