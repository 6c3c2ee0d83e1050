import { type JetStreamClient, type JetStreamManager } from 'nats';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';
import { type EventEnvelope } from './event-envelope';
import type { EventNames } from './event-names';
import type { OutboxEntry, Tx, UnitOfWork } from './unit-of-work';
/**
 * A subgraph's reaction to one event type, run in a transaction with the processed-event record. The
 * transaction may be shared with other events of the same store (each handler in a savepoint), so a
 * handler leaves the transaction's settings as it found them: it never changes `app.store_id`.
 */
export interface EventHandler<TData = Record<string, unknown>> {
    /** Durable consumer name, unique per subgraph, e.g. `inventory-create-item`. */
    name: string;
    /** The event type it handles, e.g. `catalog.product-created`. */
    eventType: string;
    handle(event: EventEnvelope<TData>, tx: Tx, logger: Logger): Promise<void>;
}
/** Thrown by a handler for an event that can never succeed: it goes straight to the dead-letter subject. */
export declare class PermanentEventError extends Error {
}
export interface ConsumerRunnerOptions {
    js: JetStreamClient;
    jsm: JetStreamManager;
    dataSource: DataSource;
    unitOfWork: UnitOfWork;
    names: EventNames;
    logger: Logger;
    /** Failures that are not transient (or transient ones past the retry window) before an event is dead-lettered. */
    maxDeliveries: number;
    /** How long after an event was published transient failures are retried without counting (EVENT_RETRY_WINDOW). */
    retryWindowMs?: number;
    concurrency: number;
    /** Redelivery after this long without an ack (a crashed replica's messages); long handlers extend it as they work. */
    ackWaitMs: number;
    /** Called after a handler's transaction committed with the events it wrote (the relay publishes them at once). */
    onEventsEmitted: (events: OutboxEntry[]) => void;
}
/** Redelivery delay after the n-th failed delivery: 200 ms, 400 ms, … capped at `capMs` (10 s; 30 s while an outage lasts). */
export declare function retryDelayMs(deliveryCount: number, capMs?: number): number;
/** The longest pause between two tries of an event that fails transiently (the database is down). */
export declare const TRANSIENT_RETRY_CAP_MS = 30000;
export declare const DEFAULT_RETRY_WINDOW_MS: number;
/**
 * Durable JetStream consumers: explicit ack only after the handler's transaction commits, a
 * processed-event row per (consumer, event id) so redeliveries change nothing, nak with backoff on
 * passing failures, dead-letter after a bounded number of deliveries, bounded concurrency, and a
 * loop that re-subscribes when the connection or the consumer goes away.
 */
export declare class ConsumerRunner {
    private readonly options;
    private stopped;
    private readonly subscriptions;
    private readonly loops;
    /**
     * Failures that count toward the dead letter, per message in flight on this replica (JetStream's
     * delivery count also counts transient ones). Forgotten once the message is acked or parked; a
     * restart starts the count again, which only means more tries.
     */
    private readonly countedFailures;
    constructor(options: ConsumerRunnerOptions);
    start(handler: EventHandler): Promise<void>;
    stop(): Promise<void>;
    /**
     * Pulls up to `concurrency` messages at a time. Messages that arrive together (already waiting when
     * the loop gets to them) form a batch, which is split by store: each store's events are handled in
     * one transaction (`processGroup`); a lone event in its own (`process`).
     */
    private consumeLoop;
    /**
     * One store's events in one transaction: their processed-event records inserted by one statement,
     * each handler in a savepoint (a failing event is rolled back alone, its record with it, and
     * retried or parked as `failed` says), acks after the commit. Should the transaction itself fail
     * (the connection went, the commit failed), its events are handled again one by one.
     */
    private processGroup;
    private process;
    /**
     * A failed try: a PermanentEventError is parked at once; a transient failure within the retry
     * window (from the event's publication) comes back after an exponential backoff capped at 30 s and
     * counts for nothing, so a database outage of up to the window parks nothing; any other failure
     * counts, and the `maxDeliveries`-th is parked.
     */
    private failed;
    private deadLetter;
}
