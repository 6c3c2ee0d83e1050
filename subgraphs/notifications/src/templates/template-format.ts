import { currencyFractionDigits } from '@ultramarket/kit';

/** Whose conventions a rendered email follows: the store's locale and time zone (or the preview's locale). */
export interface TemplateFormat {
  /** BCP 47, e.g. `en-US`, `de-DE`. */
  locale: string;
  /** IANA, e.g. `UTC`, `Europe/Berlin`. */
  timeZone: string;
}

/** What an email is rendered with when nothing better is known (account emails belong to no store). */
export const DEFAULT_FORMAT: TemplateFormat = { locale: 'en-US', timeZone: 'UTC' };

/** A locale Intl knows (`de-DE`), canonicalised; null for anything else. */
export function supportedLocale(locale: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    return canonical && Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0 ? canonical : null;
  } catch {
    return null;
  }
}

/** A time zone Intl knows; null for anything else. */
export function supportedTimeZone(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The format to render with: a locale or zone Intl does not know falls back to the default, never fails a render. */
export function formatFor(locale: string | null | undefined, timeZone: string | null | undefined): TemplateFormat {
  return {
    locale: (locale && supportedLocale(locale)) || DEFAULT_FORMAT.locale,
    timeZone: (timeZone && supportedTimeZone(timeZone)) || DEFAULT_FORMAT.timeZone,
  };
}

function asMoney(value: unknown): { amount: number; currencyCode: string } | null {
  const money = value as { amount?: unknown; currencyCode?: unknown } | null;
  return money && Number.isSafeInteger(money.amount) && typeof money.currencyCode === 'string' && /^[A-Z]{3}$/.test(money.currencyCode)
    ? { amount: money.amount as number, currencyCode: money.currencyCode }
    : null;
}

function asDate(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * The helpers every template may call, bound to one format. Each takes one value and returns text (Handlebars escapes
 * it in the HTML part like any other value); a value of the wrong shape renders as an empty string.
 */
export function formatHelpers(format: TemplateFormat): Record<string, (...args: unknown[]) => string> {
  return {
    /** `{{money total}}` → `$25.99`, `25,99 €`: minor units in the currency's own digits, the locale's conventions. */
    money: (value) => {
      const money = asMoney(value);
      if (!money) return '';
      const digits = currencyFractionDigits(money.currencyCode);
      return new Intl.NumberFormat(format.locale, { style: 'currency', currency: money.currencyCode }).format(money.amount / 10 ** digits);
    },
    /** `{{date expiresAt}}` → `December 13, 2026` in the store's time zone. */
    date: (value) => {
      const date = asDate(value);
      return date ? new Intl.DateTimeFormat(format.locale, { dateStyle: 'long', timeZone: format.timeZone }).format(date) : '';
    },
    /** `{{dateTime expiresAt}}` → `December 13, 2026 at 9:16 PM UTC` in the store's time zone, the zone named. */
    dateTime: (value) => {
      const date = asDate(value);
      if (!date) return '';
      return new Intl.DateTimeFormat(format.locale, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: format.timeZone,
        timeZoneName: 'short',
      }).format(date);
    },
    /** `{{number itemCount}}` → `1,234` with the locale's grouping. */
    number: (value) => (typeof value === 'number' && Number.isFinite(value) ? new Intl.NumberFormat(format.locale).format(value) : ''),
  };
}

/** The parameter type each helper takes, for validation. */
export const HELPER_PARAMETER_TYPES: Record<string, 'Money' | 'DateTime' | 'Int'> = { money: 'Money', date: 'DateTime', dateTime: 'DateTime', number: 'Int' };
