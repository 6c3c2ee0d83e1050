import type { Logger } from '@ultramarket/kit';
import { isFresh, type CachedResponse, type LocalResponseCache } from './local-response-cache';
import type { RedisResponseCache } from './redis-response-cache';

/** Where a read of the subgraphs began: its place in this process's order of invalidations, and the time. */
export interface ReadStart {
  position: number;
  atMs: number;
}

/** Tags whose last invalidation is remembered one by one; older ones are remembered as one floor. */
const REMEMBERED_INVALIDATIONS = 10_000;
/**
 * How far apart two replicas' clocks may be: an entry another replica stored from a read that began
 * less than this after this replica's invalidation of one of its tags is not taken from Redis.
 */
const CLOCK_SKEW_MS = 1000;
const REDIS_DELETE_ATTEMPTS = 5;

/**
 * The two layers together: each process's LocalResponseCache in front of the RedisResponseCache every
 * replica shares. Invalidations come from the events this process follows (cache-invalidation.ts); a
 * response is served and stored only while that feed is live.
 *
 * A response read from the subgraphs before an event but finished after it would carry the state
 * before the event: every read notes its `position()` in the invalidation order when it starts, and
 * is not stored when any of its tags was invalidated since. Another replica may not have heard the
 * event yet and store such a read in Redis: an entry is taken from Redis only if its read began after
 * this replica's last invalidation of each of its tags (by the clock, with CLOCK_SKEW_MS to spare), and
 * every replica deletes the tags of every event it hears in Redis too, so the entry goes anyway.
 */
export class ResponseCache {
  private sequence = 0;
  /** Per tag, the position and the time of its last invalidation (most recent last). */
  private readonly invalidatedAt = new Map<string, { position: number; atMs: number }>();
  private invalidatedFloor = { position: 0, atMs: 0 };
  private following = false;

  constructor(
    private readonly local: LocalResponseCache,
    private readonly remote: RedisResponseCache,
    private readonly maxEntryBytes: number,
    private readonly logger: Logger,
  ) {}

  /** Whether responses are served and stored now: only while every invalidating event is heard. */
  get serving(): boolean {
    return this.following;
  }

  /** The invalidation feed is live (true) or lost (false: nothing served or stored, the local layer emptied). */
  setFollowing(following: boolean): void {
    this.following = following;
    if (!following) this.local.clear();
  }

  /** Where a read starts: its place in the order of invalidations, and the time. */
  readStart(): ReadStart {
    return { position: this.sequence, atMs: Date.now() };
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    if (!this.following) return undefined;
    const local = this.local.get(key);
    if (local) return local;
    let remote: CachedResponse | undefined;
    try {
      remote = await this.remote.get(key);
    } catch (error) {
      this.logger.warn({ err: error }, 'response cache: Redis read failed, answering from the subgraphs');
      return undefined;
    }
    if (!remote || !isFresh(remote, Date.now()) || !this.following || this.invalidatedAfterRead(remote)) return undefined;
    this.local.set(key, remote);
    return remote;
  }

  /** Stores a response whose read began at `read`, unless one of its tags was invalidated since; true when stored. */
  store(key: string, data: Record<string, unknown>, maxAgeSeconds: number, tags: string[], read: ReadStart): boolean {
    if (!this.following || tags.some((tag) => this.lastInvalidation(tag).position > read.position)) return false;
    const storedAtMs = Date.now();
    const json = JSON.stringify({ data, storedAtMs, readStartedAtMs: read.atMs, maxAgeSeconds, tags });
    if (json.length > this.maxEntryBytes) return false;
    const entry: CachedResponse = { data, storedAtMs, readStartedAtMs: read.atMs, maxAgeSeconds, tags, bytes: json.length };
    this.local.set(key, entry);
    // sent now, in order with any later invalidation on the same connection
    this.remote.set(key, entry, json).catch((error: unknown) => this.logger.warn({ err: error }, 'response cache: Redis write failed'));
    return true;
  }

  /** Deletes what `tags` name, here at once and in Redis (retried: an entry left there would be served stale by every replica). */
  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    this.sequence += 1;
    const invalidation = { position: this.sequence, atMs: Date.now() };
    for (const tag of tags) {
      this.invalidatedAt.delete(tag);
      this.invalidatedAt.set(tag, invalidation);
    }
    while (this.invalidatedAt.size > REMEMBERED_INVALIDATIONS) {
      const [oldest, forgotten] = this.invalidatedAt.entries().next().value!;
      this.invalidatedAt.delete(oldest);
      // forgotten in order: the newest forgotten is the latest of all forgotten
      this.invalidatedFloor = forgotten;
    }
    this.local.deleteTagged(tags);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.remote.deleteTagged(tags);
        return;
      } catch (error) {
        if (attempt >= REDIS_DELETE_ATTEMPTS) {
          this.logger.error({ err: error, tags }, 'response cache: could not delete invalidated entries in Redis');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  private lastInvalidation(tag: string): { position: number; atMs: number } {
    return this.invalidatedAt.get(tag) ?? this.invalidatedFloor;
  }

  /** Whether an entry (from Redis, maybe another replica's) was read before this replica's last invalidation of one of its tags. */
  private invalidatedAfterRead(entry: CachedResponse): boolean {
    return entry.tags.some((tag) => {
      const { atMs } = this.lastInvalidation(tag);
      return atMs > 0 && entry.readStartedAtMs < atMs + CLOCK_SKEW_MS;
    });
  }
}
