import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import {
  API_KEY_PREFIX,
  API_KEY_UNKNOWN,
  apiKeyCacheKey,
  bearerToken,
  decodeCachedApiKey,
  encodeCachedApiKey,
  GATEWAY_SIGNATURE_HEADER,
  hashApiKey,
  isWellFormedApiKey,
  parseAppCallerHeader,
  signGatewayRequest,
  type AppIdentity,
} from '@ultramarket/kit';

/** The apps subgraph's route that answers which app a key hash belongs to (signed by the gateway like /graphql). */
export const VERIFY_API_KEY_PATH = '/internal/api-keys/verify';

export interface ApiKeyVerifierOptions {
  redis: Redis;
  eventNamespace: string;
  signingSecret: string;
  /** The apps subgraph's /graphql URL, once the supergraph is loaded. */
  appsUrl: () => string | null;
  /** How long an answer is shared by the gateways (API_KEY_CACHE_SECONDS); revocations overwrite it at once. */
  cacheSeconds: number;
}

/**
 * Which app an API key is, for every request that carries one: Redis first (shared by every gateway
 * replica, kit/src/apps/api-key-cache.ts), else the apps subgraph, whose answer is kept for
 * `cacheSeconds`. Keys that are malformed or fail their checksum never leave the gateway.
 */
export class ApiKeyVerifier {
  constructor(private readonly options: ApiKeyVerifierOptions) {}

  /** The key's app, or null for a key that is unknown, revoked or of an uninstalled app. */
  async verify(key: string): Promise<AppIdentity | null> {
    if (!isWellFormedApiKey(key)) return null;
    const keyHash = hashApiKey(key);
    const cacheKey = apiKeyCacheKey(this.options.eventNamespace, keyHash);
    const cached = decodeCachedApiKey(await this.options.redis.get(cacheKey));
    if (cached !== undefined) return typeof cached === 'string' ? null : cached;
    const app = await this.ask(keyHash);
    // NX: a revocation written meanwhile stays (the apps subgraph writes it over anything)
    await this.options.redis.set(cacheKey, encodeCachedApiKey(app ?? API_KEY_UNKNOWN), 'EX', this.options.cacheSeconds, 'NX');
    return app;
  }

  private async ask(keyHash: string): Promise<AppIdentity | null> {
    const appsUrl = this.options.appsUrl();
    if (!appsUrl) throw unverifiable('the apps subgraph is not in the supergraph');
    const url = new URL(VERIFY_API_KEY_PATH, appsUrl);
    const body = JSON.stringify({ keyHash });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    headers[GATEWAY_SIGNATURE_HEADER] = signGatewayRequest(this.options.signingSecret, { method: 'POST', target: url.pathname, body, headers });
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
    } catch {
      throw unverifiable('the apps subgraph cannot be reached');
    }
    if (!response.ok) throw unverifiable(`the apps subgraph answered ${response.status}`);
    const answer = (await response.json()) as { app?: string | null };
    if (typeof answer.app !== 'string') return null;
    return parseAppCallerHeader(answer.app);
  }
}

/**
 * The API key a request carries: `Authorization: Bearer umk_…` or `X-Api-Key: umk_…`; null when it
 * carries none (a bearer token that is not a key is an access token). Both at once is refused.
 */
export function apiKeyOf(authorization: string | undefined, apiKeyHeader: string | undefined): string | null {
  const bearer = authorization ? bearerToken(authorization) : null;
  const fromBearer = bearer?.startsWith(API_KEY_PREFIX) ? bearer : null;
  const fromHeader = apiKeyHeader?.trim() || null;
  if (fromHeader && authorization) {
    throw new GraphQLError('Send either Authorization or X-Api-Key, not both', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  return fromBearer ?? fromHeader;
}

function unverifiable(reason: string): GraphQLError {
  return new GraphQLError(`API keys cannot be verified now (${reason}); try again shortly`, {
    extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
  });
}
