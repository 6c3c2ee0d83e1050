import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * The category tree and which products sit in which categories.
 *
 * A category keeps its ancestry as a materialised path of ids (`path`: root … itself) rather than an
 * ltree or a closure table: descendants are one GIN lookup (`path @> ARRAY[id]`), breadcrumbs are the
 * row itself, and a move rewrites the moved subtree in one UPDATE. ltree labels cannot hold a uuid's
 * dashes and need an extension; a closure table multiplies rows by depth and makes a move delete and
 * re-insert every pair below it. Depth is capped at 10, so a path stays small.
 *
 * `product_category_state` numbers each product's assignment changes, so the
 * `catalog.product-categories-changed` events of one product carry a rising aggregateVersion
 * (assignments do not change the product's own version).
 */
export class CreateCategoryTree1763769623000 implements MigrationInterface {
  name = 'CreateCategoryTree1763769623000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE category (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        parent_id uuid REFERENCES category (id) ON DELETE RESTRICT,
        name varchar(255) NOT NULL,
        handle varchar(255) NOT NULL,
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0 CHECK (position >= 0),
        path uuid[] NOT NULL CHECK (cardinality(path) BETWEEN 1 AND 10),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX category_store_handle ON category (store_id, handle)`);
    await runner.query(`CREATE INDEX category_store_parent_position ON category (store_id, parent_id, position)`);
    await runner.query(`CREATE INDEX category_path ON category USING gin (path)`);
    await isolateByStore(runner, 'category');

    // the index on the legacy free-text product.category column holds the name the join table needs
    await runner.query(`ALTER INDEX product_category RENAME TO product_legacy_category`);
    await runner.query(`
      CREATE TABLE product_category (
        product_id uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        category_id uuid NOT NULL REFERENCES category (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (product_id, category_id)
      )`);
    await runner.query(`CREATE INDEX product_category_category ON product_category (category_id, product_id)`);
    await isolateByStore(runner, 'product_category');

    await runner.query(`
      CREATE TABLE product_category_state (
        product_id uuid PRIMARY KEY REFERENCES product (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await isolateByStore(runner, 'product_category_state');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE product_category_state`);
    await runner.query(`DROP TABLE product_category`);
    await runner.query(`ALTER INDEX product_legacy_category RENAME TO product_category`);
    await runner.query(`DROP TABLE category`);
  }
}
