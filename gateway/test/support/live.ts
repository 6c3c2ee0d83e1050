import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from '../../../subgraphs/kit/test/support/test-names';

/** A graphql-ws subscriber that keeps every result it is pushed, and the cursor of each. */
export class LiveFeed<T> {
  readonly results: T[] = [];
  readonly errors: unknown[] = [];
  /** `extensions.cursor` of each push, in order: resuming after one skips it and everything before. */
  readonly cursors: string[] = [];
  /** The cursor the gateway acknowledged listening with, before any push. */
  listeningCursor: string | null = null;

  constructor(private readonly dispose: () => void) {}

  /** The cursor to resume from: the last push's, or the listening one when nothing was pushed. */
  get cursor(): string | null {
    return this.cursors.at(-1) ?? this.listeningCursor;
  }

  async until(count: number, what: string, timeoutMs = 20_000): Promise<T[]> {
    return eventually(
      async () => (this.errors.length > 0 ? Promise.reject(new Error(JSON.stringify(this.errors))) : this.results.length >= count && this.results),
      timeoutMs,
      what,
    );
  }

  close(): void {
    this.dispose();
  }
}

/** The payload of the gateway's `ping` saying a subscription listens (gateway/src/subscriptions/subscription-requests.ts). */
export interface ListeningPing {
  listening: string;
  cursor: string;
}

export function isListeningPing(payload: unknown): payload is ListeningPing {
  return typeof payload === 'object' && payload !== null && typeof (payload as ListeningPing).listening === 'string';
}

/**
 * Counts the gateway's acknowledgements that a subscription on `client` listens (register it before
 * subscribing): `until(n)` waits, bounded, for the n-th, after which every later event reaches them.
 */
export function listeningAcks(client: Client): { count(): number; until(count: number, what: string, timeoutMs?: number): Promise<void> } {
  let acks = 0;
  client.on('ping', (received, payload) => {
    if (received && isListeningPing(payload)) acks += 1;
  });
  return {
    count: () => acks,
    until: async (count, what, timeoutMs = 20_000) => {
      await eventually(async () => acks >= count, timeoutMs, what);
    },
  };
}

/**
 * Connects as `token` (or anonymously), in `storeId` when given (X-Store-Id, as a storefront sends it),
 * and subscribes, resuming after `after` when given (a cursor of an earlier push); resolves once the
 * gateway says the subscription listens (its `ping`), so whatever happens after that is pushed, or
 * once it is refused (its errors are then in `errors`).
 */
export async function subscribe<T>(
  wsUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  storeId?: string,
  options: { after?: string; listenTimeoutMs?: number } = {},
): Promise<LiveFeed<T>> {
  const client: Client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(storeId ? { 'X-Store-Id': storeId } : {}) },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  const feed = new LiveFeed<T>(() => void client.dispose());
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const listening = new Promise<void>((resolve) =>
    client.on('ping', (received, payload) => {
      if (received && isListeningPing(payload)) {
        feed.listeningCursor = payload.cursor;
        resolve();
      }
    }),
  );
  client.subscribe<T>(
    { query, variables, ...(options.after ? { extensions: { after: options.after } } : {}) },
    {
      next: (result) => {
        const cursor = (result.extensions as { cursor?: string } | undefined)?.cursor;
        if (cursor) feed.cursors.push(cursor);
        if (result.errors) feed.errors.push(result.errors);
        else feed.results.push(result.data as T);
      },
      error: (error) => feed.errors.push(error),
      complete: () => undefined,
    },
  );
  let listens = false;
  void listening.then(() => (listens = true));
  try {
    // a refused subscription has its errors in `feed.errors` instead, for the caller to assert on
    await eventually(
      async () => listens || feed.errors.length > 0,
      options.listenTimeoutMs ?? 20_000,
      'the gateway to acknowledge the subscription as listening',
    );
  } catch (error) {
    feed.close();
    throw error;
  }
  return feed;
}

/**
 * Opens a raw graphql-transport-ws socket, sends `connection_init` with `payload` and says how the
 * gateway answered: 'ACK' for `connection_ack`, else the close code it closed the socket with.
 */
export async function connectionInitAnswer(wsUrl: string, payload: Record<string, unknown>): Promise<'ACK' | number> {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  const answer = new Promise<'ACK' | number>((resolve, reject) => {
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') resolve('ACK');
    });
    socket.on('close', (code) => resolve(code));
    socket.on('error', reject);
  });
  socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
  try {
    return await answer;
  } finally {
    socket.close();
  }
}
