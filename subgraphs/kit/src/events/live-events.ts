import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from 'nats';
import type { Logger } from '../logging/logger';
import { parseEnvelope, type EventEnvelope } from './event-envelope';
import type { EventNames } from './event-names';
import { ensureStream } from './streams';

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
export async function followEvents(
  source: EventSource,
  eventType: string,
  onEvent: (event: EventEnvelope, storedAtMs: number) => void,
  options: LiveEventsOptions = {},
): Promise<LiveEvents> {
  const { js, jsm, names, logger } = source;
  const domain = names.domainOf(eventType);
  await ensureStream(jsm, names, domain);
  const consumer = await js.consumers.get(names.stream(domain), {
    // one subject as a string: NATS 2.9 servers do not know filter_subjects
    filterSubjects: names.subject(eventType),
    // without a start time no deliver_policy: an ordered consumer starts at the stream's first message
    // by default (with DeliverPolicy.All spelled out, nats.js 2.29's consume() never resolved here)
    ...(options.since ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: options.since.toISOString() } : {}),
  });
  const messages = await consumer.consume();
  void (async () => {
    try {
      for await (const message of messages) {
        try {
          onEvent(parseEnvelope(message.data), message.info.timestampNanos / 1_000_000);
        } catch (error) {
          logger.warn({ err: error, subject: message.subject }, 'skipping a message this process cannot take');
        }
      }
      options.onEnd?.();
    } catch (error) {
      logger.error({ err: error, eventType }, 'live event feed stopped');
      options.onEnd?.(error);
    }
  })();
  return {
    stop: async () => {
      await messages.close().catch(() => undefined);
    },
  };
}

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
export async function followEventsResuming(
  source: EventSource,
  eventType: string,
  onEvent: (event: EventEnvelope, storedAtMs: number) => void,
  options: ResumingFeedOptions,
): Promise<LiveEvents> {
  const retryMs = options.retryMs ?? 1000;
  let lastStoredAtMs = options.since.getTime();
  let stopped = false;
  let current: LiveEvents | null = null;

  const open = async (): Promise<void> => {
    const live = await followEvents(
      source,
      eventType,
      (event, storedAtMs) => {
        lastStoredAtMs = storedAtMs;
        onEvent(event, storedAtMs);
      },
      { since: new Date(lastStoredAtMs), onEnd: (error) => lost(error) },
    );
    if (stopped) await live.stop();
    else current = live;
  };
  const lost = (error?: unknown): void => {
    if (stopped) return;
    current = null;
    options.onLost?.(error);
    const reopen = (): void => {
      if (stopped) return;
      open().then(
        () => options.onBack?.(),
        (reopenError: unknown) => {
          source.logger.warn({ err: reopenError, eventType }, 'live event feed not back yet; trying again');
          setTimeout(reopen, retryMs).unref();
        },
      );
    };
    setTimeout(reopen, retryMs).unref();
  };

  await open();
  return {
    stop: async () => {
      stopped = true;
      await current?.stop();
    },
  };
}
