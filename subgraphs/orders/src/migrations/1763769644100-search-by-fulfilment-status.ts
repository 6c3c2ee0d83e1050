import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff search orders by fulfilment status (`OrderFilter.fulfillmentStatuses`) on a store's rows, like by status. */
export class SearchByFulfilmentStatus1763769644100 implements MigrationInterface {
  name = 'SearchByFulfilmentStatus1763769644100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX customer_order_store_fulfillment_status ON customer_order (store_id, fulfillment_status, created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX customer_order_store_fulfillment_status`);
  }
}
