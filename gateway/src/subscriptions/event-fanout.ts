import { DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from 'nats';
import { ensureStream, parseEnvelope, type EventEnvelope, type EventNames, type Logger } from '@ultramarket/kit';

type Listener = (event: EventEnvelope) => void;

interface SubjectFeed {
  listeners: Set<{ listener: Listener; sinceMs: number }>;
  messages: Promise<ConsumerMessages>;
}

/**
 * One JetStream ordered consumer per event type per gateway process, fanned out in memory to every
 * subscriber of that type. Ordered consumers are ephemeral and per replica, so every gateway replica
 * sees every event. A feed starts from the time of its first subscriber's request, and each listener
 * only gets events stored after it registered, so no event is missed while the consumer is set up.
 */
export class EventFanout {
  private readonly feeds = new Map<string, SubjectFeed>();

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly names: EventNames,
    private readonly logger: Logger,
  ) {}

  async listen(eventType: string, listener: Listener): Promise<() => void> {
    // a millisecond of slack: the server stamps messages with its own clock
    const entry = { listener, sinceMs: Date.now() - 1 };
    let feed = this.feeds.get(eventType);
    if (!feed) {
      feed = { listeners: new Set(), messages: this.openFeed(eventType, new Date(Date.now() - 1)) };
      this.feeds.set(eventType, feed);
    }
    feed.listeners.add(entry);
    try {
      await feed.messages;
    } catch (error) {
      this.feeds.delete(eventType);
      throw error;
    }
    return () => {
      feed.listeners.delete(entry);
      if (feed.listeners.size === 0 && this.feeds.get(eventType) === feed) {
        this.feeds.delete(eventType);
        void feed.messages.then((messages) => messages.stop());
      }
    };
  }

  async close(): Promise<void> {
    const feeds = [...this.feeds.values()];
    this.feeds.clear();
    await Promise.all(
      feeds.map((feed) =>
        feed.messages.then(
          (messages) => messages.stop(),
          () => undefined,
        ),
      ),
    );
  }

  private async openFeed(eventType: string, since: Date): Promise<ConsumerMessages> {
    const domain = this.names.domainOf(eventType);
    await ensureStream(this.jsm, this.names, domain);
    const consumer = await this.js.consumers.get(this.names.stream(domain), {
      // one subject as a string: NATS 2.9 servers do not know filter_subjects
      filterSubjects: this.names.subject(eventType),
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: since.toISOString(),
    });
    const messages = await consumer.consume();
    void this.pump(eventType, messages);
    return messages;
  }

  private async pump(eventType: string, messages: ConsumerMessages): Promise<void> {
    try {
      for await (const message of messages) {
        const feed = this.feeds.get(eventType);
        if (!feed) continue;
        let event: EventEnvelope;
        try {
          event = parseEnvelope(message.data);
        } catch (error) {
          this.logger.warn({ err: error, subject: message.subject }, 'ignoring a message that is not an event');
          continue;
        }
        const storedAtMs = message.info.timestampNanos / 1_000_000;
        for (const { listener, sinceMs } of feed.listeners) {
          if (storedAtMs >= sinceMs) listener(event);
        }
      }
    } catch (error) {
      this.logger.error({ err: error, eventType }, 'event feed stopped');
    }
  }
}
