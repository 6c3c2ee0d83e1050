import { LocalResponseCache, type CachedResponse } from './local-response-cache';

const entry = (tags: string[], bytes = 10, storedAtMs = Date.now(), maxAgeSeconds = 60): CachedResponse => ({
  data: { tags },
  storedAtMs,
  readStartedAtMs: storedAtMs,
  maxAgeSeconds,
  tags,
  bytes,
});

describe('LocalResponseCache', () => {
  it('drops the least recently used entry past its entry bound', () => {
    const cache = new LocalResponseCache({ maxEntries: 2, maxBytes: 1000 });
    cache.set('a', entry(['t']));
    cache.set('b', entry(['t']));
    expect(cache.get('a')).toBeDefined();
    cache.set('c', entry(['t']));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('stays within its byte bound and never keeps an entry larger than it', () => {
    const cache = new LocalResponseCache({ maxEntries: 100, maxBytes: 100 });
    cache.set('a', entry([], 60));
    cache.set('b', entry([], 60));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    cache.set('huge', entry([], 101));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
  });

  it('deletes exactly the entries filed under a tag, and forgets expired ones', () => {
    const cache = new LocalResponseCache({ maxEntries: 100, maxBytes: 1000 });
    cache.set('list', entry(['Product:list:s1', 'store:s1']));
    cache.set('product', entry(['Product:p1', 'store:s1']));
    cache.set('other-store', entry(['Product:list:s2', 'store:s2']));
    cache.deleteTagged(['Product:p1', 'Product:list:s1']);
    expect(cache.get('list')).toBeUndefined();
    expect(cache.get('product')).toBeUndefined();
    expect(cache.get('other-store')).toBeDefined();
    cache.deleteTagged(['store:s2']);
    expect(cache.size).toBe(0);

    const now = Date.now();
    cache.set('old', entry(['t'], 10, now - 61_000, 60));
    expect(cache.get('old', now)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
