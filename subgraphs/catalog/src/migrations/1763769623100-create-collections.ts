import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * Collections (manual or automated by rules) and their members, plus `product_rule_facts`: what the
 * rules look at for each product (tags, vendor, type, variant prices, option values, status), kept
 * from catalog's own product events by the membership consumer. Rules are evaluated in SQL against
 * these facts, for a whole store when a rule set is saved and for one product when it changes.
 * Today's products are carried over with what they have: no tags, their one price.
 */
export class CreateCollections1763769623100 implements MigrationInterface {
  name = 'CreateCollections1763769623100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE collection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        handle varchar(255) NOT NULL,
        description text NOT NULL DEFAULT '',
        kind varchar(16) NOT NULL CHECK (kind IN ('MANUAL', 'AUTOMATED')),
        rules jsonb NOT NULL DEFAULT '[]',
        match varchar(3) NOT NULL DEFAULT 'ALL' CHECK (match IN ('ALL', 'ANY')),
        sort_order varchar(16) NOT NULL,
        published boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX collection_store_handle ON collection (store_id, handle)`);
    await runner.query(`CREATE INDEX collection_store_kind ON collection (store_id, kind)`);
    await isolateByStore(runner, 'collection');

    await runner.query(`
      CREATE TABLE collection_product (
        collection_id uuid NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (collection_id, product_id)
      )`);
    await runner.query(`CREATE INDEX collection_product_position ON collection_product (collection_id, position, product_id)`);
    await runner.query(`CREATE INDEX collection_product_product ON collection_product (product_id)`);
    await isolateByStore(runner, 'collection_product');

    await runner.query(`
      CREATE TABLE product_rule_facts (
        product_id uuid PRIMARY KEY REFERENCES product (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        status varchar(16) NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        vendor text,
        product_type text,
        variant_prices bigint[] NOT NULL DEFAULT '{}',
        option_values text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL
      )`);
    await runner.query(`CREATE INDEX product_rule_facts_store ON product_rule_facts (store_id)`);
    await isolateByStore(runner, 'product_rule_facts');
    // migrations run as the owner, whom forced row-level security also binds: see every store while carrying over
    await runner.query(`SELECT set_config('app.store_id', '*', true)`);
    await runner.query(`
      INSERT INTO product_rule_facts (product_id, store_id, status, variant_prices, version)
      SELECT id, store_id, status, ARRAY[price_amount], version FROM product`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE product_rule_facts`);
    await runner.query(`DROP TABLE collection_product`);
    await runner.query(`DROP TABLE collection`);
  }
}
