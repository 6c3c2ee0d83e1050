import { isUuid, PermanentEventError, type EventEnvelope } from '@ultramarket/kit';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** The most lines an event may list (cart's CART_MAX_LINES allows at most 500). */
const MAX_LINES = 500;

export interface MoneyData {
  amount: number;
  currencyCode: string;
}

/**
 * Reads an event's `data` field by field. A malformed event can never succeed, so it is a
 * PermanentEventError: the consumer runner dead-letters it at once instead of retrying it.
 */
export class EventDataReader {
  private readonly data: Record<string, unknown>;

  constructor(private readonly event: EventEnvelope) {
    this.data = (event.data ?? {}) as Record<string, unknown>;
  }

  /** The envelope's store; every event notifications reacts to belongs to one. */
  storeId(): string {
    if (!isUuid(this.event.storeId)) throw this.invalid('storeId', 'must be a store id (uuid)', true);
    return this.event.storeId;
  }

  uuid(field: string): string {
    const value = this.data[field];
    if (!isUuid(value)) throw this.invalid(field, 'must be a uuid');
    return value;
  }

  /** A user id that guests do not have. */
  optionalUuid(field: string): string | null {
    const value = this.data[field];
    if (value === null || value === undefined || value === '') return null;
    return this.uuid(field);
  }

  string(field: string): string {
    const value = this.data[field];
    if (typeof value !== 'string' || value.trim() === '') throw this.invalid(field, 'must be a non-empty string');
    return value.trim();
  }

  optionalString(field: string): string | null {
    const value = this.data[field];
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') throw this.invalid(field, 'must be a string or null');
    return value.trim() === '' ? null : value.trim();
  }

  /** An address to write to, or null when there is none or it is not one (nothing to send then). */
  optionalEmail(field: string): string | null {
    const value = this.optionalString(field);
    return value !== null && EMAIL.test(value) ? value : null;
  }

  int(field: string): number {
    const value = this.data[field];
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.invalid(field, 'must be an integer');
    return value;
  }

  /** An ISO 8601 timestamp. */
  instant(field: string): Date {
    const value = this.data[field];
    const instant = typeof value === 'string' ? new Date(value) : null;
    if (!instant || Number.isNaN(instant.getTime())) throw this.invalid(field, 'must be an ISO 8601 timestamp');
    return instant;
  }

  money(field: string): MoneyData {
    const value = this.data[field] as Partial<MoneyData> | null | undefined;
    if (
      !value ||
      typeof value.amount !== 'number' ||
      !Number.isInteger(value.amount) ||
      typeof value.currencyCode !== 'string' ||
      !/^[A-Z]{3}$/.test(value.currencyCode)
    ) {
      throw this.invalid(field, 'must be Money { amount (integer minor units), currencyCode (ISO 4217) }');
    }
    return { amount: value.amount, currencyCode: value.currencyCode };
  }

  /** An http(s) URL (a link the platform built, put into an email as it is). */
  url(field: string): string {
    const value = this.string(field);
    let protocol: string;
    try {
      protocol = new URL(value).protocol;
    } catch {
      throw this.invalid(field, 'must be a URL');
    }
    if (protocol !== 'https:' && protocol !== 'http:') throw this.invalid(field, 'must be an http(s) URL');
    return value;
  }

  /** Cart lines as an email lists them: `[{ title, variantTitle, quantity }]`, at most MAX_LINES. */
  lines(field: string): { title: string; variantTitle: string; quantity: number }[] {
    const value = this.data[field];
    if (!Array.isArray(value) || value.length > MAX_LINES) throw this.invalid(field, `must be a list of at most ${MAX_LINES} lines`);
    return value.map((line: unknown, index) => {
      const { title, variantTitle, quantity } = (line ?? {}) as Record<string, unknown>;
      if (typeof title !== 'string' || typeof variantTitle !== 'string' || typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
        throw this.invalid(`${field}[${index}]`, 'must be { title, variantTitle (strings), quantity (a positive integer) }');
      }
      return { title, variantTitle, quantity };
    });
  }

  private invalid(field: string, problem: string, envelope = false): PermanentEventError {
    return new PermanentEventError(`${this.event.type} ${this.event.id}: ${envelope ? '' : 'data.'}${field} ${problem}`);
  }
}
