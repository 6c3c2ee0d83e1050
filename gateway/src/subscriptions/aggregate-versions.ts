import type { EventEnvelope } from '@ultramarket/kit';

/**
 * Remembers, for one subscriber, the newest version it was pushed of each aggregate, and refuses an
 * event that is not newer. Events of one order can reach the gateway out of order (the outbox's
 * post-commit publish and its fallback poll may race, and redeliveries come late): a subscriber that
 * saw CONFIRMED must never be told PAYMENT_PENDING afterwards. Events without a version (0) always pass.
 */
export class AggregateVersions {
  private readonly newest = new Map<string, number>();

  /** True when the subscriber may be pushed `event`; it then counts as seen. */
  admit(event: Pick<EventEnvelope, 'aggregateId' | 'aggregateVersion'>): boolean {
    const version = event.aggregateVersion ?? 0;
    if (!event.aggregateId || version <= 0) return true;
    const seen = this.newest.get(event.aggregateId) ?? 0;
    if (version <= seen) return false;
    this.newest.set(event.aggregateId, version);
    return true;
  }
}
