import { nanos, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from 'nats';
import { readEventStorage } from '../config/kit-config';
import type { EventNames } from './event-names';

/** The limits a stream keeps its messages within (EVENT_STREAM_MAX_AGE, EVENT_STREAM_MAX_BYTES). */
export interface StreamLimits {
  maxAgeMs: number;
  /** -1: no cap. */
  maxBytes: number;
}

/** The limits from the environment every process of an install shares, so whichever replica updates a stream sets the same ones. */
export function streamLimitsFromEnv(): StreamLimits {
  const storage = readEventStorage(process.env);
  return { maxAgeMs: storage.streamMaxAgeMs, maxBytes: storage.streamMaxBytes };
}

/** Creates or updates a domain's stream; safe to call from every replica at every start. */
export async function ensureStream(jsm: JetStreamManager, names: EventNames, domain: string, limits: StreamLimits = streamLimitsFromEnv()): Promise<void> {
  const config: Partial<StreamConfig> = {
    name: names.stream(domain),
    subjects: [names.streamSubjects(domain)],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: nanos(limits.maxAgeMs),
    max_bytes: limits.maxBytes,
    // publishes carry Nats-Msg-Id = event id; a repeat within this window is dropped
    duplicate_window: 2 * 60 * 1_000_000_000,
  };
  try {
    await jsm.streams.info(config.name!);
    await jsm.streams.update(config.name!, config);
  } catch (error) {
    if (!String((error as Error).message).includes('stream not found')) throw error;
    try {
      await jsm.streams.add(config);
    } catch (addError) {
      // a replica starting at the same moment created it first
      if (!String((addError as Error).message).includes('already in use')) throw addError;
    }
  }
}
