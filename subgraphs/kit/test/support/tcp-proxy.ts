import net from 'node:net';

/** How a paused proxy treats connections: `refuse` resets them at once; `blackhole` accepts and never answers. */
export type OutageMode = 'refuse' | 'blackhole';

/**
 * A TCP proxy a test controls, in front of a server the test must not stop itself (the machine's
 * shared PostgreSQL, a NATS server): point the code under test at `port`, then `pause()` to make the
 * server unreachable and `resume()` to bring it back.
 *
 * - `pause('refuse')` (the default) destroys every open connection and resets each new one as soon
 *   as it arrives: what a crashed or restarting server looks like (ECONNRESET, "Connection
 *   terminated unexpectedly").
 * - `pause('blackhole')` destroys every open connection and holds each new one open without a byte
 *   either way: a network partition (connect and pool-acquisition timeouts). Held connections are
 *   destroyed on `resume()`, so clients reconnect to the real server.
 *
 * The proxy keeps listening on its port while paused, so no other process can take it meanwhile.
 * Reusable for any TCP server: PostgreSQL by default (127.0.0.1:5432).
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly open = new Set<net.Socket>();
  private readonly held = new Set<net.Socket>();
  private outage: OutageMode | null = null;
  /** Connections accepted and forwarded so far (held or refused ones not counted). */
  forwarded = 0;
  port = 0;

  constructor(
    private readonly targetPort = 5432,
    private readonly targetHost = '127.0.0.1',
  ) {}

  get paused(): boolean {
    return this.outage !== null;
  }

  /** Listens on a free port of 127.0.0.1 (chosen by the system as it binds, so no other process can take it first). */
  async start(port = 0): Promise<number> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Cuts every connection and keeps the target unreachable until `resume()`. */
  pause(mode: OutageMode = 'refuse'): void {
    this.outage = mode;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  resume(): void {
    this.outage = null;
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }

  async stop(): Promise<void> {
    this.pause();
    this.resume();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined);
    if (this.outage === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    if (this.outage === 'blackhole') {
      this.held.add(client);
      client.once('close', () => this.held.delete(client));
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.once('close', () => {
      upstream.destroy();
      this.open.delete(client);
      this.open.delete(upstream);
    });
    upstream.once('close', () => client.destroy());
    this.open.add(client);
    this.open.add(upstream);
    this.forwarded += 1;
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
