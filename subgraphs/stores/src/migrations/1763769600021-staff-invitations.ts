import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByStore } from '@ultramarket/kit';

/**
 * Staff join a store only by accepting an invitation. `store_invitation` belongs to one store
 * (row-level security); at most one PENDING invitation per store and invitee (email or user id).
 * `verified_user_email` is the email each user proved they own (accounts.email-verified): an
 * invitation by email is shown to, and accepted by, that user only. Users belong to the platform,
 * so that table has no store_id and no row-level security; it holds no store's data.
 */
export class StaffInvitations1763769600021 implements MigrationInterface {
  name = 'StaffInvitations1763769600021';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE store_invitation (
        id uuid PRIMARY KEY,
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        email varchar(254),
        user_id uuid,
        role varchar(16) NOT NULL CHECK (role IN ('MERCHANT', 'STORE_STAFF')),
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED')),
        invited_by uuid NOT NULL,
        expires_at timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        responded_at timestamptz(3),
        responded_by uuid,
        CHECK ((email IS NULL) <> (user_id IS NULL))
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX store_invitation_pending_email ON store_invitation (store_id, lower(email)) WHERE status = 'PENDING' AND email IS NOT NULL`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX store_invitation_pending_user ON store_invitation (store_id, user_id) WHERE status = 'PENDING' AND user_id IS NOT NULL`,
    );
    await runner.query(`CREATE INDEX store_invitation_email ON store_invitation (lower(email)) WHERE status = 'PENDING'`);
    await runner.query(`CREATE INDEX store_invitation_user ON store_invitation (user_id) WHERE status = 'PENDING'`);
    await runner.query(`CREATE INDEX store_invitation_created ON store_invitation (store_id, created_at)`);
    await isolateByStore(runner, 'store_invitation');
    await runner.query(`
      CREATE TABLE verified_user_email (
        user_id uuid PRIMARY KEY,
        email varchar(320) NOT NULL,
        verified_at timestamptz(3) NOT NULL
      )`);
    await runner.query(`CREATE INDEX verified_user_email_email ON verified_user_email (lower(email))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE verified_user_email`);
    await runner.query(`DROP TABLE store_invitation`);
  }
}
