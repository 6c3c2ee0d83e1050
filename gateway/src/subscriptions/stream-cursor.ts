import { GraphQLError } from 'graphql';

/**
 * A subscriber's position in the event stream, as it travels to the client: opaque (base64url of
 * `v1:<stream>:<sequence>`), carried in each push's `extensions.cursor` and in the listening
 * acknowledgement. It needs no signature: a resumed subscriber is sent only what the same
 * subscription would have been pushed live (the same store, matching and authorization), so a forged
 * position shows nothing a genuine one would not. It is validated instead: its stream must be the
 * subscription's and its sequence one the stream has reached.
 */
export interface StreamPosition {
  stream: string;
  seq: number;
  /**
   * The newest version of the followed aggregate the subscriber was pushed, so a resumed subscription
   * never pushes an older one (an older event can be stored after a newer one: see aggregate-versions.ts).
   */
  seen?: { aggregateId: string; version: number };
}

const VERSION = 'v1';

export function encodeCursor(position: StreamPosition): string {
  const seen = position.seen ? `:${position.seen.aggregateId}:${position.seen.version}` : '';
  return Buffer.from(`${VERSION}:${position.stream}:${position.seq}${seen}`).toString('base64url');
}

function badCursor(): GraphQLError {
  return new GraphQLError('This cursor was not given by this subscription: resubscribe without it', { extensions: { code: 'BAD_USER_INPUT' } });
}

/** The position a cursor names, for a subscription reading `stream`; BAD_USER_INPUT when it is not one. */
export function decodeCursor(cursor: unknown, stream: string): StreamPosition {
  if (typeof cursor !== 'string' || cursor.length > 300) throw badCursor();
  const [version, cursorStream, seqText, aggregateId, aggregateVersionText, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const seq = Number(seqText);
  if (version !== VERSION || cursorStream !== stream || rest.length > 0 || !isCount(seqText)) throw badCursor();
  if (aggregateId === undefined) return { stream, seq };
  if (!/^[\w-]{1,64}$/.test(aggregateId) || !isCount(aggregateVersionText)) throw badCursor();
  return { stream, seq, seen: { aggregateId, version: Number(aggregateVersionText) } };
}

function isCount(text: string | undefined): text is string {
  return /^\d{1,15}$/.test(text ?? '');
}

/**
 * Refuses a position the stream cannot resume from: past its last event (not given by it), or
 * older than what the stream still holds (events after it were dropped by its retention).
 */
export function checkResumable(position: StreamPosition, bounds: { firstSeq: number; lastSeq: number }): void {
  if (position.seq > bounds.lastSeq) throw badCursor();
  if (position.seq + 1 < bounds.firstSeq) {
    throw new GraphQLError('The events after this cursor are no longer kept: resubscribe without a cursor and read the current state', {
      extensions: { code: 'CURSOR_EXPIRED', oldestAvailable: encodeCursor({ stream: position.stream, seq: bounds.firstSeq - 1 }) },
    });
  }
}
