import { ConfigError, envReader, type Env } from '@ultramarket/kit';

/** When an open cart counts as abandoned, and the link its email carries back to it: read once, validated at start. */
export interface AbandonmentConfig {
  /** How long an open cart with an email and lines stays unchanged before it is abandoned (CART_ABANDONED_AFTER_MINUTES, default 60; 0 in tests). */
  abandonedAfterMs: number;
  /** How often the abandonment sweep looks (CART_ABANDONMENT_SWEEP_SECONDS, default 60). */
  sweepIntervalMs: number;
  /** The recovery link, with `{cartId}` and `{token}` filled in (CART_RECOVERY_URL). */
  recoveryUrlTemplate: string;
  /** How long a recovery token works (CART_RECOVERY_TTL_HOURS, default 72); the cart's own expiry still applies. */
  recoveryTtlMs: number;
}

export const DEFAULT_RECOVERY_URL = 'http://localhost:3000/cart/recover?cart={cartId}&token={token}';

export function loadAbandonmentConfig(env: Env = process.env): AbandonmentConfig {
  const read = envReader(env);
  const recoveryUrlTemplate = read.url('CART_RECOVERY_URL', DEFAULT_RECOVERY_URL, ['http', 'https']);
  if (!recoveryUrlTemplate.includes('{token}') || !recoveryUrlTemplate.includes('{cartId}')) {
    throw new ConfigError('CART_RECOVERY_URL', `must contain {cartId} and {token}, got "${recoveryUrlTemplate}"`);
  }
  return {
    abandonedAfterMs: read.int('CART_ABANDONED_AFTER_MINUTES', 60, { min: 0, max: 30 * 24 * 60 }) * 60_000,
    sweepIntervalMs: read.int('CART_ABANDONMENT_SWEEP_SECONDS', 60, { min: 1, max: 24 * 60 * 60 }) * 1000,
    recoveryUrlTemplate,
    recoveryTtlMs: read.int('CART_RECOVERY_TTL_HOURS', 72, { min: 1, max: 30 * 24 }) * 3_600_000,
  };
}

/** The link to a cart's recovery: the template with the cart id and the token, each URL-encoded. */
export function recoveryUrlFor(config: Pick<AbandonmentConfig, 'recoveryUrlTemplate'>, cartId: string, token: string): string {
  return config.recoveryUrlTemplate.replaceAll('{cartId}', encodeURIComponent(cartId)).replaceAll('{token}', encodeURIComponent(token));
}

/** The configuration of this process, from its environment. */
export const abandonmentConfig: AbandonmentConfig = loadAbandonmentConfig();
