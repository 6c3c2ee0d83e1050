import type { Logger } from '@ultramarket/kit';
import { isFresh, type CachedResponse, type LocalResponseCache } from './local-response-cache';
import type { RedisResponseCache } from './redis-response-cache';

/** Tags whose last invalidation is remembered one by one; older ones are remembered as one floor. */
const REMEMBERED_INVALIDATIONS = 10_000;
const REDIS_DELETE_ATTEMPTS = 5;

/**
 * The two layers together: each process's LocalResponseCache in front of the RedisResponseCache every
 * replica shares. Invalidations come from the events this process follows (cache-invalidation.ts); a
 * response is served and stored only while that feed is live.
 *
 * A response read from the subgraphs before an event but finished after it would carry the state
 * before the event: every read notes its `position()` in the invalidation order when it starts, and
 * is not stored (nor a Redis entry taken into the local layer) when any of its tags was invalidated
 * since. A Redis entry another replica stored after this one deleted its tags is deleted again when
 * that replica hears the event itself: every replica deletes the tags of every event in Redis.
 */
export class ResponseCache {
  private sequence = 0;
  private readonly invalidatedAt = new Map<string, number>();
  private invalidatedFloor = 0;
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

  /** Where a read starts in the order of invalidations. */
  position(): number {
    return this.sequence;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    if (!this.following) return undefined;
    const local = this.local.get(key);
    if (local) return local;
    const since = this.sequence;
    let remote: CachedResponse | undefined;
    try {
      remote = await this.remote.get(key);
    } catch (error) {
      this.logger.warn({ err: error }, 'response cache: Redis read failed, answering from the subgraphs');
      return undefined;
    }
    if (!remote || !isFresh(remote, Date.now()) || !this.following || this.invalidatedSince(remote.tags, since)) return undefined;
    this.local.set(key, remote);
    return remote;
  }

  /** Stores a response read since `since`, unless one of its tags was invalidated meanwhile; true when stored. */
  store(key: string, data: Record<string, unknown>, maxAgeSeconds: number, tags: string[], since: number): boolean {
    if (!this.following || this.invalidatedSince(tags, since)) return false;
    const storedAtMs = Date.now();
    const json = JSON.stringify({ data, storedAtMs, maxAgeSeconds, tags });
    if (json.length > this.maxEntryBytes) return false;
    const entry: CachedResponse = { data, storedAtMs, maxAgeSeconds, tags, bytes: json.length };
    this.local.set(key, entry);
    // sent now, in order with any later invalidation on the same connection
    this.remote.set(key, entry, json).catch((error: unknown) => this.logger.warn({ err: error }, 'response cache: Redis write failed'));
    return true;
  }

  /** Deletes what `tags` name, here at once and in Redis (retried: an entry left there would be served stale by every replica). */
  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    this.sequence += 1;
    for (const tag of tags) {
      this.invalidatedAt.delete(tag);
      this.invalidatedAt.set(tag, this.sequence);
    }
    while (this.invalidatedAt.size > REMEMBERED_INVALIDATIONS) {
      const [oldest, at] = this.invalidatedAt.entries().next().value!;
      this.invalidatedAt.delete(oldest);
      this.invalidatedFloor = Math.max(this.invalidatedFloor, at);
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

  private invalidatedSince(tags: readonly string[], since: number): boolean {
    return tags.some((tag) => (this.invalidatedAt.get(tag) ?? this.invalidatedFloor) > since);
  }
}
