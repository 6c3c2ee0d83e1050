import { followEventsResuming, type EventSource, type LiveEvents } from '@ultramarket/kit';
import { INVALIDATING_EVENTS, tagsOfEvent } from './cache-tags';
import type { ResponseCache } from './response-cache';

const RETRY_MS = 1000;

/**
 * Follows every invalidating event type with an ordered consumer of this process's own (as the
 * subscription feeds do: every replica hears every event) and deletes the tags each event names. The
 * cache serves only while all feeds are live; a feed that fails turns serving off and is opened again
 * from the time of the last event it delivered, so what happened meanwhile is still heard before the
 * cache serves again.
 */
export async function followCacheInvalidations(source: EventSource, cache: ResponseCache): Promise<{ stop(): Promise<void> }> {
  const failed = new Set<string>();
  // a millisecond of slack: the server stamps messages with its own clock
  const since = new Date(Date.now() - 1);
  const feeds: LiveEvents[] = await Promise.all(
    INVALIDATING_EVENTS.map((eventType) =>
      followEventsResuming(source, eventType, (event) => void cache.invalidate(tagsOfEvent(event)), {
        since,
        retryMs: RETRY_MS,
        // a feed that ends while the cache runs, with an error or without, no longer hears what changes
        onLost: (error) => {
          if (error) source.logger.warn({ err: error, eventType }, 'response cache: invalidation feed lost, not serving until it is back');
          failed.add(eventType);
          cache.setFollowing(false);
        },
        onBack: () => {
          failed.delete(eventType);
          if (failed.size === 0) cache.setFollowing(true);
        },
      }),
    ),
  );
  cache.setFollowing(true);
  return {
    stop: async () => {
      cache.setFollowing(false);
      await Promise.all(feeds.map((live) => live.stop()));
    },
  };
}
