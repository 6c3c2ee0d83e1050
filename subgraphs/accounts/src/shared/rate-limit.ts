import type Redis from 'ioredis';

/**
 * Where accounts keeps its throttle counters: under the deployment's event namespace when it has one,
 * so deployments and test stacks that share a Redis never count each other's calls.
 */
export function throttlePrefix(scope: string): string {
  return scope ? `ultramarket:accounts:${scope}:` : 'ultramarket:accounts:';
}

/** A fixed-window counter in Redis: its name, how many calls a window allows, and the window's length. */
export interface WindowLimit {
  key: string;
  limit: number;
  windowSeconds: number;
}

/** How a counted call stands: whether it is over its allowance, and the seconds until the window ends. */
export interface WindowCount {
  exceeded: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts one call against every limit, in one round trip (MULTI), and says which are exceeded. Every
 * counter moves even when another is already over: a caller who keeps trying stays refused.
 */
export async function countCall(redis: Redis, limits: WindowLimit[]): Promise<WindowCount[]> {
  if (limits.length === 0) return [];
  const multi = redis.multi();
  for (const { key, windowSeconds } of limits) multi.incr(key).expire(key, windowSeconds, 'NX').ttl(key);
  const results = (await multi.exec()) ?? [];
  return limits.map(({ limit, windowSeconds }, index) => {
    const count = Number(results[index * 3]?.[1] ?? 0);
    const ttl = Number(results[index * 3 + 2]?.[1] ?? windowSeconds);
    return { exceeded: count > limit, retryAfterSeconds: ttl > 0 ? ttl : windowSeconds };
  });
}

/** The longest wait among the exceeded counts, or null when none is exceeded. */
export function retryAfter(counts: WindowCount[]): number | null {
  const exceeded = counts.filter((count) => count.exceeded);
  return exceeded.length === 0 ? null : Math.max(...exceeded.map((count) => count.retryAfterSeconds));
}
