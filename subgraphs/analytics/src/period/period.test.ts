import { dateOfDayNumber, dayNumberOf, isoWeekOf, localDayOf, monthOf } from './local-day';
import { bucketsOf, MAX_PERIOD_DAYS, periodOf, previousPeriodOf } from './period';
import { averageMinor, relativeChange, sumMinor } from './money-sum';

const day = (date: string) => dayNumberOf(date)!;

describe('store-local days', () => {
  it('reads real dates only', () => {
    expect(dateOfDayNumber(day('2026-02-28') + 1)).toBe('2026-03-01');
    expect(dateOfDayNumber(day('2028-02-28') + 1)).toBe('2028-02-29');
    expect(dayNumberOf('2026-02-29')).toBeNull();
    expect(dayNumberOf('2026-13-01')).toBeNull();
    expect(dayNumberOf('26-01-01')).toBeNull();
  });

  it('turns an instant into the store-local date of its time zone', () => {
    const instant = new Date('2026-12-07T23:30:00Z');
    expect(localDayOf(instant, 'UTC')).toBe('2026-12-07');
    expect(localDayOf(instant, 'Pacific/Auckland')).toBe('2026-12-08');
    expect(localDayOf(new Date('2026-12-08T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-07');
    // the night summer time starts in Europe: 00:30 UTC is 01:30 in Paris, 23:30 UTC the next day's 01:30 in summer time
    expect(localDayOf(new Date('2026-03-28T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-29');
  });

  it('numbers ISO weeks from the week with the year’s first Thursday, Monday first', () => {
    expect(isoWeekOf(day('2026-12-07')).week).toBe('2026-W50');
    expect(dateOfDayNumber(isoWeekOf(day('2026-12-13')).start)).toBe('2026-12-07');
    // 2027-01-01 is a Friday: it belongs to 2026's last week, which has 53 weeks
    expect(isoWeekOf(day('2027-01-01')).week).toBe('2026-W53');
    expect(isoWeekOf(day('2027-01-04')).week).toBe('2027-W01');
    // 2024-12-30 is a Monday in the week of 2025-01-02 (a Thursday)
    expect(isoWeekOf(day('2024-12-30')).week).toBe('2025-W01');
    expect(isoWeekOf(day('2021-01-03')).week).toBe('2020-W53');
  });

  it('finds a date’s month', () => {
    expect(monthOf(day('2026-02-17'))).toEqual({ start: day('2026-02-01'), month: '2026-02' });
  });
});

describe('periods and buckets', () => {
  it('refuses a period that is not real, runs backwards or is too long, naming the field', () => {
    const codeOf = (from: string, to: string) => {
      try {
        periodOf(from, to);
        return null;
      } catch (error) {
        const extensions = (error as { extensions: { code: string; fields: { field: string[] }[] } }).extensions;
        return [extensions.code, extensions.fields[0].field.join('.')];
      }
    };
    expect(codeOf('2026-02-30', '2026-03-01')).toEqual(['BAD_USER_INPUT', 'input.from']);
    expect(codeOf('2026-03-02', '2026-03-01')).toEqual(['BAD_USER_INPUT', 'input.to']);
    expect(codeOf('2024-01-01', dateOfDayNumber(day('2024-01-01') + MAX_PERIOD_DAYS))).toEqual(['BAD_USER_INPUT', 'input.to']);
    expect(codeOf('2024-01-01', dateOfDayNumber(day('2024-01-01') + MAX_PERIOD_DAYS - 1))).toBeNull();
  });

  it('takes the previous period of the same length just before', () => {
    const previous = previousPeriodOf(periodOf('2026-12-01', '2026-12-07'));
    expect([dateOfDayNumber(previous.from), dateOfDayNumber(previous.to)]).toEqual(['2026-11-24', '2026-11-30']);
  });

  it('buckets days, ISO weeks and months, clipping the first and last to the period', () => {
    const period = periodOf('2026-12-30', '2027-02-02');
    expect(bucketsOf(period, 'DAY')).toHaveLength(35);
    expect(bucketsOf(period, 'WEEK').map((b) => [b.label, dateOfDayNumber(b.from), dateOfDayNumber(b.to)])).toEqual([
      ['2026-W53', '2026-12-30', '2027-01-03'],
      ['2027-W01', '2027-01-04', '2027-01-10'],
      ['2027-W02', '2027-01-11', '2027-01-17'],
      ['2027-W03', '2027-01-18', '2027-01-24'],
      ['2027-W04', '2027-01-25', '2027-01-31'],
      ['2027-W05', '2027-02-01', '2027-02-02'],
    ]);
    expect(bucketsOf(period, 'MONTH').map((b) => [b.label, dateOfDayNumber(b.from), dateOfDayNumber(b.to)])).toEqual([
      ['2026-12', '2026-12-30', '2026-12-31'],
      ['2027-01', '2027-01-01', '2027-01-31'],
      ['2027-02', '2027-02-01', '2027-02-02'],
    ]);
  });
});

describe('money sums', () => {
  it('adds bigint text exactly and refuses a sum beyond 2^53 − 1 instead of rounding it', () => {
    expect(sumMinor(['9007199254740000', '991', 0])).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => sumMinor(['9007199254740991', '1'])).toThrow(RangeError);
    expect(sumMinor([])).toBe(0);
  });

  it('averages to the minor unit, half up, exactly near 2^53', () => {
    expect(averageMinor(1001, 2)).toBe(501);
    expect(averageMinor(1000, 3)).toBe(333);
    expect(averageMinor(0, 0)).toBe(0);
    expect(averageMinor(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(averageMinor(-1001, 2)).toBe(-501);
  });

  it('gives the change as a share of the previous value, none from zero', () => {
    expect(relativeChange(150, 100)).toBe(0.5);
    expect(relativeChange(50, -100)).toBe(1.5);
    expect(relativeChange(5, 0)).toBeNull();
  });
});
