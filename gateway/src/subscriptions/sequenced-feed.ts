import { DeliverPolicy } from 'nats';
import { ensureStream, parseEnvelope, type EventEnvelope, type EventSource } from '@ultramarket/kit';

/** An event with its JetStream stream sequence: the position a subscriber's cursor names. */
export interface SequencedEvent {
  event: EventEnvelope;
  seq: number;
}

export interface SequencedFeed {
  /** The stream the feed reads (a cursor names it, so a cursor of another stream is refused). */
  readonly stream: string;
  /** The sequence of the last message the feed has handed on (or skipped): everything after it is still to come. */
  readonly position: number;
  stop(): Promise<void>;
}

/** How long a feed whose consumer failed waits before it opens a new one, at most. */
const REOPEN_MAX_DELAY_MS = 2000;
/** Pull requests expire this often, so heartbeats are checked often and a restarted NATS is noticed quickly. */
const PULL_EXPIRES_MS = 5000;

/** The stream's bounds: the first sequence it still holds and the last one it stored. */
export async function streamBounds(source: EventSource, eventType: string): Promise<{ stream: string; firstSeq: number; lastSeq: number }> {
  const domain = source.names.domainOf(eventType);
  const stream = source.names.stream(domain);
  await ensureStream(source.jsm, source.names, domain);
  const info = await source.jsm.streams.info(stream);
  return { stream, firstSeq: info.state.first_seq, lastSeq: info.state.last_seq };
}

/**
 * Every event of one type stored after sequence `after` (the stream's last one when not given), to this
 * process alone, through a JetStream ordered consumer. Unlike the kit's `followEvents` it hands on each
 * event's stream sequence, and it outlives its consumer: if the consumer ends with an error (NATS was
 * restarted and the ordered consumer could not reset itself), a new one is opened after the last
 * sequence handed on, so nothing is missed or repeated. Resolves once the consumer is positioned: the
 * feed's `position` is then exact, and any event stored later reaches `onEvent`.
 */
export async function openSequencedFeed(
  source: EventSource,
  eventType: string,
  onEvent: (item: SequencedEvent) => void,
  options: { after?: number } = {},
): Promise<SequencedFeed> {
  const bounds = await streamBounds(source, eventType);
  let position = options.after ?? bounds.lastSeq;
  let stopped = false;
  let close: () => Promise<void> = async () => undefined;

  const consumeFrom = async (): Promise<void> => {
    const consumer = await source.js.consumers.get(bounds.stream, {
      // one subject as a string: NATS 2.9 servers do not know filter_subjects
      filterSubjects: source.names.subject(eventType),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: position + 1,
    });
    const messages = await consumer.consume({ expires: PULL_EXPIRES_MS });
    close = async () => {
      await messages.close().catch(() => undefined);
    };
    void (async () => {
      let failure: unknown;
      try {
        for await (const message of messages) {
          if (message.seq <= position) continue; // a reset consumer may repeat what it had handed on
          position = message.seq;
          try {
            onEvent({ event: parseEnvelope(message.data), seq: message.seq });
          } catch (error) {
            source.logger.warn({ err: error, subject: message.subject }, 'skipping a message the gateway cannot take');
          }
        }
      } catch (error) {
        failure = error;
      }
      if (stopped) return;
      source.logger.warn({ err: failure, eventType, position }, 'subscription feed ended: reopening it after the last event handed on');
      await reopen();
    })();
  };

  const reopen = async (): Promise<void> => {
    for (let attempt = 1; !stopped; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, REOPEN_MAX_DELAY_MS)));
      if (stopped) return;
      try {
        await consumeFrom();
        return;
      } catch (error) {
        source.logger.warn({ err: error, eventType, attempt }, 'could not reopen a subscription feed yet');
      }
    }
  };

  await consumeFrom();
  return {
    stream: bounds.stream,
    get position() {
      return position;
    },
    stop: async () => {
      stopped = true;
      await close();
    },
  };
}
