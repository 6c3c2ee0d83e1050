import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { isPublicAddress } from '../webhook/target-address';
import { hostOf, systemResolve, type Resolve } from '../webhook/webhook-url';
import type { WebhookConfig } from '../webhook/webhook.config';

export type SendSettings = Pick<WebhookConfig, 'isProduction' | 'allowedHosts' | 'extraCa' | 'timeoutMs' | 'responseMaxBytes'>;

/** What one attempt came to: an answer (any status), or an error before one. */
export interface SendOutcome {
  responseCode: number | null;
  /** The first `responseMaxBytes` bytes of the answer, as text; null without an answer. */
  responseBody: string | null;
  error: string | null;
  latencyMs: number;
}

class RefusedAddress extends Error {}

/**
 * The lookup the request connects with: the host's addresses resolved once, every one checked (unless the host is
 * allow-listed), and the connection made to those very addresses, so a DNS answer that changes between the check
 * and the connection (rebinding) cannot steer it to an internal address.
 */
function pinnedLookup(allowListed: boolean, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(new Error(`${hostname} does not resolve`), '', 4);
        if (!allowListed && !addresses.every(isPublicAddress)) {
          return callback(new RefusedAddress(`${hostname} resolves to a private or internal address`), '', 4);
        }
        const entries = addresses.map((address) => ({ address, family: isIP(address) }));
        if (options.all) return (callback as unknown as (error: null, entries: { address: string; family: number }[]) => void)(null, entries);
        callback(null, entries[0].address, entries[0].family);
      },
      (error: Error) => callback(error, '', 4),
    );
  };
}

/** A response body as stored: at most the limit, NUL characters dropped (PostgreSQL text cannot hold them). */
function asText(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString('utf8').replace(/\0/g, '');
}

/**
 * POSTs `body` with `headers` to `target`: the address rules checked again at connection time (see `pinnedLookup`;
 * an IP literal directly), TLS verified against the system's CAs plus WEBHOOK_CA_FILE's (never switched off), no
 * redirect followed, the whole attempt bounded by the time limit and at most `responseMaxBytes` of the answer read.
 */
export function sendWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  settings: SendSettings,
  resolve: Resolve = systemResolve,
): Promise<SendOutcome> {
  const started = Date.now();
  const finish = (outcome: Omit<SendOutcome, 'latencyMs'>): SendOutcome => ({ ...outcome, latencyMs: Date.now() - started });
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return Promise.resolve(finish({ responseCode: null, responseBody: null, error: 'the URL is not valid' }));
  }
  const host = hostOf(url);
  const allowListed = settings.allowedHosts.has(host);
  const secure = url.protocol === 'https:';
  if (!secure && !(url.protocol === 'http:' && allowListed && !settings.isProduction)) {
    return Promise.resolve(finish({ responseCode: null, responseBody: null, error: 'refused: a webhook URL must use https' }));
  }
  if (isIP(host) && !allowListed && !isPublicAddress(host)) {
    return Promise.resolve(finish({ responseCode: null, responseBody: null, error: `refused: ${host} is a private or internal address` }));
  }
  return new Promise((done) => {
    let settled = false;
    const settle = (outcome: Omit<SendOutcome, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(finish(outcome));
    };
    const options: https.RequestOptions = {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      lookup: pinnedLookup(allowListed, resolve),
      agent: false,
      ...(secure && settings.extraCa ? { ca: [...rootCertificates, settings.extraCa] } : {}),
    };
    const request = (secure ? https : http).request(url, options, (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const complete = () => settle({ responseCode: response.statusCode ?? null, responseBody: asText(chunks), error: null });
      response.on('data', (chunk: Buffer) => {
        const room = settings.responseMaxBytes - kept;
        if (room > 0) {
          chunks.push(chunk.subarray(0, room));
          kept += Math.min(room, chunk.length);
        }
        // enough read: the rest is never downloaded
        if (kept >= settings.responseMaxBytes) {
          complete();
          response.destroy();
        }
      });
      response.on('end', complete);
      response.on('error', complete);
      response.on('close', complete);
    });
    const timer = setTimeout(() => {
      request.destroy(new Error(`timed out after ${settings.timeoutMs} ms`));
    }, settings.timeoutMs);
    request.on('error', (error) => {
      const reason = error instanceof RefusedAddress ? `refused: ${error.message}` : error.message;
      settle({ responseCode: null, responseBody: null, error: reason.slice(0, 500) });
    });
    request.end(body);
  });
}
