import { ConfigError, envReader, loadAccountEmailTokenKey, readAuthConfig, readNodeEnv, type Env } from '@ultramarket/kit';

/** How email leaves the building: the SMTP relay and the outbox dispatcher's pace. */
export interface EmailConfig {
  /** When false, nothing is written to the email outbox and no dispatcher runs (in-app notifications still are). */
  enabled: boolean;
  smtp: {
    host: string;
    port: number;
    /** true: TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
    secure: boolean;
    user: string | undefined;
    password: string | undefined;
  };
  from: string;
  /** Where the links in account emails point: the storefront's pages that take the token (verify email, reset password). */
  accountLinkBaseUrl: string;
  /** How often the dispatcher looks for due emails. */
  pollMs: number;
  /** Emails locked and sent per round. */
  batchSize: number;
  /** Attempts before an email is given up as FAILED. */
  maxAttempts: number;
  /** Delay before the first retry; it doubles with every further failure (capped at one hour). */
  retryBaseMs: number;
  /**
   * Declined-payment emails sent about one order in an hour (NOTIFICATIONS_MAX_PAYMENT_FAILED_EMAILS_PER_ORDER_HOUR,
   * default 3): anyone can decline a card again and again on an order bearing someone else's address.
   */
  paymentFailedEmailsPerOrderHour: number;
  /**
   * Tracking emails (out for delivery, delivered, failed attempt, returned) sent about one order in an hour
   * (NOTIFICATIONS_MAX_TRACKING_EMAILS_PER_ORDER_HOUR, default 6): staff report tracking by hand and may flip a
   * parcel between statuses; the in-app notices go on regardless.
   */
  trackingEmailsPerOrderHour: number;
  /**
   * Staff-invitation emails one store may send in a day (NOTIFICATIONS_MAX_INVITATION_EMAILS_PER_STORE_DAY,
   * default 50, as many invitations as stores lets a store make a day): merchants choose the addresses.
   */
  invitationEmailsPerStoreDay: number;
  /**
   * Abandoned-cart emails one store may send one address in a day (NOTIFICATIONS_MAX_CART_EMAILS_PER_RECIPIENT_DAY,
   * default 3): a guest can put anybody's address on any number of carts.
   */
  cartEmailsPerRecipientDay: number;
}

export interface NotificationsConfig {
  email: EmailConfig;
  /**
   * ACCOUNT_EMAIL_TOKEN_KEY, the key accounts seals the verification and reset tokens with (the same
   * value in both services; outside production the shared development key file). Required in production
   * while email is on; null when email is off (no account email is written then).
   */
  accountEmailTokenKey: Buffer | null;
  unsubscribe: UnsubscribeConfig;
  channels: ChannelsConfig;
}

/** SMS and push: which provider each goes through (none: the channel is off), and the sender's pace. */
export interface ChannelsConfig {
  /** NOTIFICATIONS_SMS_PROVIDER: `none` (default) or `twilio` (Twilio's Messages REST API, or one compatible with it). */
  sms: { provider: 'none' } | { provider: 'twilio'; baseUrl: string; accountSid: string; authToken: string; from: string };
  /**
   * NOTIFICATIONS_PUSH_PROVIDER: `none` (default) or `http`: an FCM-HTTP-v1-compatible push gateway (messages in
   * FCM v1's `{ message: { token, notification, data } }` shape, POSTed to NOTIFICATIONS_PUSH_URL with a bearer key).
   */
  push: { provider: 'none' } | { provider: 'http'; url: string; apiKey: string };
  /** How often the channel dispatcher looks for due messages (NOTIFICATIONS_CHANNEL_POLL_MS). */
  pollMs: number;
  /** Attempts before a message is given up (NOTIFICATIONS_CHANNEL_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** First retry delay, doubling (NOTIFICATIONS_CHANNEL_RETRY_BASE_MS). */
  retryBaseMs: number;
  /** How long one provider call may take (NOTIFICATIONS_CHANNEL_TIMEOUT_MS). */
  timeoutMs: number;
}

/** The one-click unsubscribe links of marketing emails. */
export interface UnsubscribeConfig {
  /**
   * NOTIFICATIONS_UNSUBSCRIBE_KEY, the HMAC key the links are signed with (at least 32 characters). Required in
   * production while email is on; outside it a fixed development key is used. Changing it invalidates the links already emailed.
   */
  key: Buffer;
  /** NOTIFICATIONS_PUBLIC_BASE_URL: where the notifications service's public routes are reached from the internet. */
  publicBaseUrl: string;
}

/** Outside production only: links signed with it are worthless anywhere else. */
const DEVELOPMENT_UNSUBSCRIBE_KEY = 'ultramarket-development-unsubscribe-key-not-secret';

/** Every variable the notifications subgraph reads on top of the kit's, validated in one place. */
export function loadNotificationsConfig(env: Env = process.env): NotificationsConfig {
  const read = envReader(env);
  const user = read.optionalString('SMTP_USER');
  const password = read.optionalString('SMTP_PASSWORD');
  if (password !== undefined && user === undefined) throw new ConfigError('SMTP_PASSWORD', 'is set but SMTP_USER is not');
  const enabled = read.bool('NOTIFICATIONS_EMAIL_ENABLED', true);
  const unsubscribeKey = read.optionalString('NOTIFICATIONS_UNSUBSCRIBE_KEY');
  if (unsubscribeKey !== undefined && unsubscribeKey.length < 32) throw new ConfigError('NOTIFICATIONS_UNSUBSCRIBE_KEY', 'must be at least 32 characters');
  if (unsubscribeKey === undefined && enabled && readNodeEnv(env) === 'production') {
    throw new ConfigError('NOTIFICATIONS_UNSUBSCRIBE_KEY', 'is required in production while email is on');
  }
  const smsProvider = read.oneOf('NOTIFICATIONS_SMS_PROVIDER', ['none', 'twilio'] as const, 'none');
  const pushProvider = read.oneOf('NOTIFICATIONS_PUSH_PROVIDER', ['none', 'http'] as const, 'none');
  const required = (name: string, value: string | undefined, provider: string): string => {
    if (value === undefined) throw new ConfigError(name, `is required with the ${provider} provider`);
    return value;
  };
  return {
    channels: {
      sms:
        smsProvider === 'twilio'
          ? {
              provider: 'twilio',
              baseUrl: read.url('NOTIFICATIONS_TWILIO_BASE_URL', 'https://api.twilio.com', ['http', 'https']).replace(/\/+$/, ''),
              accountSid: required('NOTIFICATIONS_TWILIO_ACCOUNT_SID', read.optionalString('NOTIFICATIONS_TWILIO_ACCOUNT_SID'), 'twilio'),
              authToken: required('NOTIFICATIONS_TWILIO_AUTH_TOKEN', read.optionalString('NOTIFICATIONS_TWILIO_AUTH_TOKEN'), 'twilio'),
              from: required('NOTIFICATIONS_SMS_FROM', read.optionalString('NOTIFICATIONS_SMS_FROM'), 'twilio'),
            }
          : { provider: 'none' },
      push:
        pushProvider === 'http'
          ? {
              provider: 'http',
              url: read.url('NOTIFICATIONS_PUSH_URL', required('NOTIFICATIONS_PUSH_URL', read.optionalString('NOTIFICATIONS_PUSH_URL'), 'http'), [
                'http',
                'https',
              ]),
              apiKey: required('NOTIFICATIONS_PUSH_API_KEY', read.optionalString('NOTIFICATIONS_PUSH_API_KEY'), 'http'),
            }
          : { provider: 'none' },
      pollMs: read.int('NOTIFICATIONS_CHANNEL_POLL_MS', 1000, { min: 10 }),
      maxAttempts: read.int('NOTIFICATIONS_CHANNEL_MAX_ATTEMPTS', 6, { min: 1, max: 100 }),
      retryBaseMs: read.int('NOTIFICATIONS_CHANNEL_RETRY_BASE_MS', 5000, { min: 10 }),
      timeoutMs: read.int('NOTIFICATIONS_CHANNEL_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    },
    unsubscribe: {
      key: Buffer.from(unsubscribeKey ?? DEVELOPMENT_UNSUBSCRIBE_KEY, 'utf8'),
      publicBaseUrl: read.url('NOTIFICATIONS_PUBLIC_BASE_URL', 'http://localhost:4009', ['http', 'https']).replace(/\/+$/, ''),
    },
    accountEmailTokenKey: enabled
      ? loadAccountEmailTokenKey(read.optionalString('ACCOUNT_EMAIL_TOKEN_KEY'), {
          isProduction: readNodeEnv(env) === 'production',
          keysDir: readAuthConfig(env).keysDir,
        })
      : null,
    email: {
      enabled,
      smtp: {
        host: read.string('SMTP_HOST', '127.0.0.1'),
        port: read.int('SMTP_PORT', 1025, { min: 1, max: 65535 }),
        secure: read.bool('SMTP_SECURE', false),
        user,
        password,
      },
      from: read.string('MAIL_FROM', 'UltraMarket <no-reply@ultramarket.local>'),
      accountLinkBaseUrl: read.url('NOTIFICATIONS_ACCOUNT_LINK_BASE_URL', 'http://localhost:3000', ['http', 'https']).replace(/\/+$/, ''),
      pollMs: read.int('NOTIFICATIONS_EMAIL_POLL_MS', 1000, { min: 10 }),
      batchSize: read.int('NOTIFICATIONS_EMAIL_BATCH_SIZE', 20, { min: 1, max: 500 }),
      maxAttempts: read.int('NOTIFICATIONS_EMAIL_MAX_ATTEMPTS', 8, { min: 1, max: 100 }),
      retryBaseMs: read.int('NOTIFICATIONS_EMAIL_RETRY_BASE_MS', 5000, { min: 10 }),
      paymentFailedEmailsPerOrderHour: read.int('NOTIFICATIONS_MAX_PAYMENT_FAILED_EMAILS_PER_ORDER_HOUR', 3, { min: 0, max: 100 }),
      trackingEmailsPerOrderHour: read.int('NOTIFICATIONS_MAX_TRACKING_EMAILS_PER_ORDER_HOUR', 6, { min: 0, max: 100 }),
      invitationEmailsPerStoreDay: read.int('NOTIFICATIONS_MAX_INVITATION_EMAILS_PER_STORE_DAY', 50, { min: 0, max: 10_000 }),
      cartEmailsPerRecipientDay: read.int('NOTIFICATIONS_MAX_CART_EMAILS_PER_RECIPIENT_DAY', 3, { min: 0, max: 1000 }),
    },
  };
}
