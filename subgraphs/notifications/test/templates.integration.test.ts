import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role, type EventEnvelope } from '@ultramarket/kit';
import { signedFetch } from '../../kit/test/support/signed-fetch';
import { tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { SmtpInbox } from './support/smtp-inbox';
import { startNotificationsWithInbox, stopNotificationsWithInbox } from './support/notifications-with-inbox';

const UPDATE = gql`
  mutation ($input: UpdateNotificationTemplateInput!) {
    updateNotificationTemplate(input: $input) {
      template {
        key
        subject
        isCustomized
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
const RESET = gql`
  mutation ($input: ResetNotificationTemplateInput!) {
    resetNotificationTemplate(input: $input) {
      template {
        isCustomized
        subject
      }
      userErrors {
        code
      }
    }
  }
`;
const TEMPLATES = gql`
  query {
    notificationTemplates {
      key
      category
      isCustomized
      subject
      variables {
        name
        type
        sampleJson
      }
    }
  }
`;
const PREVIEW = gql`
  query ($key: NotificationTemplateKey!, $draft: NotificationTemplateDraftInput, $locale: String) {
    previewNotificationTemplate(key: $key, draft: $draft, locale: $locale) {
      subject
      html
      text
      locale
    }
  }
`;
const PREFERENCES = gql`
  query {
    myNotificationPreferences {
      category
      channel
      enabled
      canDisable
    }
  }
`;
const UPDATE_PREFERENCES = gql`
  mutation ($input: UpdateMyNotificationPreferencesInput!) {
    updateMyNotificationPreferences(input: $input) {
      preferences {
        category
        channel
        enabled
      }
      userErrors {
        code
        field
      }
    }
  }
`;

type Errors = { extensions?: { code?: string } }[] | undefined;
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('notifications: per-store templates, preferences and unsubscribe', () => {
  const inbox = new SmtpInbox();
  let notifications: TestSubgraph;
  let owner: DataSource;
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const staff = tokenFor([Role.STORE_STAFF], storeId);
  let orderNumbers = 5000;

  const ask = async <T>(token: string | undefined, document: string, variables: Record<string, unknown> = {}) =>
    notifications.client(token).rawRequest<T>(document, variables);
  const count = async (sql: string, parameters: unknown[] = []) => Number((await owner.query(sql, parameters))[0].n);
  const publish = async (type: string, data: Record<string, unknown>, options: { storeId?: string; aggregateId?: string; aggregateVersion?: number } = {}) => {
    const { js, names } = notifications.runtime;
    const event = envelopeFor(
      { type, storeId: options.storeId ?? storeId, aggregateId: options.aggregateId ?? randomUUID(), aggregateVersion: options.aggregateVersion, data },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const handled = (event: EventEnvelope) =>
    eventually(async () => (await count(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [event.id])) === 1, 10_000, `${event.type} handled`);
  const emailsTo = (recipient: string, minimum = 1) =>
    eventually(async () => inbox.messagesTo(recipient).length >= minimum && inbox.messagesTo(recipient), 10_000, `email to ${recipient}`);
  const confirmed = (customerId: string | null, email: string, total = { amount: 123456, currencyCode: 'EUR' }) => {
    const orderId = randomUUID();
    return publish(
      'orders.status-changed',
      { orderId, orderNumber: `#${(orderNumbers += 1)}`, customerId, email, from: 'PAYMENT_SUCCESS', to: 'CONFIRMED', reason: null, total },
      { aggregateId: orderId, aggregateVersion: 3 },
    );
  };
  const cartAbandoned = (email: string) => {
    const cartId = randomUUID();
    return publish(
      'cart.abandoned',
      {
        cartId,
        email,
        customerId: null,
        currencyCode: 'EUR',
        itemCount: 1,
        subtotal: { amount: 1999, currencyCode: 'EUR' },
        lines: [{ title: 'Mug', variantTitle: 'Default', quantity: 1 }],
        recoveryUrl: `https://shop.example/cart/recover?cart=${cartId}&token=t`,
        recoveryExpiresAt: '2026-12-10T09:30:00.000Z',
      },
      { aggregateId: cartId },
    );
  };

  beforeAll(async () => {
    ({ notifications, owner } = await startNotificationsWithInbox(inbox, {
      NOTIFICATIONS_PUBLIC_BASE_URL: 'https://api.shop.example',
      NOTIFICATIONS_UNSUBSCRIBE_KEY: 'integration-test-unsubscribe-key-0123456789',
    }));
    // the store's settings, as stores announces them: its emails are rendered in German, in Berlin time
    await handled(
      await publish(
        'stores.created',
        {
          storeId,
          ownerId: randomUUID(),
          name: 'Laden Berlin',
          slug: 'laden',
          domain: 'laden.example',
          currency: 'EUR',
          locale: 'de-DE',
          timezone: 'Europe/Berlin',
          status: 'ACTIVE',
        },
        { aggregateId: storeId, aggregateVersion: 1 },
      ),
    );
  });
  afterAll(async () => {
    await stopNotificationsWithInbox(inbox, { notifications, owner });
  });

  it('lists every template key with its variables for the store’s staff; customers may not', async () => {
    const { data, errors } = await ask<{ notificationTemplates: { key: string; category: string; isCustomized: boolean; variables: { name: string }[] }[] }>(
      staff,
      TEMPLATES,
    );
    expect(errors).toBeUndefined();
    const confirmation = data.notificationTemplates.find((template) => template.key === 'ORDER_CONFIRMED')!;
    expect(confirmation).toMatchObject({ category: 'RECEIPTS', isCustomized: false });
    expect(confirmation.variables.map((variable) => variable.name)).toEqual(['orderNumber', 'total', 'storeName']);
    expect(data.notificationTemplates.find((template) => template.key === 'CART_ABANDONED')!.variables.map((variable) => variable.name)).toContain(
      'unsubscribeUrl',
    );
    const customer = await ask(tokenFor([Role.CUSTOMER], storeId), TEMPLATES);
    expect((customer.errors as Errors)?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a template with an unknown variable or that does not compile, and writes nothing; staff may not change templates', async () => {
    const unknown = await ask<{ updateNotificationTemplate: { template: unknown; userErrors: { code: string; field: string[]; message: string }[] } }>(
      merchant,
      UPDATE,
      {
        input: { key: 'ORDER_CONFIRMED', subject: 'Order {{orderNumber}}', html: '<p>{{money total}}</p>', text: 'Hi {{customerName}}' },
      },
    );
    expect(unknown.data.updateNotificationTemplate.template).toBeNull();
    expect(unknown.data.updateNotificationTemplate.userErrors).toEqual([
      { code: 'INVALID_TEMPLATE', field: ['input', 'text'], message: 'The text uses the unknown variable customerName' },
    ]);
    const broken = await ask<{ updateNotificationTemplate: { userErrors: { code: string; field: string[] }[] } }>(merchant, UPDATE, {
      input: { key: 'ORDER_CONFIRMED', subject: 'Order {{#if orderNumber}}', html: '<p>x</p>', text: 'x' },
    });
    expect(broken.data.updateNotificationTemplate.userErrors).toMatchObject([{ code: 'INVALID_TEMPLATE', field: ['input', 'subject'] }]);
    const raw = await ask<{ updateNotificationTemplate: { userErrors: { code: string; field: string[] }[] } }>(merchant, UPDATE, {
      input: { key: 'ORDER_CONFIRMED', subject: 'x', html: '<p>{{{orderNumber}}}</p>', text: 'x' },
    });
    expect(raw.data.updateNotificationTemplate.userErrors).toMatchObject([{ code: 'INVALID_TEMPLATE', field: ['input', 'html'] }]);
    const byStaff = await ask(staff, UPDATE, { input: { key: 'ORDER_CONFIRMED', subject: 'x', html: 'x', text: 'x' } });
    expect((byStaff.errors as Errors)?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count(`SELECT count(*) AS n FROM notification_template`)).toBe(0);
  });

  it('previews a draft with the sample data in the store’s locale or another, escaping the HTML part', async () => {
    const draft = { subject: '{{storeName}}: {{orderNumber}}', html: '<p>{{money total}} {{storeName}}</p>', text: 'Total {{money total}}' };
    const { data, errors } = await ask<{ previewNotificationTemplate: { subject: string; html: string; text: string; locale: string } }>(merchant, PREVIEW, {
      key: 'ORDER_CONFIRMED',
      draft,
    });
    expect(errors).toBeUndefined();
    expect(data.previewNotificationTemplate).toMatchObject({ subject: 'Laden Berlin: #1001', locale: 'de-DE' });
    expect(plain(data.previewNotificationTemplate.text)).toBe('Total 25,99 $\n');
    const english = await ask<{ previewNotificationTemplate: { text: string; locale: string } }>(staff, PREVIEW, {
      key: 'ORDER_CONFIRMED',
      draft,
      locale: 'en-GB',
    });
    expect(english.data.previewNotificationTemplate).toMatchObject({ text: 'Total US$25.99\n', locale: 'en-GB' });
    const invalid = await ask(merchant, PREVIEW, { key: 'ORDER_CONFIRMED', draft: { ...draft, text: '{{lookup total "amount"}}' } });
    expect((invalid.errors as Errors)?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badLocale = await ask(merchant, PREVIEW, { key: 'ORDER_CONFIRMED', locale: 'not a locale!' });
    expect((badLocale.errors as Errors)?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('emails the next order confirmation with the store’s template, in its locale, HTML-escaped; a reset brings the default back', async () => {
    const updated = await ask<{ updateNotificationTemplate: { template: { isCustomized: boolean }; userErrors: unknown[] } }>(merchant, UPDATE, {
      input: {
        key: 'ORDER_CONFIRMED',
        subject: 'Danke! Bestellung {{orderNumber}} bei {{storeName}}',
        html: '<h1>Danke</h1><p>Bestellung {{orderNumber}}: {{money total}}</p>',
        text: 'Bestellung {{orderNumber}} ist bestätigt: {{money total}}.',
      },
    });
    expect(updated.data.updateNotificationTemplate).toMatchObject({ template: { isCustomized: true }, userErrors: [] });

    const address = `kunde-${randomUUID().slice(0, 8)}@example.com`;
    const event = await confirmed(null, address);
    const [email] = await emailsTo(address);
    const orderNumber = (event.data as { orderNumber: string }).orderNumber;
    expect(email.subject).toBe(`Danke! Bestellung ${orderNumber} bei Laden Berlin`);
    expect(plain(email.text)).toBe(`Bestellung ${orderNumber} ist bestätigt: 1.234,56 €.\n`);
    expect(plain(email.html ?? '')).toBe(`<h1>Danke</h1><p>Bestellung ${orderNumber}: 1.234,56 €</p>`);

    // data cannot add markup to the HTML part
    const sneaky = `sneaky-${randomUUID().slice(0, 8)}@example.com`;
    const orderId = randomUUID();
    await publish(
      'orders.status-changed',
      {
        orderId,
        orderNumber: '<b>1</b>',
        customerId: null,
        email: sneaky,
        from: 'PAYMENT_SUCCESS',
        to: 'CONFIRMED',
        reason: null,
        total: { amount: 1, currencyCode: 'EUR' },
      },
      { aggregateId: orderId, aggregateVersion: 3 },
    );
    const [escaped] = await emailsTo(sneaky);
    expect(escaped.html).toContain('Bestellung &lt;b&gt;1&lt;/b&gt;:');

    const reset = await ask<{ resetNotificationTemplate: { template: { isCustomized: boolean; subject: string } } }>(merchant, RESET, {
      input: { key: 'ORDER_CONFIRMED' },
    });
    expect(reset.data.resetNotificationTemplate.template).toEqual({ isCustomized: false, subject: 'Your order {{orderNumber}} is confirmed' });
    const later = `later-${randomUUID().slice(0, 8)}@example.com`;
    const laterEvent = await confirmed(null, later);
    const [defaultEmail] = await emailsTo(later);
    expect(defaultEmail.subject).toBe(`Your order ${(laterEvent.data as { orderNumber: string }).orderNumber} is confirmed`);
    expect(plain(defaultEmail.text)).toContain('We have received your payment of 1.234,56 €');
  });

  it('keeps one store’s template from another store', async () => {
    await ask(merchant, UPDATE, { input: { key: 'ORDER_DISPATCHED', subject: 'Unterwegs {{orderNumber}}', html: '<p>x</p>', text: 'x' } });
    const other = tokenFor([Role.MERCHANT], randomUUID());
    const { data } = await ask<{ notificationTemplates: { key: string; isCustomized: boolean }[] }>(other, TEMPLATES);
    expect(data.notificationTemplates.find((template) => template.key === 'ORDER_DISPATCHED')).toEqual(expect.objectContaining({ isCustomized: false }));
    await ask(merchant, RESET, { input: { key: 'ORDER_DISPATCHED' } });
  });

  it('lets a customer turn shipping updates off, never receipts', async () => {
    const customerId = randomUUID();
    const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
    const address = `prefs-${randomUUID().slice(0, 8)}@example.com`;
    const before = await ask<{ myNotificationPreferences: { category: string; enabled: boolean; canDisable: boolean }[] }>(customer, PREFERENCES);
    expect(before.data.myNotificationPreferences).toContainEqual({ category: 'RECEIPTS', channel: 'EMAIL', enabled: true, canDisable: false });
    expect(before.data.myNotificationPreferences).toContainEqual({ category: 'SHIPPING_UPDATES', channel: 'EMAIL', enabled: true, canDisable: true });

    const refused = await ask<{ updateMyNotificationPreferences: { preferences: unknown; userErrors: { code: string; field: string[] }[] } }>(
      customer,
      UPDATE_PREFERENCES,
      {
        input: {
          preferences: [
            { category: 'SHIPPING_UPDATES', channel: 'EMAIL', enabled: false },
            { category: 'RECEIPTS', channel: 'EMAIL', enabled: false },
          ],
        },
      },
    );
    expect(refused.data.updateMyNotificationPreferences).toEqual({
      preferences: null,
      userErrors: [{ code: 'NOTIFICATION_REQUIRED', field: ['input', 'preferences', '1', 'enabled'] }],
    });
    expect(await count(`SELECT count(*) AS n FROM notification_preference WHERE customer_id = $1`, [customerId])).toBe(0);

    const turnedOff = await ask<{ updateMyNotificationPreferences: { preferences: { category: string; enabled: boolean }[]; userErrors: unknown[] } }>(
      customer,
      UPDATE_PREFERENCES,
      { input: { preferences: [{ category: 'SHIPPING_UPDATES', channel: 'EMAIL', enabled: false }] } },
    );
    expect(turnedOff.data.updateMyNotificationPreferences.userErrors).toEqual([]);
    expect(turnedOff.data.updateMyNotificationPreferences.preferences).toContainEqual({ category: 'SHIPPING_UPDATES', channel: 'EMAIL', enabled: false });

    const orderId = randomUUID();
    const dispatched = await publish(
      'orders.dispatched',
      { orderId, orderNumber: '#7001', customerId, email: address, carrier: 'DHL', trackingNumber: 'JD1' },
      { aggregateId: orderId },
    );
    await handled(dispatched);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE event_id = $1`, [dispatched.id])).toBe(0);
    // the receipt still goes out
    await confirmed(customerId, address);
    const [receipt] = await emailsTo(address);
    expect(receipt.subject).toMatch(/^Your order #\d+ is confirmed$/);
    expect(inbox.messagesTo(address)).toHaveLength(1);
  });

  it('puts a one-click unsubscribe link in marketing emails; after it the address gets no more of them', async () => {
    const address = `Shopper-${randomUUID().slice(0, 8)}@Example.com`;
    await cartAbandoned(address);
    const [reminder] = await emailsTo(address);
    const link = /<(https:\/\/api\.shop\.example\/notifications\/unsubscribe\?token=[^>]+)>/.exec(reminder.headers['list-unsubscribe'] ?? '')?.[1];
    expect(link).toBeDefined();
    expect(reminder.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(reminder.text).toContain(`No more emails like this: ${link}`);
    expect(reminder.html).toContain(link!.replace(/=/g, '&#x3D;'));

    const local = link!.replace('https://api.shop.example', notifications.url.replace(/\/graphql$/, ''));
    // a link scanner's GET unsubscribes nobody; a forged token is refused
    const page = await signedFetch(local, { method: 'GET' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    const forged = await signedFetch(
      local.replace(
        /token=u1\.[^.]+/,
        `token=u1.${Buffer.from(JSON.stringify({ s: storeId, a: 'someone@example.com', c: 'MARKETING' })).toString('base64url')}`,
      ),
      {
        method: 'POST',
      },
    );
    expect(forged.status).toBe(400);
    expect(await count(`SELECT count(*) AS n FROM email_opt_out WHERE store_id = $1`, [storeId])).toBe(0);

    const oneClick = await signedFetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await owner.query(`SELECT address, category FROM email_opt_out WHERE store_id = $1`, [storeId])).toEqual([
      { address: address.toLowerCase(), category: 'MARKETING' },
    ]);

    const next = await cartAbandoned(address.toLowerCase());
    await handled(next);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE event_id = $1`, [next.id])).toBe(0);
    // the receipts are not marketing: they still go out
    await confirmed(null, address.toLowerCase());
    await eventually(async () => inbox.messagesTo(address.toLowerCase()).length + inbox.messagesTo(address).length >= 2, 10_000, 'the receipt');
  });
});
