import { followEvents, type EventSource, type LiveEvents } from '@ultramarket/kit';
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
  const feeds = new Map<string, LiveEvents>();
  const failed = new Set<string>();
  let stopped = false;

  const open = async (eventType: string, since: Date): Promise<void> => {
    let lastStoredAtMs = since.getTime();
    const live = await followEvents(
      source,
      eventType,
      (event, storedAtMs) => {
        lastStoredAtMs = storedAtMs;
        void cache.invalidate(tagsOfEvent(event));
      },
      {
        since,
        // a feed that ends while the cache runs, with an error or without, no longer hears what changes
        onEnd: (error) => {
          if (stopped) return;
          if (error) source.logger.warn({ err: error, eventType }, 'response cache: invalidation feed lost, not serving until it is back');
          failed.add(eventType);
          cache.setFollowing(false);
          const reopen = (): void => {
            if (stopped) return;
            open(eventType, new Date(lastStoredAtMs)).then(
              () => {
                failed.delete(eventType);
                if (failed.size === 0) cache.setFollowing(true);
              },
              (reopenError: unknown) => {
                source.logger.warn({ err: reopenError, eventType }, 'response cache: invalidation feed not back yet');
                setTimeout(reopen, RETRY_MS).unref();
              },
            );
          };
          setTimeout(reopen, RETRY_MS).unref();
        },
      },
    );
    if (stopped) {
      await live.stop();
      return;
    }
    feeds.set(eventType, live);
  };

  // a millisecond of slack: the server stamps messages with its own clock
  const since = new Date(Date.now() - 1);
  await Promise.all(INVALIDATING_EVENTS.map((eventType) => open(eventType, since)));
  cache.setFollowing(true);
  return {
    stop: async () => {
      stopped = true;
      cache.setFollowing(false);
      await Promise.all([...feeds.values()].map((live) => live.stop()));
    },
  };
}
