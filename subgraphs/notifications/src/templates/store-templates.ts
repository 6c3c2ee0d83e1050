import type { EntityManager } from 'typeorm';
import type { EmailKind } from '../messages/email-templates';
import type { TemplateSources } from './render-template';

/** A store's own template for a key, as stored. */
export interface StoreTemplate extends TemplateSources {
  updatedAt: Date;
}

interface Row {
  subject: string;
  html_body: string;
  text_body: string;
  updated_at: Date;
}

const fromRow = (row: Row): StoreTemplate => ({ subject: row.subject, html: row.html_body, text: row.text_body, updatedAt: row.updated_at });

/** The store's own template for the key; null when it uses the default. */
export async function loadStoreTemplate(manager: EntityManager, storeId: string, key: EmailKind): Promise<StoreTemplate | null> {
  const [row]: Row[] = await manager.query(
    `SELECT subject, html_body, text_body, updated_at FROM notification_template WHERE store_id = $1 AND template_key = $2`,
    [storeId, key],
  );
  return row ? fromRow(row) : null;
}

/** Every template the store has of its own, by key. */
export async function loadStoreTemplates(manager: EntityManager, storeId: string): Promise<Map<string, StoreTemplate>> {
  const rows: (Row & { template_key: string })[] = await manager.query(
    `SELECT template_key, subject, html_body, text_body, updated_at FROM notification_template WHERE store_id = $1`,
    [storeId],
  );
  return new Map(rows.map((row) => [row.template_key, fromRow(row)]));
}

/** Stores (or replaces) the store's template for the key. */
export async function saveStoreTemplate(
  manager: EntityManager,
  storeId: string,
  key: EmailKind,
  sources: TemplateSources,
  userId: string | null,
): Promise<StoreTemplate> {
  const [row]: Row[] = await manager.query(
    `INSERT INTO notification_template (store_id, template_key, subject, html_body, text_body, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (store_id, template_key) DO UPDATE SET subject = EXCLUDED.subject, html_body = EXCLUDED.html_body, text_body = EXCLUDED.text_body,
       updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING subject, html_body, text_body, updated_at`,
    [storeId, key, sources.subject, sources.html, sources.text, userId],
  );
  return fromRow(row);
}

/** Drops the store's template for the key (back to the default); whether there was one. */
export async function deleteStoreTemplate(manager: EntityManager, storeId: string, key: EmailKind): Promise<boolean> {
  const deleted: unknown[] = await manager.query(`DELETE FROM notification_template WHERE store_id = $1 AND template_key = $2 RETURNING template_key`, [
    storeId,
    key,
  ]);
  return deleted.length > 0;
}
