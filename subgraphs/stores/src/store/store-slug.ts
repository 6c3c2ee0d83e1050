import type { EntityManager } from 'typeorm';

const MAX_BASE = 48;
/** Host names the platform keeps for itself. */
const RESERVED = new Set(['www', 'api', 'app', 'admin', 'mail', 'static', 'cdn', 'status', 'help', 'docs', 'graphql']);

/** `"Café Düsseldorf & Co."` → `"cafe-dusseldorf-co"`: ASCII letters and digits joined by single dashes, a valid DNS label. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/g, '');
  if (!slug) return 'store';
  return RESERVED.has(slug) ? `${slug}-store` : slug;
}

/** `base`, then `base-2`, `base-3`, … skipping those already taken. */
async function nextCandidate(manager: EntityManager, base: string): Promise<string> {
  const rows: { slug: string }[] = await manager.query(`SELECT slug FROM store WHERE slug = $1 OR slug LIKE $2`, [base, `${base}-%`]);
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}

/**
 * Inserts the store row under the first free slug. The unique index on `slug` is the arbiter: an
 * `INSERT … ON CONFLICT (slug) DO NOTHING` that lost a race to a concurrent creation inserts
 * nothing (without aborting the transaction), and the next free slug is tried.
 */
export async function insertWithFreeSlug(manager: EntityManager, base: string, insert: (slug: string) => Promise<boolean>): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const slug = await nextCandidate(manager, base);
    if (await insert(slug)) return slug;
  }
  throw new Error(`no free slug for "${base}" after 20 attempts`);
}
