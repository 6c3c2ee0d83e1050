import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProduct1763769600100 implements MigrationInterface {
  name = 'CreateProduct1763769600100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE product (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        description text NOT NULL DEFAULT '',
        handle varchar(255) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
        price_amount integer NOT NULL CHECK (price_amount >= 0),
        currency_code char(3) NOT NULL,
        category varchar(100),
        image_url text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX product_store_handle ON product (store_id, handle)`);
    await runner.query(`CREATE INDEX product_store_status_created ON product (store_id, status, created_at)`);
    await runner.query(`CREATE INDEX product_status_created ON product (status, created_at, id)`);
    await runner.query(`CREATE INDEX product_category ON product (category)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE product`);
  }
}
