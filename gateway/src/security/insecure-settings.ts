import type { GatewayConfig } from '../gateway-config';

/** What the startup check needs to know of the gateway's configuration. */
export type SecurityRelevantConfig = Pick<GatewayConfig, 'introspection' | 'fieldSuggestions' | 'explorer' | 'corsOrigins'> & {
  kit: { isProduction: boolean; auth: { privateKeyPem: string | undefined; keysDir: string | undefined } };
};

/**
 * Every setting still on that a gateway on the internet should not have, one sentence each; the
 * gateway logs one warning line per entry at start. Outside production the development defaults
 * (introspection, suggestions, explorer, CORS `*`) are expected and said once.
 */
export function insecureSettings(config: SecurityRelevantConfig): string[] {
  if (!config.kit.isProduction) {
    return ['NODE_ENV is not production: introspection, field suggestions, the explorer and CORS * are on by default'];
  }
  const found: string[] = [];
  if (config.introspection) found.push('GRAPHQL_INTROSPECTION=true: anyone can read the whole schema (__schema, __type)');
  if (config.fieldSuggestions) found.push('GRAPHQL_FIELD_SUGGESTIONS=true: validation errors suggest field names ("Did you mean …?")');
  if (config.explorer) found.push('EXPLORER=true: the explorer page is served at GET /graphql');
  if (config.corsOrigins.includes('*')) found.push('CORS_ORIGINS=*: any web origin may call the API from a browser');
  if (config.kit.auth.privateKeyPem) found.push('JWT_PRIVATE_KEY is set at the gateway, which only verifies tokens: keep the signing key in accounts');
  if (config.kit.auth.keysDir) found.push('JWT_KEYS_DIR is set: development key files are not used in production (JWT_PUBLIC_KEY or JWKS_URL is)');
  return found;
}
