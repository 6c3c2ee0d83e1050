import { badUserInput } from '@ultramarket/kit';
import { dateOfDayNumber, dayNumberOf, isoWeekOf, monthOf } from './local-day';

/** The longest period a report covers, in days (two leap years): longer ranges are refused. */
export const MAX_PERIOD_DAYS = 732;

/** How buckets group days. */
export type Granularity = 'DAY' | 'WEEK' | 'MONTH';

/** A validated inclusive range of store-local days, as day numbers. */
export interface Period {
  from: number;
  to: number;
}

/** One bucket of a report: a day, an ISO week or a calendar month, clipped to the period. */
export interface Bucket {
  /** `YYYY-MM-DD`, `YYYY-Www` or `YYYY-MM`. */
  label: string;
  /** First and last day of the bucket inside the period (inclusive). */
  from: number;
  to: number;
}

/**
 * `from`/`to` (inclusive store-local dates) checked: real dates, `from` not after `to`, at most MAX_PERIOD_DAYS days.
 * Refused as BAD_USER_INPUT naming the field, before anything is read.
 */
export function periodOf(from: string, to: string): Period {
  const start = dayNumberOf(from);
  if (start === null) throw badUserInput('from must be a date, YYYY-MM-DD', [{ field: ['input', 'from'], message: 'must be a date, YYYY-MM-DD' }]);
  const end = dayNumberOf(to);
  if (end === null) throw badUserInput('to must be a date, YYYY-MM-DD', [{ field: ['input', 'to'], message: 'must be a date, YYYY-MM-DD' }]);
  if (end < start) throw badUserInput('to must not be before from', [{ field: ['input', 'to'], message: 'must not be before from' }]);
  if (end - start + 1 > MAX_PERIOD_DAYS) {
    throw badUserInput(`A period can be at most ${MAX_PERIOD_DAYS} days`, [{ field: ['input', 'to'], message: `at most ${MAX_PERIOD_DAYS} days after from` }]);
  }
  return { from: start, to: end };
}

/** The period of the same length that ends the day before this one starts. */
export function previousPeriodOf(period: Period): Period {
  const length = period.to - period.from + 1;
  return { from: period.from - length, to: period.from - 1 };
}

/** The label of the bucket a day falls in. */
export function bucketLabelOf(day: number, granularity: Granularity): string {
  if (granularity === 'WEEK') return isoWeekOf(day).week;
  if (granularity === 'MONTH') return monthOf(day).month;
  return dateOfDayNumber(day);
}

/** Every bucket of the period in order, empty ones included, the first and last clipped to the period. */
export function bucketsOf(period: Period, granularity: Granularity): Bucket[] {
  const buckets: Bucket[] = [];
  for (let day = period.from; day <= period.to; day++) {
    const label = bucketLabelOf(day, granularity);
    const last = buckets[buckets.length - 1];
    if (last?.label === label) last.to = day;
    else buckets.push({ label, from: day, to: day });
  }
  return buckets;
}

export { dateOfDayNumber };
