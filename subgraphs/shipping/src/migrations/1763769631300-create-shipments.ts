import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table here is a store's data: each carries store_id and is isolated by forced row-level security. */
const TABLES = ['order_view', 'shipment', 'shipment_line', 'shipment_tracking_event'];

/**
 * Shipments (fulfilments) and shipping's read model of orders. Orders dispatched before shipments existed
 * have no shipment here: shipping cannot read orders' database, so their carrier and tracking number stay in
 * orders' columns and `Order.carrier` / `Order.trackingNumber` fall back to them (see the README).
 */
export class CreateShipments1763769631300 implements MigrationInterface {
  name = 'CreateShipments1763769631300';

  async up(runner: QueryRunner): Promise<void> {
    // from orders.created (lines null until it arrives: a status change may come first) and the status events;
    // version is the order's aggregate version of the last status applied, so a late event cannot undo a newer one
    await runner.query(`
      CREATE TABLE order_view (
        order_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        order_number varchar(32) NOT NULL,
        customer_id uuid,
        email varchar(320),
        shipping_address jsonb,
        lines jsonb CHECK (lines IS NULL OR jsonb_typeof(lines) = 'array'),
        status varchar(32) NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    await runner.query(`
      CREATE TABLE shipment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        order_id uuid NOT NULL REFERENCES order_view (order_id),
        shipping_method_id uuid,
        carrier_code varchar(32) NOT NULL,
        carrier_name varchar(100) NOT NULL,
        tracking_number varchar(100) NOT NULL,
        tracking_url varchar(500),
        status varchar(32) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX shipment_order ON shipment (order_id, created_at, id)`);

    // what a shipment holds; issue 15's partial fulfilment adds shipments with some lines only
    await runner.query(`
      CREATE TABLE shipment_line (
        shipment_id uuid NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        variant_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (shipment_id, variant_id)
      )`);

    await runner.query(`
      CREATE TABLE shipment_tracking_event (
        id bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
        store_id uuid NOT NULL,
        status varchar(32) NOT NULL,
        message varchar(500),
        occurred_at timestamptz(3) NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX shipment_tracking_event_shipment ON shipment_tracking_event (shipment_id, id)`);

    for (const table of TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE ${table}`);
  }
}
