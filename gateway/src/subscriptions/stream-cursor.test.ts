import { decodeCursor, encodeCursor } from './stream-cursor';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('stream cursors', () => {
  it('carry the stream position and, once something was pushed, the newest version of the followed aggregate', () => {
    const listening = encodeCursor({ stream: 'NS_ORDERS', seq: 41 });
    expect(decodeCursor(listening, 'NS_ORDERS')).toEqual({ stream: 'NS_ORDERS', seq: 41 });
    const pushed = encodeCursor({ stream: 'NS_ORDERS', seq: 42, seen: { aggregateId: '6f1c2d3e-0000-4000-8000-000000000001', version: 7 } });
    expect(decodeCursor(pushed, 'NS_ORDERS')).toEqual({
      stream: 'NS_ORDERS',
      seq: 42,
      seen: { aggregateId: '6f1c2d3e-0000-4000-8000-000000000001', version: 7 },
    });
    // opaque to the client: no separators or names in plain sight
    expect(pushed).toMatch(/^[\w-]+$/);
  });

  it('refuses with BAD_USER_INPUT what this gateway did not write', () => {
    const forge = (text: string) => Buffer.from(text).toString('base64url');
    for (const cursor of [
      42,
      '',
      forge('v2:NS_ORDERS:1'),
      forge('v1:NS_ORDERS:-1'),
      forge('v1:NS_ORDERS:1.5'),
      forge('v1:NS_ORDERS:1:id'),
      forge('v1:NS_ORDERS:1:id:x'),
      forge('v1:NS_ORDERS:1:id:1:more'),
      forge('v1:NS_ORDERS:99999999999999999999'),
      'x'.repeat(400),
    ]) {
      expect(codeOf(() => decodeCursor(cursor, 'NS_ORDERS'))).toBe('BAD_USER_INPUT');
    }
  });
});
