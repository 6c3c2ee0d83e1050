import { ConfigError, envReader, type Env } from '@ultramarket/kit';

export interface StoresConfig {
  /** Every store answers at `<slug>.<platformDomain>`. */
  platformDomain: string;
  /** How long a store read stays in Redis. */
  cacheTtlSeconds: number;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The stores subgraph's own settings, read and validated once at start. */
export function loadStoresConfig(env: Env): StoresConfig {
  const read = envReader(env);
  const platformDomain = read.string('PLATFORM_DOMAIN', 'ultramarket.app').toLowerCase();
  if (!HOSTNAME.test(platformDomain)) throw new ConfigError('PLATFORM_DOMAIN', `must be a host name such as ultramarket.app, got "${platformDomain}"`);
  return { platformDomain, cacheTtlSeconds: read.int('STORES_CACHE_TTL_SECONDS', 3600, { min: 1, max: 86_400 }) };
}
