import type Redis from 'ioredis';
import type { CachedResponse } from './local-response-cache';

/** Stores an entry and files it under its tags, in one step: KEYS = entry, tag sets; ARGV = value, seconds. */
const STORE_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local seconds = tonumber(ARGV[2])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('TTL', KEYS[i]) < seconds then redis.call('EXPIRE', KEYS[i], seconds) end
end
return 1
`;

/** Deletes every entry filed under the given tag sets, and the sets: KEYS = tag sets. */
const INVALIDATE_SCRIPT = `
local deleted = 0
for i = 1, #KEYS do
  local keys = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #keys, 500 do
    deleted = deleted + redis.call('DEL', unpack(keys, j, math.min(j + 499, #keys)))
  end
  redis.call('DEL', KEYS[i])
end
return deleted
`;

interface ResponseCacheCommands {
  storeResponse(keyCount: number, ...keysAndArgs: (string | number)[]): Promise<number>;
  invalidateResponses(keyCount: number, ...keys: string[]): Promise<number>;
}

/**
 * The layer every gateway replica shares: entries under `<prefix>entry:<key>` expiring with their
 * maxAge, and a set per tag (`<prefix>tag:<tag>`) naming the entries filed under it. Registers its
 * scripts on the connection it is given.
 */
export class RedisResponseCache {
  private readonly commands: ResponseCacheCommands;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('storeResponse', { lua: STORE_SCRIPT });
    redis.defineCommand('invalidateResponses', { lua: INVALIDATE_SCRIPT });
    this.commands = redis as unknown as ResponseCacheCommands;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const text = await this.redis.get(this.entryKey(key));
    if (text === null) return undefined;
    const stored = JSON.parse(text) as Omit<CachedResponse, 'bytes'>;
    return { ...stored, bytes: text.length };
  }

  /** `json` is the entry's JSON (without `bytes`), made once by the caller. */
  set(key: string, entry: CachedResponse, json: string): Promise<number> {
    const tagKeys = entry.tags.map((tag) => this.tagKey(tag));
    return this.commands.storeResponse(1 + tagKeys.length, this.entryKey(key), ...tagKeys, json, entry.maxAgeSeconds);
  }

  deleteTagged(tags: readonly string[]): Promise<number> {
    if (tags.length === 0) return Promise.resolve(0);
    return this.commands.invalidateResponses(tags.length, ...tags.map((tag) => this.tagKey(tag)));
  }

  private entryKey(key: string): string {
    return `${this.prefix}entry:${key}`;
  }

  private tagKey(tag: string): string {
    return `${this.prefix}tag:${tag}`;
  }
}
