import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReservations1763769600400 implements MigrationInterface {
  name = 'CreateReservations1763769600400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE reservation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL UNIQUE,
        store_id uuid NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'RESERVED', 'COMMITTED', 'RELEASED', 'FAILED')),
        expires_at timestamptz NOT NULL,
        correlation_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX reservation_expiring ON reservation (expires_at) WHERE status = 'RESERVED'`);
    await runner.query(`
      CREATE TABLE reservation_line (
        reservation_id uuid NOT NULL REFERENCES reservation (id),
        product_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (reservation_id, product_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE reservation_line`);
    await runner.query(`DROP TABLE reservation`);
  }
}
