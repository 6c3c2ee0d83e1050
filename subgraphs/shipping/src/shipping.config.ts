import { ConfigError, envReader, type Env } from '@ultramarket/kit';

/** Who may report tracking through `POST /webhooks/carrier-tracking` and how fresh a report must be. */
export interface CarrierWebhookSettings {
  /** Secret per carrier name (upper case), from SHIPPING_CARRIER_WEBHOOK_SECRETS. */
  secretsByCarrier: ReadonlyMap<string, string>;
  /** Used for a carrier without its own secret, from SHIPPING_CARRIER_WEBHOOK_SECRET; null: none. */
  defaultSecret: string | null;
  /** A signature timestamp further than this from the clock is refused (replays). */
  toleranceSeconds: number;
}

/** What the shipping subgraph reads from its environment, besides the kit's variables. */
export interface ShippingConfig {
  /** Null when no secret is configured: the webhook route is not served. */
  carrierWebhook: CarrierWebhookSettings | null;
}

const MIN_SECRET_LENGTH = 16;

function secretProblem(secret: string): string | null {
  return secret.length >= MIN_SECRET_LENGTH ? null : `must be at least ${MIN_SECRET_LENGTH} characters`;
}

/** `UPS=secret,DHL=other`: carrier names (case-insensitive) and their secrets. */
function parseCarrierSecrets(value: string | undefined): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const entry of (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const carrier = at > 0 ? entry.slice(0, at).trim().toUpperCase() : '';
    const secret = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!carrier || !secret) throw new ConfigError('SHIPPING_CARRIER_WEBHOOK_SECRETS', 'must be CARRIER=secret pairs separated by commas');
    const problem = secretProblem(secret);
    if (problem) throw new ConfigError('SHIPPING_CARRIER_WEBHOOK_SECRETS', `${carrier}'s secret ${problem}`);
    secrets.set(carrier, secret);
  }
  return secrets;
}

export function loadShippingConfig(env: Env = process.env): ShippingConfig {
  const read = envReader(env);
  const secretsByCarrier = parseCarrierSecrets(read.optionalString('SHIPPING_CARRIER_WEBHOOK_SECRETS'));
  const defaultSecret = read.optionalString('SHIPPING_CARRIER_WEBHOOK_SECRET')?.trim() || null;
  const problem = defaultSecret === null ? null : secretProblem(defaultSecret);
  if (problem) throw new ConfigError('SHIPPING_CARRIER_WEBHOOK_SECRET', problem);
  const toleranceSeconds = read.int('SHIPPING_CARRIER_WEBHOOK_TOLERANCE_SECONDS', 300, { min: 1, max: 3600 });
  return { carrierWebhook: secretsByCarrier.size === 0 && defaultSecret === null ? null : { secretsByCarrier, defaultSecret, toleranceSeconds } };
}
