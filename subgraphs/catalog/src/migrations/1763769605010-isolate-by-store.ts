import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore, stopIsolatingByStore } from '@ultramarket/kit';

/** Products belong to one store each: row-level security keeps every other store's out of reach. */
export class IsolateByStore1763769605010 implements MigrationInterface {
  name = 'IsolateByStore1763769605010';

  async up(runner: QueryRunner): Promise<void> {
    await isolateByStore(runner, 'product');
  }

  async down(runner: QueryRunner): Promise<void> {
    await stopIsolatingByStore(runner, 'product');
  }
}
