import type { EntityManager } from 'typeorm';

/**
 * Whether another store has proven this custom domain already (it is then that store's alone). A
 * pending claim holds nothing: several stores may claim a domain, the first to prove it wins.
 */
export async function verifiedElsewhere(manager: EntityManager, domain: string, storeId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM store WHERE lower(custom_domain) = lower($1) AND custom_domain_verified_at IS NOT NULL AND id <> $2 LIMIT 1`,
    [domain, storeId],
  );
  return rows.length > 0;
}
