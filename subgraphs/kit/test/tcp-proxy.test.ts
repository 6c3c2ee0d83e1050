import { Client } from 'pg';
import { TcpProxy } from './support/tcp-proxy';

/** The proxy the outage tests (and the chaos test) put in front of the shared PostgreSQL. */
describe('TcpProxy', () => {
  const proxy = new TcpProxy();
  const select = async (connectionTimeoutMillis = 2000) => {
    const client = new Client({
      host: '127.0.0.1',
      port: proxy.port,
      user: process.env.DATABASE_USER ?? 'postgres',
      database: 'postgres',
      connectionTimeoutMillis,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.query('SELECT 1 AS one')).rows[0].one as number;
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  beforeAll(() => proxy.start());
  afterAll(() => proxy.stop());

  it('forwards, refuses while paused, cuts open connections, and forwards again once resumed', async () => {
    expect(await select()).toBe(1);
    const open = new Client({ host: '127.0.0.1', port: proxy.port, user: process.env.DATABASE_USER ?? 'postgres', database: 'postgres' });
    open.on('error', () => undefined);
    await open.connect();

    proxy.pause();
    await expect(select()).rejects.toThrow();
    await expect(open.query('SELECT 1')).rejects.toThrow();
    proxy.resume();
    expect(await select()).toBe(1);
  });

  it('holds connections without an answer in blackhole mode, so clients time out, and lets go of them on resume', async () => {
    proxy.pause('blackhole');
    await expect(select(300)).rejects.toThrow(/timeout/i);
    proxy.resume();
    expect(await select()).toBe(1);
  });
});
