import type { EntityManager } from 'typeorm';

/** `"Blue Cotton T-Shirt!"` → `"blue-cotton-t-shirt"`; accents are folded, anything else becomes a dash. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200)
    .replace(/-+$/g, '');
  return slug || 'product';
}

/** The first free handle of `base`, `base-2`, `base-3`, … within the store. */
export async function availableHandle(manager: EntityManager, storeId: string, base: string): Promise<string> {
  const rows: { handle: string }[] = await manager.query(`SELECT handle FROM product WHERE store_id = $1 AND (handle = $2 OR handle LIKE $3)`, [
    storeId,
    base,
    `${base.replace(/[%_]/g, '\\$&')}-%`,
  ]);
  const taken = new Set(rows.map((row) => row.handle));
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
  }
}

/** What a handle (product, category, collection) may look like: lower-case letters and digits, single dashes between. */
export const HANDLE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const HANDLE_MESSAGE = 'handle must be lower-case letters and digits separated by single dashes';
