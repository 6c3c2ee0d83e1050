import { isolateByStore } from '@ultramarket/kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table here is a store's data: each carries store_id and is isolated by forced row-level security. */
const TABLES = ['product_review', 'product_rating', 'order_purchase', 'verified_purchase'];

export class CreateReviews1763769652000 implements MigrationInterface {
  name = 'CreateReviews1763769652000';

  async up(runner: QueryRunner): Promise<void> {
    // customer_id is the shopper's user id (orders' events name customers by it too); one review per customer and product
    await runner.query(`
      CREATE TABLE product_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL,
        product_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        title varchar(120) NOT NULL CHECK (length(title) > 0),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        status varchar(8) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        rejection_reason varchar(500),
        verified_purchase boolean NOT NULL DEFAULT false,
        moderated_at timestamptz(3),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX product_review_one_per_customer ON product_review (store_id, customer_id, product_id)`);
    await runner.query(`CREATE INDEX product_review_product ON product_review (store_id, product_id, status, created_at, id)`);
    await runner.query(`CREATE INDEX product_review_status ON product_review (store_id, status, created_at, id)`);
    await runner.query(`CREATE INDEX product_review_customer ON product_review (store_id, customer_id, created_at, id)`);

    // the rollup of a product's APPROVED reviews, written in the transaction that changes one
    await runner.query(`
      CREATE TABLE product_rating (
        store_id uuid NOT NULL,
        product_id uuid NOT NULL,
        review_count integer NOT NULL DEFAULT 0 CHECK (review_count >= 0),
        rating_sum integer NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, product_id)
      )`);

    // orders as reviews hears of them: orders.created brings the products, orders.status-changed the completion, in either order
    await runner.query(`
      CREATE TABLE order_purchase (
        order_id uuid PRIMARY KEY,
        store_id uuid NOT NULL,
        customer_id uuid,
        product_ids uuid[],
        completed boolean NOT NULL DEFAULT false,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    // a customer who has a COMPLETED order containing the product: their review of it is a verified purchase
    await runner.query(`
      CREATE TABLE verified_purchase (
        store_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        product_id uuid NOT NULL,
        order_id uuid NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, customer_id, product_id)
      )`);

    for (const table of TABLES) await isolateByStore(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE ${table}`);
  }
}
