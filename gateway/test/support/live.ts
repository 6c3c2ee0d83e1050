import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from '../../../subgraphs/kit/test/support/test-names';

/** A graphql-ws subscriber that keeps every result it is pushed. */
export class LiveFeed<T> {
  readonly results: T[] = [];
  readonly errors: unknown[] = [];

  constructor(private readonly dispose: () => void) {}

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

/**
 * Connects as `token` (or anonymously), in `storeId` when given (X-Store-Id, as a storefront sends it),
 * and subscribes; resolves once the server has the subscription set up.
 */
export async function subscribe<T>(
  wsUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  storeId?: string,
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
  client.subscribe<T>(
    { query, variables },
    {
      next: (result) => (result.errors ? feed.errors.push(result.errors) : feed.results.push(result.data as T)),
      error: (error) => feed.errors.push(error),
      complete: () => undefined,
    },
  );
  // no acknowledgement exists for a subscribe message: give the gateway a moment to start listening
  await new Promise((resolve) => setTimeout(resolve, 300));
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
