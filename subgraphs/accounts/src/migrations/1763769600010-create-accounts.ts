import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccounts1763769600010 implements MigrationInterface {
  name = 'CreateAccounts1763769600010';

  async up(runner: QueryRunner): Promise<void> {
    // "user" is reserved in PostgreSQL
    await runner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        password_hash text NOT NULL,
        first_name varchar(100) NOT NULL,
        last_name varchar(100) NOT NULL,
        roles varchar(16)[] NOT NULL DEFAULT '{CUSTOMER}'
          CHECK (roles <@ ARRAY['PLATFORM_ADMIN', 'MERCHANT', 'STORE_STAFF', 'CUSTOMER']::varchar(16)[]),
        store_id uuid,
        is_verified boolean NOT NULL DEFAULT false,
        mfa_enabled boolean NOT NULL DEFAULT false,
        mfa_secret text,
        mfa_pending_secret text,
        mfa_last_time_step bigint,
        failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
        locked_until timestamptz(3),
        password_changed_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (NOT mfa_enabled OR mfa_secret IS NOT NULL)
      )`);
    await runner.query(`CREATE UNIQUE INDEX app_user_email ON app_user (lower(email))`);
    await runner.query(`CREATE INDEX app_user_created ON app_user (created_at, id)`);
    await runner.query(`CREATE INDEX app_user_roles ON app_user USING gin (roles)`);

    // one row per refresh token; a login starts a family, every rotation adds a row to it
    await runner.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        access_token_id uuid,
        access_token_expires_at timestamptz(3),
        ip_address varchar(64),
        user_agent varchar(512),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        revoked_at timestamptz(3),
        revoked_reason varchar(32),
        replaced_by uuid REFERENCES session (id)
      )`);
    await runner.query(`CREATE INDEX session_family ON session (family_id)`);
    await runner.query(`CREATE INDEX session_user_live ON session (user_id) WHERE revoked_at IS NULL`);

    await runner.query(`
      CREATE TABLE one_time_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        purpose varchar(32) NOT NULL CHECK (purpose IN ('EMAIL_VERIFICATION', 'PASSWORD_RESET')),
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        used_at timestamptz(3)
      )`);
    await runner.query(`CREATE INDEX one_time_token_user ON one_time_token (user_id, purpose)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE one_time_token`);
    await runner.query(`DROP TABLE session`);
    await runner.query(`DROP TABLE app_user`);
  }
}
