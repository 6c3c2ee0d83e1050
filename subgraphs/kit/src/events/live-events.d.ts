import { type JetStreamClient, type JetStreamManager } from 'nats';
import type { Logger } from '../logging/logger';
import { type EventEnvelope } from './event-envelope';
import type { EventNames } from './event-names';
export interface LiveEventsOptions {
    /** Only events stored from then on (the NATS server's clock); without it, from the stream's start. */
    since?: Date;
    /** Runs once when the feed stops: `error` when it failed, nothing when it was stopped. */
    onEnd?(error?: unknown): void;
}
/** What following events takes: the JetStream clients, the namespace's names and a logger. */
export interface EventSource {
    js: JetStreamClient;
    jsm: JetStreamManager;
    names: EventNames;
    logger: Logger;
}
export interface LiveEvents {
    stop(): Promise<void>;
}
/**
 * Every event of one type as JetStream stores it, to this process alone: an ordered consumer, so every
 * replica sees every event and nothing is acknowledged or shared (the opposite of a durable consumer,
 * where replicas share the work). Resolves once the consumer listens; `onEvent` gets each event with
 * the time it was stored; a message that is not an event, or that `onEvent` throws on, is logged and
 * skipped.
 */
export declare function followEvents(source: EventSource, eventType: string, onEvent: (event: EventEnvelope, storedAtMs: number) => void, options?: LiveEventsOptions): Promise<LiveEvents>;
export interface ResumingFeedOptions {
    /** Events stored from then on (the NATS server's clock). */
    since: Date;
    /** How long to wait before opening a lost feed again (and again, while it cannot be opened). */
    retryMs?: number;
    /** The feed ended while not stopped (NATS restarted, the consumer was lost): nothing is heard until `onBack`. */
    onLost?(error?: unknown): void;
    /** The feed was opened again, from the time of the last event it delivered. */
    onBack?(): void;
}
/**
 * `followEvents` that reopens itself: a feed that ends while not stopped is opened again every `retryMs`
 * from the time of the last event it delivered (or `since`), so what was stored meanwhile is still heard,
 * in order (an event on that very millisecond may be heard twice: handlers are idempotent). For per-process
 * followers that must outlive a NATS restart: response-cache invalidation, checkout replies.
 */
export declare function followEventsResuming(source: EventSource, eventType: string, onEvent: (event: EventEnvelope, storedAtMs: number) => void, options: ResumingFeedOptions): Promise<LiveEvents>;
