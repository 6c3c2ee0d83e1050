import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/**
 * Units of orders' refunds put back into stock (issue 15): one row per refund line, so a refund line is
 * restocked exactly once however often its event arrives (retried refunds repeat it).
 */
export class RefundRestocks1763769640300 implements MigrationInterface {
  name = 'RefundRestocks1763769640300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE refund_restock (
        refund_line_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        order_id uuid NOT NULL,
        refund_id uuid NOT NULL,
        variant_id uuid NOT NULL,
        location_id uuid NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        restocked_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await isolateByStore(runner, 'refund_restock');
  }

  async down(runner: QueryRunner): Promise<void> {
    await stopIsolatingByStore(runner, 'refund_restock');
    await runner.query(`DROP TABLE refund_restock`);
  }
}
