import type { DataSource } from 'typeorm';
import type { JetStreamClient } from 'nats';
import type { Logger } from '../logging/logger';
import type { OutboxEntry } from './unit-of-work';
export interface OutboxRelayOptions {
    /** Rows claimed per fallback round. */
    batchSize?: number;
    /**
     * The fallback poll leaves rows younger than this to the publish-after-commit path (which is
     * normally done within milliseconds); only rows a crash or a NATS outage left behind are its.
     */
    fallbackGraceMs?: number;
    /** How long a fallback round owns the rows it claimed; another replica takes them over after this. */
    claimMs?: number;
    /** How long a publish waits for JetStream's ack. */
    publishTimeoutMs?: number;
}
/**
 * Publishes what transactions wrote to the outbox with Nats-Msg-Id = event id, so a second publish of
 * an event (both paths below, two replicas) is dropped by JetStream.
 *
 * - Right after commit (`publishCommitted`): the committed events are published from memory, in the
 *   transaction's order, all sent before any ack is awaited; their rows are then marked published
 *   in one UPDATE, together with those of every other commit whose acks came in meanwhile. No row is
 *   read and none is locked.
 * - The fallback (`kick`, and a poll every `pollMs`) publishes rows left unpublished (a crash between
 *   commit and publish, NATS down, a failed mark): it claims a batch in one statement (a short
 *   lease, `claimed_until`, so replicas share the work without holding row locks across the NATS
 *   round trip), publishes it in order, marks it. The poll leaves rows younger than
 *   `fallbackGraceMs` to the first path; `kick` takes every unclaimed row. While NATS is down it
 *   backs off and catches up when it returns.
 */
export declare class OutboxRelay {
    private readonly dataSource;
    private readonly js;
    private readonly logger;
    private readonly pollMs;
    private running;
    private wakeRequested;
    private timer;
    private stopped;
    private failures;
    private idle;
    private readonly inFlight;
    private readonly toMark;
    private marking;
    private readonly batchSize;
    private readonly fallbackGraceMs;
    private readonly claimMs;
    private readonly publishTimeoutMs;
    constructor(dataSource: DataSource, js: JetStreamClient, logger: Logger, pollMs: number, options?: OutboxRelayOptions);
    start(): void;
    /**
     * Publishes a committed transaction's events now, from memory, then marks their rows published.
     * Does not wait: a failure leaves the rows to the fallback.
     */
    publishCommitted(events: OutboxEntry[]): void;
    /** Publish every unpublished row now (at start; tests), whatever its age. */
    kick(): void;
    stop(): Promise<void>;
    private drainSoon;
    private drain;
    /**
     * Claims a batch of unpublished rows (one statement, no lock kept), publishes it in order, marks
     * it published; on a failure the claim is given up so the next round retries at once.
     */
    private publishClaimedBatch;
    private publish;
    /** Marks what the publish-after-commit path published, in one UPDATE per round however many commits it covers. */
    private markPublished;
}
