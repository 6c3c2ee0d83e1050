import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayments1763769600700 implements MigrationInterface {
  name = 'CreatePayments1763769600700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE order_read_model (
        order_id uuid PRIMARY KEY,
        store_id uuid,
        order_number varchar(50),
        customer_id text,
        email text,
        total_amount integer CHECK (total_amount >= 0),
        currency_code char(3),
        placed_at timestamptz,
        reserved_until timestamptz,
        closed_at timestamptz,
        closed_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        order_id uuid NOT NULL,
        customer_id text,
        email text,
        amount integer NOT NULL CHECK (amount >= 0),
        currency_code char(3) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED')),
        provider varchar(16) NOT NULL,
        idempotency_key varchar(255) NOT NULL,
        payment_method varchar(300) NOT NULL,
        provider_reference varchar(255),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX payment_order_idempotency ON payment (order_id, idempotency_key)`);
    // the last line of defence behind the order row lock: an order is never charged twice
    await runner.query(`CREATE UNIQUE INDEX payment_one_active_per_order ON payment (order_id) WHERE status IN ('PENDING', 'SUCCEEDED')`);
    await runner.query(`CREATE INDEX payment_order_created ON payment (order_id, created_at, id)`);
    await runner.query(`CREATE INDEX payment_provider_reference ON payment (provider_reference) WHERE provider_reference IS NOT NULL`);
    await runner.query(`
      CREATE TABLE payment_transaction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payment (id),
        type varchar(16) NOT NULL CHECK (type IN ('AUTHORIZATION', 'CAPTURE', 'SALE', 'REFUND', 'VOID')),
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        amount integer NOT NULL CHECK (amount >= 0),
        currency_code char(3) NOT NULL,
        provider_reference varchar(255),
        error_code varchar(100),
        error_message text,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX payment_transaction_payment ON payment_transaction (payment_id, created_at)`);
    await runner.query(`
      CREATE TABLE stripe_webhook_event (
        event_id varchar(255) PRIMARY KEY,
        type varchar(100) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE stripe_webhook_event`);
    await runner.query(`DROP TABLE payment_transaction`);
    await runner.query(`DROP TABLE payment`);
    await runner.query(`DROP TABLE order_read_model`);
  }
}
