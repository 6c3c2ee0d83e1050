import { followEvents, type EventEnvelope, type EventSource, type LiveEvents } from '@ultramarket/kit';

type Listener = (event: EventEnvelope) => void;

interface SubjectFeed {
  listeners: Set<{ listener: Listener; sinceMs: number }>;
  live: Promise<LiveEvents>;
}

/**
 * One JetStream ordered consumer per event type per gateway process, fanned out in memory to every
 * subscriber of that type. Ordered consumers are ephemeral and per replica, so every gateway replica
 * sees every event. A feed starts from the time of its first subscriber's request, and each listener
 * only gets events stored after it registered, so no event is missed while the consumer is set up.
 */
export class EventFanout {
  private readonly feeds = new Map<string, SubjectFeed>();

  constructor(private readonly source: EventSource) {}

  async listen(eventType: string, listener: Listener): Promise<() => void> {
    // a millisecond of slack: the server stamps messages with its own clock
    const entry = { listener, sinceMs: Date.now() - 1 };
    let feed = this.feeds.get(eventType);
    if (!feed) {
      feed = { listeners: new Set(), live: this.openFeed(eventType, new Date(Date.now() - 1)) };
      this.feeds.set(eventType, feed);
    }
    feed.listeners.add(entry);
    try {
      await feed.live;
    } catch (error) {
      this.feeds.delete(eventType);
      throw error;
    }
    return () => {
      feed.listeners.delete(entry);
      if (feed.listeners.size === 0 && this.feeds.get(eventType) === feed) {
        this.feeds.delete(eventType);
        void feed.live.then((live) => live.stop());
      }
    };
  }

  async close(): Promise<void> {
    const feeds = [...this.feeds.values()];
    this.feeds.clear();
    await Promise.all(
      feeds.map((feed) =>
        feed.live.then(
          (live) => live.stop(),
          () => undefined,
        ),
      ),
    );
  }

  private openFeed(eventType: string, since: Date): Promise<LiveEvents> {
    return followEvents(
      this.source,
      eventType,
      (event, storedAtMs) => {
        for (const { listener, sinceMs } of this.feeds.get(eventType)?.listeners ?? []) {
          if (storedAtMs >= sinceMs) listener(event);
        }
      },
      { since },
    );
  }
}
