import { type JetStreamClient, type JetStreamManager } from 'nats';
import type { EventNames } from './event-names';
export interface ReplayOptions {
    js: JetStreamClient;
    jsm: JetStreamManager;
    names: EventNames;
    /** The consumer whose dead letters to re-drive: its handler name (`inventory-reserve-stock`) or its durable name. */
    consumer: string;
    /** At most this many, oldest first. */
    limit?: number;
    /** Report what would be done, change nothing. */
    dryRun?: boolean;
    /**
     * Dead letters of events published longer ago than this are left alone: other consumers of the
     * same subject may have forgotten (pruned) that they handled them, and would handle them again.
     * PROCESSED_EVENT_RETENTION; Infinity replays them anyway.
     */
    maxEventAgeMs?: number;
}
/** What became of one dead letter. */
export interface ReplayedLetter {
    /** Its sequence in the dead-letter stream. */
    sequence: number;
    eventId: string | null;
    eventType: string | null;
    /** Where it was republished (its Original-Subject). */
    subject: string | null;
    /** The failure that parked it. */
    error: string;
    outcome: 'replayed' | 'would replay' | 'skipped';
    reason?: string;
}
/**
 * Re-drives a consumer's dead letters: each is republished to the subject it was first published on
 * (its Original-Subject header) under a new Nats-Msg-Id (the event id alone would be dropped as a
 * duplicate within the stream's window), then deleted from the dead-letter stream. The consumer
 * handles it again (its failed try left no processed-event record); every other consumer of that
 * subject has a record for the event id and acknowledges the copy without effect.
 */
export declare function replayDeadLetters(options: ReplayOptions): Promise<ReplayedLetter[]>;
