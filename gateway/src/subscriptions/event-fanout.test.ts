import type { NatsConnection } from 'nats';
import { connectNats, createLogger, envelopeFor, EventNames, type EventEnvelope } from '@ultramarket/kit';
import { eventually, uniqueSuiteName } from '../../../subgraphs/kit/test/support/test-names';
import { PrivateNatsServer } from '../../../subgraphs/kit/test/support/private-nats-server';
import { EventFanout } from './event-fanout';
import type { SequencedEvent } from './sequenced-feed';
import { checkResumable, decodeCursor, encodeCursor } from './stream-cursor';

const TYPE = 'orders.status-changed';
const logger = createLogger('gateway-test', 'silent');

async function open(url: string) {
  const names = new EventNames(uniqueSuiteName('fanout'));
  const nats = await connectNats(url, names.namespace, logger);
  const source = { js: nats.jetstream(), jsm: await nats.jetstreamManager(), names, logger };
  const fanout = new EventFanout(source);
  // the stream exists before anything is published, as a subgraph's start creates it
  await fanout.bounds(TYPE);
  const publish = (to: string) => {
    const envelope = envelopeFor({ type: TYPE, storeId: 's', aggregateId: 'order-1', data: { to } }, { correlationId: 'c', causationId: null });
    return source.js.publish(names.subject(TYPE), JSON.stringify(envelope), { msgID: envelope.id });
  };
  return { nats, names, source, fanout, publish };
}

async function cleanUp(nats: NatsConnection, names: EventNames): Promise<void> {
  const jsm = await nats.jetstreamManager();
  await jsm.streams.delete(names.stream('orders')).catch(() => undefined);
  await nats.close();
}

const statuses = (items: SequencedEvent[]) => items.map((item) => (item.event as EventEnvelope<{ to: string }>).data.to);

describe('EventFanout (real NATS)', () => {
  const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

  it('says from which stream position a listener hears every event, and hands on each with its sequence', async () => {
    const { nats, names, fanout, publish } = await open(url);
    try {
      await publish('BEFORE');
      const heard: SequencedEvent[] = [];
      const listening = await fanout.listen(TYPE, (item) => heard.push(item));
      expect(listening.position).toBe(1);
      await publish('PAYMENT_PENDING');
      await publish('CONFIRMED');
      await eventually(async () => heard.length === 2, 10_000, 'both events');
      expect(statuses(heard)).toEqual(['PAYMENT_PENDING', 'CONFIRMED']);
      expect(heard.map((item) => item.seq)).toEqual([2, 3]);
      // a second listener joins the running feed at its current position
      const later: SequencedEvent[] = [];
      const second = await fanout.listen(TYPE, (item) => later.push(item));
      expect(second.position).toBe(3);
      await publish('DISPATCHED');
      await eventually(async () => later.length === 1 && heard.length === 3, 10_000, 'the next event on both');
      expect(statuses(later)).toEqual(['DISPATCHED']);
      listening.stop();
      second.stop();
    } finally {
      await fanout.close();
      await cleanUp(nats, names);
    }
  });

  it('replays what a resumed subscriber missed after its cursor, then hands it to the shared feed, without a gap or a repeat', async () => {
    const { nats, names, fanout, publish, source } = await open(url);
    try {
      // someone already listens: the shared feed runs
      const other: SequencedEvent[] = [];
      const running = await fanout.listen(TYPE, (item) => other.push(item));
      for (const status of ['PAYMENT_PENDING', 'PAYMENT_SUCCESS', 'CONFIRMED']) await publish(status);
      // an event of another type in the same stream: the replay must not wait for it
      await source.js.publish(
        names.subject('orders.created'),
        JSON.stringify(envelopeFor({ type: 'orders.created', storeId: 's', aggregateId: 'order-2', data: {} }, { correlationId: 'c', causationId: null })),
      );
      const bounds = await fanout.bounds(TYPE);
      const cursor = encodeCursor({ stream: bounds.stream, seq: 1 });
      const position = decodeCursor(cursor, bounds.stream);
      checkResumable(position, bounds);
      const heard: SequencedEvent[] = [];
      const replaying = await fanout.replay(TYPE, position.seq, (item) => heard.push(item));
      await eventually(async () => heard.length === 2, 10_000, 'the missed events');
      // caught up: its own consumer is gone, the shared feed serves it
      await eventually(async () => (fanout as unknown as { replays: Set<unknown> }).replays.size === 0, 10_000, 'the hand-over to the shared feed');
      await publish('DISPATCHED');
      await publish('COMPLETED');
      await eventually(async () => heard.length === 4 && other.length === 5, 10_000, 'the live events');
      expect(statuses(heard)).toEqual(['PAYMENT_SUCCESS', 'CONFIRMED', 'DISPATCHED', 'COMPLETED']);
      expect(heard.map((item) => item.seq)).toEqual([2, 3, 5, 6]);
      replaying.stop();
      running.stop();
    } finally {
      await fanout.close();
      await cleanUp(nats, names);
    }
  });

  it('refuses a cursor of another stream, past the stream, or older than what the stream keeps', async () => {
    const { nats, names, fanout, publish } = await open(url);
    try {
      for (const status of ['PAYMENT_PENDING', 'PAYMENT_SUCCESS', 'CONFIRMED']) await publish(status);
      const bounds = await fanout.bounds(TYPE);
      const code = (run: () => void) => {
        try {
          run();
          return null;
        } catch (error) {
          return (error as { extensions?: { code?: string } }).extensions?.code;
        }
      };
      expect(code(() => decodeCursor(encodeCursor({ stream: 'OTHER_ORDERS', seq: 1 }), bounds.stream))).toBe('BAD_USER_INPUT');
      expect(code(() => decodeCursor('not a cursor', bounds.stream))).toBe('BAD_USER_INPUT');
      expect(code(() => checkResumable({ stream: bounds.stream, seq: 4 }, bounds))).toBe('BAD_USER_INPUT');
      expect(code(() => checkResumable({ stream: bounds.stream, seq: 0 }, bounds))).toBeNull();
      // retention dropped the first two events: a cursor before them cannot be resumed without a gap
      await nats.jetstreamManager().then((jsm) => jsm.streams.purge(bounds.stream, { keep: 1 }));
      const purged = await fanout.bounds(TYPE);
      expect(code(() => checkResumable({ stream: bounds.stream, seq: 0 }, purged))).toBe('CURSOR_EXPIRED');
      expect(code(() => checkResumable({ stream: bounds.stream, seq: 2 }, purged))).toBeNull();
    } finally {
      await fanout.close();
      await cleanUp(nats, names);
    }
  });

  it('keeps handing on events after NATS is killed and restarted', async () => {
    const server = new PrivateNatsServer();
    await server.start();
    const { nats, names, fanout, publish } = await open(server.url);
    try {
      const heard: SequencedEvent[] = [];
      const listening = await fanout.listen(TYPE, (item) => heard.push(item));
      await publish('PAYMENT_PENDING');
      await eventually(async () => heard.length === 1, 10_000, 'the event before the restart');
      await server.kill();
      await server.start();
      // the connection comes back on its own; the same event (same id) is published until NATS takes it
      const confirmed = envelopeFor({ type: TYPE, storeId: 's', aggregateId: 'order-1', data: { to: 'CONFIRMED' } }, { correlationId: 'c', causationId: null });
      await eventually(
        async () => (await nats.jetstream().publish(names.subject(TYPE), JSON.stringify(confirmed), { msgID: confirmed.id })).seq,
        30_000,
        'a publish after the restart',
      );
      await eventually(async () => heard.length === 2, 60_000, 'the event after the restart');
      expect(statuses(heard)).toEqual(['PAYMENT_PENDING', 'CONFIRMED']);
      expect(heard.map((item) => item.seq)).toEqual([1, 2]);
      listening.stop();
    } finally {
      await fanout.close();
      await nats.close();
      await server.destroy();
    }
  }, 120_000);
});
