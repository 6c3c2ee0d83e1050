import { type AppScope, isAppScope } from '@ultramarket/kit';

/** An app's name as stored: trimmed, 1 to 100 characters, no line breaks or control characters; null when it is not one. */
export function cleanAppName(name: string): string | null {
  const trimmed = name.trim();
  // eslint-disable-next-line no-control-regex
  return trimmed.length >= 1 && trimmed.length <= 100 && !/[\u0000-\u001f\u007f]/.test(trimmed) ? trimmed : null;
}

/** Scopes as stored: each once, in the enum's order; null when none is given. */
export function cleanScopes(scopes: readonly AppScope[]): AppScope[] | null {
  const unique = [...new Set(scopes)].filter(isAppScope).sort();
  return unique.length > 0 ? unique : null;
}
