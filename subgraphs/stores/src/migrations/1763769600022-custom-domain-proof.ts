import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A custom domain serves its store only once the merchant proved they control it (a DNS TXT record
 * holding `custom_domain_token`). Only verified domains are unique: a pending claim must not let a
 * squatter block the domain's real owner. Domains set before this migration had no proof, so they
 * start over as pending with a fresh token (their merchants verify them once).
 */
export class CustomDomainProof1763769600022 implements MigrationInterface {
  name = 'CustomDomainProof1763769600022';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE store ADD COLUMN custom_domain_token varchar(100), ADD COLUMN custom_domain_verified_at timestamptz(3)`);
    await runner.query(
      `UPDATE store SET custom_domain_token = 'ultramarket-domain-verification=' || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
       WHERE custom_domain IS NOT NULL`,
    );
    await runner.query(`DROP INDEX store_custom_domain`);
    await runner.query(`CREATE UNIQUE INDEX store_verified_custom_domain ON store (lower(custom_domain)) WHERE custom_domain_verified_at IS NOT NULL`);
    await runner.query(`CREATE INDEX store_custom_domain ON store (lower(custom_domain)) WHERE custom_domain IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX store_custom_domain`);
    await runner.query(`DROP INDEX store_verified_custom_domain`);
    await runner.query(`CREATE UNIQUE INDEX store_custom_domain ON store (lower(custom_domain)) WHERE custom_domain IS NOT NULL`);
    await runner.query(`ALTER TABLE store DROP COLUMN custom_domain_token, DROP COLUMN custom_domain_verified_at`);
  }
}
