import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { GATEWAY_SIGNATURE_HEADER, signGatewayRequest } from '@ultramarket/kit';
import type { GatewayContext } from '../gateway-context';
import { fetchKey, InFlightFetches, isQueryOperation } from './in-flight-fetches';
import type { PooledFetcher, SubgraphEndpoint, SubgraphHttpResponse } from './pooled-fetcher';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * Sends each subgraph request through the pooled fetcher, carrying the caller and tracing headers,
 * signed with SUBGRAPH_SIGNING_SECRET (X-Gateway-Signature over the time, method, path, body and the
 * caller headers): subgraphs answer nothing else. Every fetch is signed here, whatever asked for it: a
 * client's operation, a subscription event resolved through the supergraph, introspection, health checks.
 *
 * It does what RemoteGraphQLDataSource does for us (POST the operation as JSON, forward headers,
 * turn a non-2xx answer into a GraphQLError with `extensions.response`, let the subgraph's
 * cache-control restrict the response's cache policy) without building node-fetch Headers and
 * Request objects for every fetch, which cost more gateway CPU than the HTTP exchange itself.
 *
 * Unless `deduplicateFetches` is off (GATEWAY_DEDUPLICATE_FETCHES=false), a query identical to one in
 * flight to this subgraph (same body, same caller headers: in-flight-fetches.ts) waits for that one's
 * answer instead of being sent again; the shared fetch is signed once, with the first caller's headers.
 * A fetch for an event-driven execution (`context.freshReads`: a subscription's re-resolution after an
 * event) is always sent on its own: one already in flight may have started before the event and so
 * carry the state before it (a stale order status pushed as news). Mutations are never shared.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly endpoint: SubgraphEndpoint;
  private readonly inFlight = new InFlightFetches<SubgraphHttpResponse>();

  constructor(
    readonly url: string,
    private readonly fetcher: PooledFetcher,
    private readonly signingSecret: string,
    private readonly deduplicateFetches = true,
  ) {
    this.endpoint = fetcher.endpoint(url);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    if (request.http?.headers) for (const [name, value] of request.http.headers) headers[name] = value;
    headers['content-type'] = 'application/json';
    const context = options.context as Partial<GatewayContext> | undefined;
    const forward = context?.forwardHeaders;
    if (forward) for (const name in forward) headers[name] = forward[name];

    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    const shared = this.deduplicateFetches && 'incomingRequestContext' in options && !context?.freshReads && isQueryOperation(request.query, options.document);
    const response = shared ? await this.inFlight.share(fetchKey(headers, body), () => this.send(headers, body)) : await this.send(headers, body);
    if (response.status < 200 || response.status > 299) throw errorFromResponse(this.url, response);
    const result = parseBody(response);
    if (result === null || typeof result !== 'object' || Array.isArray(result)) throw new Error(`Expected JSON response body, but received: ${result}`);

    // only requests made for a client's operation carry its context (not schema loads or health checks)
    if ('incomingRequestContext' in options) {
      const policy = options.incomingRequestContext.overallCachePolicy;
      if (policy && 'restrict' in policy) policy.restrict(cacheHint(response.cacheControl));
    }
    return result as GatewayGraphQLResponse;
  }

  private send(headers: Record<string, string>, body: string): Promise<SubgraphHttpResponse> {
    headers[GATEWAY_SIGNATURE_HEADER] = signGatewayRequest(this.signingSecret, { method: 'POST', target: this.endpoint.path, body, headers });
    return this.fetcher.post(this.endpoint, headers, body);
  }
}

function parseBody(response: SubgraphHttpResponse): unknown {
  const type = response.contentType;
  if (type && (type.startsWith('application/json') || type.startsWith('application/graphql-response+json'))) return JSON.parse(response.text);
  return response.text;
}

/** As RemoteGraphQLDataSource reports a failed subgraph answer (UNAUTHENTICATED / FORBIDDEN for 401 / 403). */
function errorFromResponse(url: string, response: SubgraphHttpResponse): GraphQLError {
  let body: unknown;
  try {
    body = parseBody(response);
  } catch {
    body = response.text;
  }
  const statusText = String(response.status);
  const extensions: Record<string, unknown> = { response: { url, status: response.status, statusText, body } };
  if (response.status === 401) extensions.code = 'UNAUTHENTICATED';
  else if (response.status === 403) extensions.code = 'FORBIDDEN';
  return new GraphQLError(`${response.status}: ${statusText}`, { extensions });
}

/** The subgraph's Cache-Control as a cache hint, read as RemoteGraphQLDataSource reads it: no max-age means maxAge 0. */
function cacheHint(header: string | undefined): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: 0 };
  if (!header) return hint;
  const directives: Record<string, string | true> = {};
  for (const part of header.trim().split(/\s*,\s*/)) {
    const [key, value] = part.split(/\s*=\s*/, 2);
    directives[key] = value === undefined ? true : value.replace(/^"|"$/g, '');
  }
  const maxAge = directives['max-age'];
  if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
  if (directives.private === true) hint.scope = 'PRIVATE';
  if (directives.public === true) hint.scope = 'PUBLIC';
  return hint;
}
