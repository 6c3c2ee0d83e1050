import { readFileSync } from 'node:fs';
import { ConfigError, envReader, loadSymmetricKey, type Env } from '@ultramarket/kit';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How outbound webhooks are sealed, checked, sent, retried and kept: read once, validated at start (docs/configuration.md). */
export interface WebhookConfig {
  isProduction: boolean;
  /** Seals endpoint secrets at rest (WEBHOOK_SECRET_KEY, 32 bytes base64; required in production). */
  secretKey: Buffer;
  /** Host names or IP literals exempt from the private-address check, lower case (WEBHOOK_ALLOWED_HOSTS, comma-separated). */
  allowedHosts: Set<string>;
  /** PEM certificates trusted for webhook targets in addition to the system's (WEBHOOK_CA_FILE); null: the system's only. */
  extraCa: string | null;
  /** How long one attempt may take, connection to last byte (WEBHOOK_TIMEOUT, default 10s). */
  timeoutMs: number;
  /** Bytes of a response read at most; the rest is dropped unread (WEBHOOK_RESPONSE_MAX_BYTES, default 4096). */
  responseMaxBytes: number;
  /** First retry delay bound; doubles per attempt (WEBHOOK_RETRY_BASE, default 30s). */
  retryBaseMs: number;
  /** Largest retry delay bound (WEBHOOK_RETRY_CAP, default 2h). */
  retryCapMs: number;
  /** How long after it was first due a delivery is retried before it gives up (WEBHOOK_RETRY_FOR, default 24h). */
  retryForMs: number;
  /** Consecutive failed attempts (WEBHOOK_DISABLE_AFTER_FAILURES, default 50) … */
  disableAfterFailures: number;
  /** … over at least this long with no success (WEBHOOK_DISABLE_AFTER, default 72h) disable an endpoint. */
  disableAfterMs: number;
  /** How long the old secret still signs after a rotation, unless the rotation says (WEBHOOK_SECRET_OVERLAP, default 24h). */
  secretOverlapMs: number;
  /** How long deliveries and their attempts are kept (WEBHOOK_LOG_RETENTION, default 30d). */
  logRetentionMs: number;
  /** How often the delivery worker looks for due deliveries (WEBHOOK_POLL_INTERVAL, default 1s). */
  pollIntervalMs: number;
  /** Deliveries sent at once per process (WEBHOOK_CONCURRENCY, default 8). */
  concurrency: number;
}

export function loadWebhookConfig(env: Env = process.env): WebhookConfig {
  const read = envReader(env);
  const isProduction = env.NODE_ENV === 'production';
  const caFile = read.optionalString('WEBHOOK_CA_FILE');
  let extraCa: string | null = null;
  if (caFile) {
    try {
      extraCa = readFileSync(caFile, 'utf8');
    } catch {
      throw new ConfigError('WEBHOOK_CA_FILE', `cannot be read: ${caFile}`);
    }
  }
  return {
    isProduction,
    secretKey: loadSymmetricKey({
      variable: 'WEBHOOK_SECRET_KEY',
      configured: read.optionalString('WEBHOOK_SECRET_KEY'),
      isProduction,
      developmentFile: 'webhook-secret.key',
      keysDir: read.optionalString('JWT_KEYS_DIR'),
    }),
    allowedHosts: new Set(
      (read.optionalString('WEBHOOK_ALLOWED_HOSTS') ?? '')
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
    extraCa,
    timeoutMs: read.duration('WEBHOOK_TIMEOUT', 10_000, { min: 100, max: 60_000 }),
    responseMaxBytes: read.int('WEBHOOK_RESPONSE_MAX_BYTES', 4096, { min: 0, max: 65_536 }),
    retryBaseMs: read.duration('WEBHOOK_RETRY_BASE', 30_000, { min: 10, max: DAY }),
    retryCapMs: read.duration('WEBHOOK_RETRY_CAP', 2 * HOUR, { min: 10, max: DAY }),
    retryForMs: read.duration('WEBHOOK_RETRY_FOR', DAY, { min: 1000, max: 7 * DAY }),
    disableAfterFailures: read.int('WEBHOOK_DISABLE_AFTER_FAILURES', 50, { min: 1, max: 100_000 }),
    disableAfterMs: read.duration('WEBHOOK_DISABLE_AFTER', 72 * HOUR, { min: 0, max: 30 * DAY }),
    secretOverlapMs: read.duration('WEBHOOK_SECRET_OVERLAP', DAY, { min: 0, max: 7 * DAY }),
    logRetentionMs: read.duration('WEBHOOK_LOG_RETENTION', 30 * DAY, { min: HOUR, max: 365 * DAY }),
    pollIntervalMs: read.duration('WEBHOOK_POLL_INTERVAL', 1000, { min: 50, max: 60_000 }),
    concurrency: read.int('WEBHOOK_CONCURRENCY', 8, { min: 1, max: 64 }),
  };
}

let current: WebhookConfig | null = null;

/** Makes `config` this process's: the subgraph's start reads it from the environment it was given. */
export function useWebhookConfig(config: WebhookConfig): void {
  current = config;
}

/** This process's configuration (read from process.env on first use if the subgraph's start has not set it). */
export function webhookConfig(): WebhookConfig {
  current ??= loadWebhookConfig();
  return current;
}
