import { PermanentEventError, type EventEnvelope } from '@ultramarket/kit';

/**
 * The store an event belongs to. Inventory's handlers work in that store only (the consumer runner
 * has entered it, so row-level security hides every other one); an event without one would run
 * platform-wide and can never be handled safely, so it is dead-lettered at once.
 */
export function storeOfEvent(event: EventEnvelope<unknown>): string {
  if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
  return event.storeId;
}
