import type { DataSource, EntityManager } from 'typeorm';
import { type EventEnvelope, type NewEvent, type Trace } from './event-envelope';
import type { EventNames } from './event-names';
import { type StoreScope } from '../tenancy/store-scope';
/** A database transaction that can also record events; they are published only if it commits. */
export interface Tx {
    manager: EntityManager;
    emit<TData extends object>(event: NewEvent<TData>): Promise<EventEnvelope<TData>>;
    /**
     * Runs `work` inside a SAVEPOINT of this transaction. Should it throw, the transaction is rolled back
     * to the savepoint (its rows and outbox rows gone, the transaction usable again), the events it
     * emitted are forgotten (never published) and the error is rethrown; otherwise the savepoint is released.
     */
    savepoint<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}
/** An event written to the outbox: what the relay publishes once the transaction has committed. */
export interface OutboxEntry {
    /** The event id, sent as Nats-Msg-Id. */
    id: string;
    subject: string;
    envelope: EventEnvelope<unknown>;
}
/** Writes an event into the outbox inside the caller's transaction. */
export declare function writeToOutbox<TData>(manager: EntityManager, names: EventNames, envelope: EventEnvelope<TData>): Promise<OutboxEntry>;
/**
 * Transactions that may also record events. Each runs in a store scope (`app.store_id`): the
 * request's unit of work is bound to its caller's store (`forScope`); the process-wide one has no
 * scope, so background work names the store it works in (or PLATFORM_SCOPE) before touching
 * tenant-owned tables.
 */
export declare class UnitOfWork {
    private readonly dataSource;
    private readonly names;
    /** Called after a commit with the events the transaction wrote, in order (the relay publishes them at once). */
    private readonly afterCommitWithEvents;
    /** The store this unit of work's transactions see; null sees no tenant-owned row. */
    readonly scope: StoreScope | null;
    constructor(dataSource: DataSource, names: EventNames, 
    /** Called after a commit with the events the transaction wrote, in order (the relay publishes them at once). */
    afterCommitWithEvents: (events: OutboxEntry[]) => void, 
    /** The store this unit of work's transactions see; null sees no tenant-owned row. */
    scope?: StoreScope | null);
    /** The same unit of work, its transactions scoped to `scope`. */
    forScope(scope: StoreScope | null): UnitOfWork;
    /** Runs `work` in one transaction; events it emits are written to the outbox in that transaction. */
    run<T>(trace: Trace, work: (tx: Tx) => Promise<T>): Promise<T>;
    /** The same inside a transaction someone else opened (the consumer runner's). */
    runIn<T>(manager: EntityManager, trace: Trace, work: (tx: Tx) => Promise<T>, onEmit?: (entry: OutboxEntry) => void): Promise<T>;
    /** A Tx whose events go to `onEmit`; `depth` numbers nested savepoints, so each has its own name. */
    private txOf;
}
