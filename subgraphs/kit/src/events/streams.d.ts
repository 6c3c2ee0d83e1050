import { type JetStreamManager } from 'nats';
import type { EventNames } from './event-names';
/** The limits a stream keeps its messages within (EVENT_STREAM_MAX_AGE, EVENT_STREAM_MAX_BYTES). */
export interface StreamLimits {
    maxAgeMs: number;
    /** -1: no cap. */
    maxBytes: number;
}
/** The limits from the environment every process of an install shares, so whichever replica updates a stream sets the same ones. */
export declare function streamLimitsFromEnv(): StreamLimits;
/** Creates or updates a domain's stream; safe to call from every replica at every start. */
export declare function ensureStream(jsm: JetStreamManager, names: EventNames, domain: string, limits?: StreamLimits): Promise<void>;
