import type { EventSource } from '@ultramarket/kit';
import { openSequencedFeed, streamBounds, type SequencedEvent, type SequencedFeed } from './sequenced-feed';

type Listener = (item: SequencedEvent) => void;

/** A listener's registration: the stream position it listens from, and how to stop. */
export interface Listening {
  /** The stream it reads. */
  stream: string;
  /** The last stream sequence before the first event this listener gets: every later one reaches it, in order. */
  position: number;
  stop(): void;
}

interface SubjectFeed {
  listeners: Set<Listener>;
  live: Promise<SequencedFeed>;
}

/**
 * One JetStream ordered consumer per event type per gateway process, fanned out in memory to every
 * subscriber of that type. Ordered consumers are ephemeral and per replica, so every gateway replica
 * sees every event. `listen` resolves once the consumer is positioned and says from which stream
 * sequence the listener hears everything, so a subscriber can read the current state after that and
 * miss nothing; `replay` gives one resumed subscriber its own consumer from an older position.
 */
export class EventFanout {
  private readonly feeds = new Map<string, SubjectFeed>();
  private readonly replays = new Set<SequencedFeed>();

  constructor(private readonly source: EventSource) {}

  async listen(eventType: string, listener: Listener): Promise<Listening> {
    let feed = this.feeds.get(eventType);
    if (!feed) {
      const listeners = new Set<Listener>();
      const live = openSequencedFeed(this.source, eventType, (item) => {
        for (const each of listeners) each(item);
      });
      feed = { listeners, live };
      this.feeds.set(eventType, feed);
    }
    let sequenced: SequencedFeed;
    try {
      sequenced = await feed.live;
    } catch (error) {
      if (this.feeds.get(eventType) === feed && feed.listeners.size === 0) this.feeds.delete(eventType);
      throw error;
    }
    // its last listener left while this one waited: the feed is stopping, open a new one
    if (this.feeds.get(eventType) !== feed) return this.listen(eventType, listener);
    // registered in the same turn as `position` is read: every message handed on later is after it
    feed.listeners.add(listener);
    const position = sequenced.position;
    const current = feed;
    return {
      stream: sequenced.stream,
      position,
      stop: () => {
        current.listeners.delete(listener);
        if (current.listeners.size === 0 && this.feeds.get(eventType) === current) {
          this.feeds.delete(eventType);
          void sequenced.stop();
        }
      },
    };
  }

  /** The stream `eventType` is stored in, and the first and last sequences it holds. */
  bounds(eventType: string): Promise<{ stream: string; firstSeq: number; lastSeq: number }> {
    return streamBounds(this.source, eventType);
  }

  /**
   * Events of `eventType` stored after `afterSeq`, then live ones. What was missed comes through a
   * consumer of the listener's own; once it has handed on the last event of the type stored when the
   * listener joined the shared feed, that consumer stops and the shared feed takes over (what it heard
   * meanwhile was held back, and is handed on from after the last replayed sequence): no gap, no repeat,
   * and a gateway whose subscribers all come back with cursors does not keep a consumer for each.
   */
  async replay(eventType: string, afterSeq: number, listener: Listener): Promise<Listening> {
    let replayedUpTo = afterSeq;
    let caughtUpAt: number | null = null;
    let joined = false;
    const heldBack: SequencedEvent[] = [];
    let own: SequencedFeed | null = null;
    const join = () => {
      if (joined) return;
      joined = true;
      this.replays.delete(own!);
      void own!.stop();
      for (const item of heldBack.splice(0)) if (item.seq > replayedUpTo) listener(item);
    };
    own = await openSequencedFeed(
      this.source,
      eventType,
      (item) => {
        if (joined) return;
        replayedUpTo = item.seq;
        listener(item);
        if (caughtUpAt !== null && replayedUpTo >= caughtUpAt) join();
      },
      { after: afterSeq },
    );
    this.replays.add(own);
    let shared: Listening;
    try {
      shared = await this.listen(eventType, (item) => (joined ? listener(item) : heldBack.push(item)));
    } catch (error) {
      this.replays.delete(own);
      await own.stop();
      throw error;
    }
    // every event of the type after the shared feed's position reaches it: the replay need only reach the
    // last one stored up to there (or later, if one was stored since; the replay reaches that one too)
    caughtUpAt = await lastSeqOf(this.source, own.stream, eventType);
    if (replayedUpTo >= caughtUpAt) join();
    return {
      stream: own.stream,
      position: afterSeq,
      stop: () => {
        shared.stop();
        if (!joined) {
          joined = true;
          this.replays.delete(own);
          void own.stop();
        }
      },
    };
  }

  async close(): Promise<void> {
    const feeds = [...this.feeds.values()];
    const replays = [...this.replays];
    this.feeds.clear();
    this.replays.clear();
    await Promise.all([
      ...feeds.map((feed) =>
        feed.live.then(
          (live) => live.stop(),
          () => undefined,
        ),
      ),
      ...replays.map((feed) => feed.stop()),
    ]);
  }
}

/** The stream sequence of the last event of `eventType` stored, 0 when there is none. */
async function lastSeqOf(source: EventSource, stream: string, eventType: string): Promise<number> {
  try {
    const message = await source.jsm.streams.getMessage(stream, { last_by_subj: source.names.subject(eventType) });
    return message.seq;
  } catch (error) {
    if (/no message found/i.test(String((error as Error).message))) return 0;
    throw error;
  }
}
