import { nextAttemptAt, retryDelayMs } from './retry-schedule';

const HOUR = 3_600_000;
const schedule = { retryBaseMs: 30_000, retryCapMs: 2 * HOUR, retryForMs: 24 * HOUR };

describe('webhook retry schedule', () => {
  it('bounds the delay at base · 2^(attempt − 1), capped, and draws it uniformly below (full jitter)', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(schedule, attempt, () => 0.999999))).toEqual([29_999, 59_999, 119_999, 239_999]);
    expect(retryDelayMs(schedule, 20, () => 0.5)).toBe(HOUR);
    expect(retryDelayMs(schedule, 1000, () => 0.999999)).toBe(Math.floor(0.999999 * 2 * HOUR));
    expect([1, 5, 30].map((attempt) => retryDelayMs(schedule, attempt, () => 0))).toEqual([0, 0, 0]);
  });

  it('spreads retries: many draws differ and stay below the bound', () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs(schedule, 3));
    expect(new Set(delays).size).toBeGreaterThan(100);
    expect(Math.max(...delays)).toBeLessThan(120_000);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
  });

  it('gives up once the next try would come later than the retry window after queueing', () => {
    const queuedAt = new Date('2026-12-01T00:00:00Z');
    const early = new Date(queuedAt.getTime() + HOUR);
    expect(nextAttemptAt(schedule, queuedAt, 2, early, () => 0.5)).toEqual(new Date(early.getTime() + 30_000));
    const late = new Date(queuedAt.getTime() + 24 * HOUR - 1000);
    expect(nextAttemptAt(schedule, queuedAt, 30, late, () => 0.5)).toBeNull();
    expect(nextAttemptAt(schedule, queuedAt, 30, late, () => 0)).toEqual(late);
  });
});
