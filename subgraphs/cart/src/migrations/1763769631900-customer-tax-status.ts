import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cart's read model of the customers subgraph's tax exemptions, one row per store customer (from customers' events):
 * the account linked to it and whether it pays tax. A row is kept per customer, not per user, because the link to a
 * user arrives later (a verified email) and a deleted customer must stay deleted: its row keeps the version it was
 * deleted at, so a late update cannot bring the exemption back.
 */
export class CustomerTaxStatus1763769631900 implements MigrationInterface {
  name = 'CustomerTaxStatus1763769631900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customer_tax_status (
        customer_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        user_id uuid,
        tax_exempt boolean NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX customer_tax_status_exempt_user ON customer_tax_status (store_id, user_id) WHERE tax_exempt AND NOT deleted`);
    await isolateByStore(runner, 'customer_tax_status');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE customer_tax_status`);
  }
}
