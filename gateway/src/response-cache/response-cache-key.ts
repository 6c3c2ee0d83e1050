import { createHash } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import { Role, type Caller } from '@ultramarket/kit';

/** Who may share a cached response: anonymous shoppers, or signed-in customers (never staff, merchants or admins). */
export type VisibilityClass = 'anonymous' | 'customer';

/**
 * The caller's visibility class, or null when nothing they read may be cached or served from the
 * cache: anyone holding a role other than CUSTOMER sees store data no shopper does.
 */
export function visibilityClassOf(caller: Caller): VisibilityClass | null {
  if (caller.userId === null && caller.token === null) return 'anonymous';
  if (caller.roles.length > 0 && caller.roles.every((role) => role === Role.CUSTOMER)) return 'customer';
  return null;
}

const printed = new WeakMap<DocumentNode, string>();

/** The document in one normal form (graphql's printer: whitespace, commas and comments do not count), kept per parsed document. */
function normalizedDocument(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are one set of variables. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** The key of a response: SHA-256 of the normalised document, operation name, variables, store and visibility class. */
export function responseCacheKey(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  storeId: string,
  visibility: VisibilityClass,
): string {
  return createHash('sha256')
    .update(normalizedDocument(document))
    .update('\0')
    .update(operationName ?? '')
    .update('\0')
    .update(canonicalJson(variables ?? {}))
    .update('\0')
    .update(storeId)
    .update('\0')
    .update(visibility)
    .digest('base64url');
}
