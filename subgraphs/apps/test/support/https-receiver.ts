import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One request the receiver got: headers (lower case) and the raw body. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  answeredWith: number;
}

export interface HttpsReceiver {
  /** https://localhost:<port>/hooks */
  url: string;
  /** The self-signed certificate's file, for WEBHOOK_CA_FILE. */
  caFile: string;
  received: ReceivedWebhook[];
  /** The status the next requests get, one per request, then 200. */
  answerNext(...statuses: number[]): void;
  close(): Promise<void>;
}

/**
 * A local HTTPS server standing in for an integrator's endpoint, with a self-signed certificate for localhost made by
 * the openssl CLI (trusted by the sender only through WEBHOOK_CA_FILE, never by turning verification off).
 */
export async function startHttpsReceiver(): Promise<HttpsReceiver> {
  const dir = mkdtempSync(path.join(tmpdir(), 'webhook-receiver-'));
  const keyFile = path.join(dir, 'key.pem');
  const caFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  const received: ReceivedWebhook[] = [];
  const answers: number[] = [];
  const server: Server = createServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = answers.shift() ?? 200;
      received.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), answeredWith: status });
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status < 300 ? 'ok' : `failing on purpose (${status})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}/hooks`,
    caFile,
    received,
    answerNext: (...statuses) => answers.push(...statuses),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
