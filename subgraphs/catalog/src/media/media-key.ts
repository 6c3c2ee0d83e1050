import { randomUUID } from 'node:crypto';
import { isUuid } from '@ultramarket/kit';

/**
 * A stored object's key: `<storeId>/<mediaId>`, both generated uuids. Keys are never taken from a
 * file name or any other caller text, and every key that arrives in a URL is checked against this
 * shape before it reaches a file system or a bucket, so no `..` or other path can be named.
 */
export function mediaKey(storeId: string, mediaId: string): string {
  return `${storeId}/${mediaId}`;
}

export function newMediaId(): string {
  return randomUUID();
}

export function parseMediaKey(key: string): { storeId: string; mediaId: string } | null {
  const parts = key.split('/');
  if (parts.length !== 2 || !isUuid(parts[0]) || !isUuid(parts[1])) return null;
  // uuids compare lower-case; one key, one spelling
  if (key !== key.toLowerCase()) return null;
  return { storeId: parts[0], mediaId: parts[1] };
}
