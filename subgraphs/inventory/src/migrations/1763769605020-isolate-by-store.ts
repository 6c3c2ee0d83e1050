import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

const TENANT_TABLES = ['inventory_item', 'stock_adjustment', 'reservation', 'reservation_line'];

/**
 * Every inventory row belongs to one store: reservation lines get their reservation's store, and
 * row-level security keeps every table to the store of the transaction.
 */
export class IsolateByStore1763769605020 implements MigrationInterface {
  name = 'IsolateByStore1763769605020';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE reservation_line ADD COLUMN store_id uuid`);
    await runner.query(`UPDATE reservation_line l SET store_id = r.store_id FROM reservation r WHERE r.id = l.reservation_id`);
    await runner.query(`ALTER TABLE reservation_line ALTER COLUMN store_id SET NOT NULL`);
    for (const table of TENANT_TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) await stopIsolatingByStore(runner, table);
    await runner.query(`ALTER TABLE reservation_line DROP COLUMN store_id`);
  }
}
