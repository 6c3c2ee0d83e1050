import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

const MAX_BODY_BYTES = 1024 * 1024;

export class PayloadTooLargeError extends Error {}

/** The request body as text, refused past 1 MiB. */
export async function readBody(request: IncomingMessage): Promise<string> {
  return (await readBodyBytes(request)).toString('utf8');
}

/** The request body's bytes, refused past 1 MiB. Read from 'data' events: cheaper than an async iterator on the hot path. */
export function readBodyBytes(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off('data', onData);
        reject(new PayloadTooLargeError('request body too large'));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

/** One request header's value (the first, when it was sent more than once). */
export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A small JSON answer (health, readiness, errors outside GraphQL). */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Node's parsed headers as Apollo's HeaderMap, repeated headers joined. */
export function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  const parsed = request.headers;
  for (const name in parsed) {
    const value = parsed[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Why a request is turned away before its GraphQL is parsed: the HTTP status and a GraphQL error. */
export interface RequestRefusal {
  status: 401 | 403;
  code: string;
  message: string;
}

export interface GraphQLRequestOptions {
  /** Runs on the raw body, before it is parsed (subgraphs: the gateway's signature); a refusal ends the request. */
  admit?(request: IncomingMessage, body: Buffer): RequestRefusal | undefined;
}

/**
 * Serves one GraphQL request with Apollo Server on plain node:http (no framework in between); the
 * gateway's and every subgraph's hot path. The URL is parsed only when it has a query string.
 */
export async function handleGraphQLRequest<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  request: IncomingMessage,
  response: ServerResponse,
  context: () => Promise<TContext>,
  options: GraphQLRequestOptions = {},
): Promise<void> {
  let body: unknown;
  const bytes = request.method === 'POST' || options.admit ? await readBodyBytes(request) : undefined;
  const refusal = options.admit?.(request, bytes!);
  if (refusal) {
    sendJson(response, refusal.status, { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
    return;
  }
  if (request.method === 'POST') {
    const text = bytes!.toString('utf8');
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }));
      return;
    }
  }
  const url = request.url ?? '/';
  const search = url.includes('?') ? new URL(url, 'http://localhost').search : '';
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers: headerMapOf(request), search, body },
    context,
  });
  response.statusCode = result.status ?? 200;
  for (const [name, value] of result.headers) response.setHeader(name, value);
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}
