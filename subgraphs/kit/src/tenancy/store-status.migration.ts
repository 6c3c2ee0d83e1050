import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from './row-level-security';

/** Each subgraph's copy of every store's status, kept from `stores.created` and `stores.status-changed`. */
export class KitStoreStatus1763769600002 implements MigrationInterface {
  name = 'KitStoreStatus1763769600002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE store_status (
        store_id uuid PRIMARY KEY,
        status varchar(16) NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'SUSPENDED', 'CLOSED')),
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await isolateByStore(runner, 'store_status');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE store_status');
  }
}
