import type { AppScope, Caller, EventEnvelope } from '@ultramarket/kit';
import type { EventEntity } from './event-entity';

/**
 * How one `Subscription` field is served: which event subject feeds it, which events concern a
 * given subscriber, and which root query field loads the entity each event is about, so the
 * subscriber's selection set is resolved through the whole supergraph.
 */
export interface SubscriptionField {
  /** The field on `Subscription`, e.g. `stockChanged`. */
  field: string;
  /** The event type that drives it, e.g. `inventory.stock-changed`. */
  eventType: string;
  /** Whether an event is for this subscription (its arguments, its caller). */
  matches(event: EventEnvelope, args: Record<string, unknown>, caller: Caller): boolean;
  /**
   * The scope an app needs to subscribe (null: apps may not). Checked here, at subscribe time, since an
   * event may be pushed from its own values without reaching the subgraph that would check it.
   */
  appScope: AppScope | null;
  /** Who may subscribe; throw a GraphQLError (UNAUTHENTICATED, FORBIDDEN) to refuse. */
  authorize(args: Record<string, unknown>, caller: Caller): void;
  /** The query field that returns the entity (e.g. `product`) and the argument that takes its id. */
  entityQuery: { field: string; idArgument: string; idType: string };
  entityIdOf(event: EventEnvelope): string;
  /**
   * The argument naming the entity followed, when a subscriber may only follow entities it can read:
   * at subscribe time the entity is queried as the subscriber, and nothing is served if it comes back null.
   */
  probeArgument?: string;
  /**
   * Fields whose value at the time of the event the event itself carries (e.g. the status an order
   * entered): they override the entity's current value, so no subscriber misses a step.
   */
  eventFields?(event: EventEnvelope): Record<string, unknown>;
  /**
   * The entity as the event itself describes it, limited to fields anyone allowed to follow the entity
   * may read: a subscriber whose selection this covers is pushed the event's own values, with no
   * supergraph round trip (see event-entity.ts).
   */
  eventEntity?(event: EventEnvelope): EventEntity;
}
