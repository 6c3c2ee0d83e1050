/** A cached response: its data, when it was stored, how long it may be served, and the tags it is filed under. */
export interface CachedResponse {
  data: Record<string, unknown>;
  storedAtMs: number;
  /** When the read it holds began (the storing replica's clock): see ResponseCache's Redis check. */
  readStartedAtMs: number;
  maxAgeSeconds: number;
  tags: string[];
  /** Length of the response's JSON, what the local layer's byte bound counts. */
  bytes: number;
}

export function isFresh(entry: CachedResponse, nowMs: number): boolean {
  return nowMs < entry.storedAtMs + entry.maxAgeSeconds * 1000;
}

/**
 * The in-process layer in front of Redis: least recently used first out, bounded by entries and by
 * bytes of response JSON, with an index from tag to keys so an event deletes exactly what it changed.
 */
export class LocalResponseCache {
  // a Map keeps insertion order: re-inserting on every hit makes its first key the least recently used
  private readonly entries = new Map<string, CachedResponse>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private bytes = 0;

  constructor(private readonly limits: { maxEntries: number; maxBytes: number }) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, nowMs = Date.now()): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (!isFresh(entry, nowMs)) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    if (entry.bytes > this.limits.maxBytes) return;
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const tag of entry.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      this.delete(this.entries.keys().next().value!);
    }
  }

  /** Deletes every entry filed under any of `tags`. */
  deleteTagged(tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.keysByTag.clear();
    this.bytes = 0;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
