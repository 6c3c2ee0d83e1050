/** The retry settings of webhook-config.ts that shape the schedule. */
export interface RetrySchedule {
  retryBaseMs: number;
  retryCapMs: number;
  retryForMs: number;
}

/**
 * How long to wait after the `attempt`-th failed attempt (1 for the first): "full jitter" exponential backoff, a
 * uniformly random delay between 0 and min(cap, base · 2^(attempt − 1)), so endpoints that failed together do not
 * all come back at once (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
export function retryDelayMs(schedule: RetrySchedule, attempt: number, random: () => number = Math.random): number {
  const bound = Math.min(schedule.retryCapMs, schedule.retryBaseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.floor(random() * bound);
}

/**
 * When a delivery queued at `queuedAt` that just failed its `attempt`-th time is tried next, or null when it gives up:
 * the next try would come later than `retryForMs` after it was queued.
 */
export function nextAttemptAt(schedule: RetrySchedule, queuedAt: Date, attempt: number, now: Date, random: () => number = Math.random): Date | null {
  const next = now.getTime() + retryDelayMs(schedule, attempt, random);
  return next > queuedAt.getTime() + schedule.retryForMs ? null : new Date(next);
}
