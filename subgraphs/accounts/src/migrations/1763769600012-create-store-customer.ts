import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The users who have shopped in each store (from `orders.created`): with store_membership, who a
 * store's staff may look up. Store data, so row-level security by store like every tenant table.
 */
export class CreateStoreCustomer1763769600012 implements MigrationInterface {
  name = 'CreateStoreCustomer1763769600012';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE store_customer (
        store_id uuid NOT NULL,
        user_id uuid NOT NULL,
        first_order_at timestamptz(3) NOT NULL,
        PRIMARY KEY (store_id, user_id)
      )`);
    await isolateByStore(runner, 'store_customer');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE store_customer`);
  }
}
