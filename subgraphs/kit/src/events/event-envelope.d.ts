/** The envelope every domain event travels in (BLUEPRINT "Events"). `id` is sent as Nats-Msg-Id. */
export interface EventEnvelope<TData = Record<string, unknown>> {
    id: string;
    /** `<domain>.<event>` in kebab case, e.g. `catalog.product-created`. */
    type: string;
    occurredAt: string;
    storeId: string | null;
    aggregateId: string;
    aggregateVersion: number;
    /** The event (or request) that caused this one. */
    causationId: string | null;
    /** Shared by everything one user action set off, across subgraphs. */
    correlationId: string;
    data: TData;
}
/** What a producer says; the kit fills in ids, time and tracing. */
export interface NewEvent<TData = Record<string, unknown>> {
    type: string;
    storeId: string | null;
    aggregateId: string;
    aggregateVersion?: number;
    data: TData;
}
/** Where an event came from, carried into the events it causes. */
export interface Trace {
    correlationId: string;
    causationId: string | null;
}
export declare function envelopeFor<TData>(event: NewEvent<TData>, trace: Trace): EventEnvelope<TData>;
export declare function parseEnvelope(bytes: Uint8Array): EventEnvelope;
