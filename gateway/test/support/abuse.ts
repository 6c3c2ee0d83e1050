import { randomInt } from 'node:crypto';
import { type ClientError, GraphQLClient } from 'graphql-request';

/**
 * What the abuse suites (gateway/test/abuse-*.e2e.test.ts) share: callers with a client address of
 * their own, the code a refused call got, and how many requests reached a subgraph.
 */

/**
 * Gateway env for the abuse suites: 127.0.0.1 is a trusted proxy, so each caller's X-Forwarded-For is
 * its address (per-address throttles in accounts and orders, anonymous cost buckets), and the cost
 * buckets have their production sizes (outside production they are 20 times larger).
 */
export const ABUSE_GATEWAY_ENV = {
  GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
  RATE_LIMIT_USER_BUCKET: '1000',
  RATE_LIMIT_USER_RESTORE_RATE: '50',
  RATE_LIMIT_ANONYMOUS_BUCKET: '1000',
  RATE_LIMIT_ANONYMOUS_RESTORE_RATE: '20',
} as const;

/**
 * A client address nobody else uses (198.18.0.0/15, the benchmarking range), so per-address
 * counters in the shared Redis start empty for it, whichever suites ran before.
 */
export function freshAddress(): string {
  return `198.${randomInt(18, 20)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export interface Caller {
  /** Bearer access token. */
  token?: string;
  /** X-Store-Id, as a storefront sends it. */
  storeId?: string;
  /** The client address the gateway sees (X-Forwarded-For); a fresh one when not given. */
  address?: string;
  userAgent?: string;
}

function headersOf(caller: Caller): Record<string, string> {
  return {
    'x-forwarded-for': caller.address ?? freshAddress(),
    ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
    ...(caller.storeId ? { 'x-store-id': caller.storeId } : {}),
    ...(caller.userAgent ? { 'user-agent': caller.userAgent } : {}),
  };
}

/** A graphql-request client of the gateway for one caller, with one address for all its requests. */
export function gatewayClient(gatewayUrl: string, caller: Caller = {}): GraphQLClient {
  return new GraphQLClient(gatewayUrl, { headers: headersOf({ ...caller, address: caller.address ?? freshAddress() }) });
}

/** 'OK' when the call succeeds, else the `extensions.code` of its first GraphQL error. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'OK',
    (error: ClientError) => String(error.response?.errors?.[0]?.extensions?.code ?? error.message),
  );
}

export interface RawAnswer {
  status: number;
  retryAfter: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

/** POSTs a GraphQL body to the gateway and keeps the HTTP status and Retry-After, which graphql-request hides. */
export async function postGraphQL(gatewayUrl: string, body: Record<string, unknown>, caller: Caller = {}): Promise<RawAnswer> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headersOf(caller) },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as RawAnswer['body'] };
}

/** GraphQL requests a subgraph has served, from its /metrics (stack.services.<name>.metricsUrl). */
export async function graphqlRequestsServed(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('http_request_duration_seconds_count') && line.includes('graphql'))
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);
}
