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
    const unsubscribe = { NOTIFICATIONS_UNSUBSCRIBE_KEY: 'k'.repeat(32) };
    expect(loadNotificationsConfig({ NODE_ENV: 'production', ACCOUNT_EMAIL_TOKEN_KEY: key, ...unsubscribe }).accountEmailTokenKey?.toString('base64')).toBe(
      key,
    );
    expect(() => loadNotificationsConfig({ NODE_ENV: 'production', ...unsubscribe })).toThrow(/ACCOUNT_EMAIL_TOKEN_KEY is required in production/);
    expect(() => loadNotificationsConfig({ ACCOUNT_EMAIL_TOKEN_KEY: 'short' })).toThrow(/ACCOUNT_EMAIL_TOKEN_KEY must be 32 bytes/);
    expect(loadNotificationsConfig({ NODE_ENV: 'production', NOTIFICATIONS_EMAIL_ENABLED: 'false' }).accountEmailTokenKey).toBeNull();
  });

  it('reads NOTIFICATIONS_UNSUBSCRIBE_KEY, required in production while email is on, and the public base URL', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(() => loadNotificationsConfig({ NODE_ENV: 'production', ACCOUNT_EMAIL_TOKEN_KEY: key })).toThrow(
      /NOTIFICATIONS_UNSUBSCRIBE_KEY is required in production/,
    );
    expect(() => loadNotificationsConfig({ NOTIFICATIONS_UNSUBSCRIBE_KEY: 'short' })).toThrow(/NOTIFICATIONS_UNSUBSCRIBE_KEY must be at least 32 characters/);
    expect(loadNotificationsConfig({ NODE_ENV: 'production', NOTIFICATIONS_EMAIL_ENABLED: 'false' }).unsubscribe.key.length).toBeGreaterThanOrEqual(32);
    expect(loadNotificationsConfig({ NOTIFICATIONS_PUBLIC_BASE_URL: 'https://api.shop.example/' }).unsubscribe.publicBaseUrl).toBe('https://api.shop.example');
  });

  it('chooses the SMS and push providers, each off by default and refused without its settings', () => {
    expect(loadNotificationsConfig({}).channels).toMatchObject({ sms: { provider: 'none' }, push: { provider: 'none' } });
    expect(() => loadNotificationsConfig({ NOTIFICATIONS_SMS_PROVIDER: 'twilio' })).toThrow(
      /NOTIFICATIONS_TWILIO_ACCOUNT_SID is required with the twilio provider/,
    );
    expect(() => loadNotificationsConfig({ NOTIFICATIONS_PUSH_PROVIDER: 'http', NOTIFICATIONS_PUSH_API_KEY: 'k' })).toThrow(
      /NOTIFICATIONS_PUSH_URL is required/,
    );
    expect(() => loadNotificationsConfig({ NOTIFICATIONS_SMS_PROVIDER: 'carrier-pigeon' })).toThrow(/NOTIFICATIONS_SMS_PROVIDER must be one of none, twilio/);
    const twilio = {
      NOTIFICATIONS_SMS_PROVIDER: 'twilio',
      NOTIFICATIONS_TWILIO_ACCOUNT_SID: 'AC1',
      NOTIFICATIONS_TWILIO_AUTH_TOKEN: 't',
      NOTIFICATIONS_SMS_FROM: '+15005550006',
    };
    expect(loadNotificationsConfig(twilio).channels.sms).toEqual({
      provider: 'twilio',
      baseUrl: 'https://api.twilio.com',
      accountSid: 'AC1',
      authToken: 't',
      from: '+15005550006',
    });
    // a provider configured: the channel dispatcher runs beside the email dispatcher
    expect(createNotificationsSubgraph(loadNotificationsConfig(twilio)).jobs).toHaveLength(2);
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
