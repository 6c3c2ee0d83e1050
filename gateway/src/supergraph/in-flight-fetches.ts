import type { DocumentNode } from 'graphql';

/**
 * Identical subgraph fetches in flight at the same time share one: a second caller with the same key
 * waits for the first one's answer instead of sending its own (as Hive Gateway, Apollo Router and Hive
 * Router do), so a burst of the same storefront page costs each subgraph one request. The entry is
 * dropped when the fetch settles, success or error, so nothing is cached beyond the fetch itself and
 * an error reaches every waiter. What is shared is settled data only (the subgraph's raw answer):
 * each waiter parses its own copy.
 */
export class InFlightFetches<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** Fetches in flight now, one per distinct key. */
  get size(): number {
    return this.pending.size;
  }

  share(key: string, fetch: () => Promise<T>): Promise<T> {
    const existing = this.pending.get(key);
    if (existing) return existing;
    // started a microtask later so that even a fetch that throws at once settles after its entry is set
    const settled: Promise<T> = Promise.resolve()
      .then(fetch)
      .finally(() => {
        if (this.pending.get(key) === settled) this.pending.delete(key);
      });
    this.pending.set(key, settled);
    return settled;
  }
}

/**
 * Forwarded headers that only identify one request (tracing) and so never change a subgraph's answer;
 * every other header the gateway sends (authorization, x-store-id, x-client-address, user-agent, and any
 * added later) is part of the key, so callers with different tokens, stores or addresses never share.
 */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'x-correlation-id']);

/** The key two fetches share under: the exact body and every header that can change the answer. */
export function fetchKey(headers: Record<string, string>, body: string): string {
  const visible = Object.keys(headers)
    .filter((name) => !PER_REQUEST_HEADERS.has(name))
    .sort()
    .map((name) => [name, headers[name]]);
  return `${JSON.stringify(visible)}\n${body}`;
}

/**
 * Whether a subgraph request only reads: its operation is a query. Apollo passes the subgraph
 * operation's document with a client's operation; without it the text is read (a query starts with
 * `query` or `{`, after any comments). Anything else (mutation, subscription, unknown) is never shared.
 */
export function isQueryOperation(query: string, document: DocumentNode | undefined): boolean {
  if (document) {
    const operations = document.definitions.filter((definition) => definition.kind === 'OperationDefinition');
    return operations.length > 0 && operations.every((operation) => operation.operation === 'query');
  }
  return /^(?:\s|,|#[^\n\r]*)*(?:query\b|\{)/.test(query);
}
