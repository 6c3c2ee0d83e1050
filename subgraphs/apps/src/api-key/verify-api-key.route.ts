import {
  appCallerHeader,
  inScope,
  loadSubgraphSigningSecret,
  PLATFORM_SCOPE,
  readRawBody,
  sendJson,
  verifyGatewaySignature,
  type AppScope,
  type HttpRoute,
} from '@ultramarket/kit';

/** Where the gateway asks which app a key is (gateway/src/api-keys/api-key-verifier.ts). */
export const VERIFY_API_KEY_PATH = '/internal/api-keys/verify';

interface KeyRow {
  key_id: string;
  app_id: string;
  store_id: string;
  scopes: AppScope[];
}

/**
 * POST `{ keyHash }`, signed by the gateway like /graphql (anyone else gets 401): answers `{ app }`, the
 * X-App-Caller value of the live key's installed app, or `{ app: null }`. Records the key's use, at most
 * once a minute (the gateways ask again once their shared answer expires, API_KEY_CACHE_SECONDS).
 */
export function verifyApiKeyRoute(): HttpRoute {
  let signingSecret: string | null = null;
  return async (request, response, runtime) => {
    signingSecret ??= loadSubgraphSigningSecret(runtime.env);
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'POST only' });
    const body = await readRawBody(request, 4096);
    const refusal = verifyGatewaySignature(signingSecret, { method: 'POST', target: request.url ?? '/', body, headers: request.headers });
    if (refusal) return sendJson(response, 401, { error: `gateway signature ${refusal}` });
    let keyHash: unknown;
    try {
      keyHash = (JSON.parse(body.toString('utf8')) as { keyHash?: unknown }).keyHash;
    } catch {
      return sendJson(response, 400, { error: 'body must be JSON { keyHash }' });
    }
    if (typeof keyHash !== 'string' || !/^[0-9a-f]{64}$/.test(keyHash)) return sendJson(response, 400, { error: 'keyHash must be a hex SHA-256' });
    // the key's store is not known yet: looked up across stores, then the answer names it
    const row = await inScope(runtime.dataSource, PLATFORM_SCOPE, async (manager) => {
      const rows = (await manager.query(
        `SELECT k.id AS key_id, a.id AS app_id, a.store_id, a.scopes
           FROM api_key k JOIN app a ON a.id = k.app_id
          WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND a.uninstalled_at IS NULL`,
        [keyHash],
      )) as KeyRow[];
      if (rows.length === 0) return null;
      await manager.query(`UPDATE api_key SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [
        rows[0].key_id,
      ]);
      return rows[0];
    });
    sendJson(response, 200, { app: row ? appCallerHeader({ appId: row.app_id, keyId: row.key_id, storeId: row.store_id, scopes: row.scopes }) : null });
  };
}
