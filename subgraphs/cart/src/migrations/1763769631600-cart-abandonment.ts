import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Abandoned carts: when the sweep marked a cart abandoned (once in its life: `abandoned_at` is never cleared)
 * and the hash of the recovery token its email carries, with that token's expiry (cleared when used).
 * The partial index holds only the carts the sweep may still mark: open, unmarked, with an email, by last change.
 */
export class CartAbandonment1763769631600 implements MigrationInterface {
  name = 'CartAbandonment1763769631600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE cart
        ADD COLUMN abandoned_at timestamptz(3),
        ADD COLUMN recovery_token_hash bytea CHECK (recovery_token_hash IS NULL OR octet_length(recovery_token_hash) = 32),
        ADD COLUMN recovery_expires_at timestamptz(3),
        ADD CHECK ((recovery_token_hash IS NULL) = (recovery_expires_at IS NULL))`);
    await runner.query(`CREATE INDEX cart_abandonment_due ON cart (updated_at) WHERE status = 'OPEN' AND abandoned_at IS NULL AND email IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX cart_abandonment_due`);
    await runner.query(`ALTER TABLE cart DROP COLUMN recovery_expires_at, DROP COLUMN recovery_token_hash, DROP COLUMN abandoned_at`);
  }
}
