/**
 * Calendar maths on store-local dates (`YYYY-MM-DD`), the unit every rollup is bucketed by. A day is carried as the
 * number of days since 1970-01-01 so that adding, comparing and ISO weeks need no time zone at all: only turning an
 * instant into a store-local date does (`localDayOf`).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` calendar date; null when it is not a real date. */
export function dayNumberOf(date: string): number | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/** The `YYYY-MM-DD` calendar date of a day number. */
export function dateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The store-local calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone, e.g. `Pacific/Auckland`. */
export function localDayOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** ISO 8601 week of a date: weeks start on Monday; week 1 holds the year's first Thursday. `week` is `YYYY-Www`. */
export function isoWeekOf(dayNumber: number): { start: number; week: string } {
  // 1970-01-01 was a Thursday: weekday 0 = Monday … 6 = Sunday
  const weekday = (((dayNumber + 3) % 7) + 7) % 7;
  const start = dayNumber - weekday;
  const thursday = start + 3;
  const isoYear = new Date(thursday * DAY_MS).getUTCFullYear();
  const firstThursdayOfYear = dayNumberOf(`${isoYear}-01-01`)!;
  const jan1Weekday = (((firstThursdayOfYear + 3) % 7) + 7) % 7;
  const week1Thursday = firstThursdayOfYear + ((3 - jan1Weekday + 7) % 7);
  const week = 1 + Math.round((thursday - week1Thursday) / 7);
  return { start, week: `${isoYear}-W${String(week).padStart(2, '0')}` };
}

/** The first day (day number) and `YYYY-MM` label of a date's calendar month. */
export function monthOf(dayNumber: number): { start: number; month: string } {
  const date = dateOfDayNumber(dayNumber);
  return { start: dayNumberOf(`${date.slice(0, 7)}-01`)!, month: date.slice(0, 7) };
}
