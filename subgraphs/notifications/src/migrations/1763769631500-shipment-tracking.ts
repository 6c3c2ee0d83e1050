import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last tracking version told per shipment: `shipping.tracking-updated` events are consumed concurrently and may
 * arrive out of order, and an older one (IN_TRANSIT after DELIVERED) no longer describes the parcel.
 */
export class ShipmentTracking1763769631500 implements MigrationInterface {
  name = 'ShipmentTracking1763769631500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE shipment_reference (
        shipment_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        order_id uuid NOT NULL,
        tracking_version integer NOT NULL DEFAULT 0,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await isolateByStore(runner, 'shipment_reference');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE shipment_reference`);
  }
}
