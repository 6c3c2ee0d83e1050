import type { Caller } from '../caller/caller';
/**
 * Who caused an event, carried in its `data.actor`: the person whose request it was (a staff member capturing,
 * refunding, shipping, marking paid; a shopper cancelling), or null when no person did (the platform, a provider's
 * or a carrier's report, an expiry). Orders writes its audit trail from it (docs/order-saga.md "Audit trail").
 */
export type EventActor = {
    userId: string;
} | null;
/** The caller as an event's actor: its user, or null for a caller without one. */
export declare function actorOf(caller: Caller): EventActor;
