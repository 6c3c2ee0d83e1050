import { ConfigError } from '@ultramarket/kit';
import { loadNotificationsConfig } from '../src/notifications.config';
import { createNotificationsSubgraph } from '../src/notifications.subgraph';
import { retryDelayMs } from '../src/email/email-dispatcher';

describe('loadNotificationsConfig', () => {
  it('defaults to a local SMTP catcher on port 1025, email on', () => {
    expect(loadNotificationsConfig({}).email).toEqual({
      enabled: true,
      smtp: { host: '127.0.0.1', port: 1025, secure: false, user: undefined, password: undefined },
      from: 'UltraMarket <no-reply@ultramarket.local>',
      accountLinkBaseUrl: 'http://localhost:3000',
      pollMs: 1000,
      batchSize: 20,
      maxAttempts: 8,
      retryBaseMs: 5000,
      paymentFailedEmailsPerOrderHour: 3,
      trackingEmailsPerOrderHour: 6,
      invitationEmailsPerStoreDay: 50,
      cartEmailsPerRecipientDay: 3,
    });
  });

  it('reads overrides from the environment', () => {
    const config = loadNotificationsConfig({
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'mailer',
      SMTP_PASSWORD: 'secret',
      MAIL_FROM: 'Shop <shop@example.com>',
      NOTIFICATIONS_EMAIL_ENABLED: 'false',
      NOTIFICATIONS_EMAIL_MAX_ATTEMPTS: '3',
      NOTIFICATIONS_MAX_PAYMENT_FAILED_EMAILS_PER_ORDER_HOUR: '1',
      NOTIFICATIONS_MAX_TRACKING_EMAILS_PER_ORDER_HOUR: '2',
      NOTIFICATIONS_MAX_INVITATION_EMAILS_PER_STORE_DAY: '5',
      NOTIFICATIONS_MAX_CART_EMAILS_PER_RECIPIENT_DAY: '0',
    });
    expect(config.email).toMatchObject({
      enabled: false,
      smtp: { host: 'smtp.example.com', port: 465, secure: true, user: 'mailer', password: 'secret' },
      from: 'Shop <shop@example.com>',
      maxAttempts: 3,
      paymentFailedEmailsPerOrderHour: 1,
      trackingEmailsPerOrderHour: 2,
      invitationEmailsPerStoreDay: 5,
      cartEmailsPerRecipientDay: 0,
    });
  });

  it.each([
    ['SMTP_PORT', 'twenty-five', /SMTP_PORT must be an integer/],
    ['SMTP_PORT', '0', /SMTP_PORT must be >= 1/],
    ['SMTP_SECURE', 'maybe', /SMTP_SECURE must be true or false/],
    ['NOTIFICATIONS_EMAIL_ENABLED', 'on', /NOTIFICATIONS_EMAIL_ENABLED must be true or false/],
    ['NOTIFICATIONS_EMAIL_MAX_ATTEMPTS', '0', /NOTIFICATIONS_EMAIL_MAX_ATTEMPTS must be >= 1/],
    ['NOTIFICATIONS_MAX_INVITATION_EMAILS_PER_STORE_DAY', '-1', /NOTIFICATIONS_MAX_INVITATION_EMAILS_PER_STORE_DAY must be >= 0/],
  ])('fails at start naming %s when it is "%s"', (variable, value, message) => {
    expect(() => loadNotificationsConfig({ [variable]: value })).toThrow(message);
  });

  it('reads ACCOUNT_EMAIL_TOKEN_KEY, required in production while email is on', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(loadNotificationsConfig({ NODE_ENV: 'production', ACCOUNT_EMAIL_TOKEN_KEY: key }).accountEmailTokenKey?.toString('base64')).toBe(key);
    expect(() => loadNotificationsConfig({ NODE_ENV: 'production' })).toThrow(/ACCOUNT_EMAIL_TOKEN_KEY is required in production/);
    expect(() => loadNotificationsConfig({ ACCOUNT_EMAIL_TOKEN_KEY: 'short' })).toThrow(/ACCOUNT_EMAIL_TOKEN_KEY must be 32 bytes/);
    expect(loadNotificationsConfig({ NODE_ENV: 'production', NOTIFICATIONS_EMAIL_ENABLED: 'false' }).accountEmailTokenKey).toBeNull();
  });

  it('refuses a password without a user', () => {
    expect(() => loadNotificationsConfig({ SMTP_PASSWORD: 'secret' })).toThrow(ConfigError);
  });

  it('runs no email dispatcher when email is off', () => {
    expect(createNotificationsSubgraph(loadNotificationsConfig({ NOTIFICATIONS_EMAIL_ENABLED: 'false' })).jobs).toEqual([]);
    expect(createNotificationsSubgraph(loadNotificationsConfig({})).jobs).toHaveLength(1);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base delay and stops growing at an hour', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, 5000))).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(30, 5000)).toBe(60 * 60 * 1000);
  });
});
