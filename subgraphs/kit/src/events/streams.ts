import { RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from 'nats';
import type { EventNames } from './event-names';

const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

/** Creates or updates a domain's stream; safe to call from every replica at every start. */
export async function ensureStream(jsm: JetStreamManager, names: EventNames, domain: string): Promise<void> {
  const config: Partial<StreamConfig> = {
    name: names.stream(domain),
    subjects: [names.streamSubjects(domain)],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: 7 * DAY_NS,
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
