import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { SmtpInbox } from '../../subgraphs/notifications/test/support/smtp-inbox';
import { Storefront } from './support/storefront';

type Answer<T> = { data: T; errors?: { message: string; extensions?: { code?: string } }[] };

const UPDATE = `mutation ($input: UpdateNotificationTemplateInput!) {
  updateNotificationTemplate(input: $input) { template { key isCustomized updatedAt } userErrors { code field message } }
}`;
const PREVIEW = `query ($key: NotificationTemplateKey!, $draft: NotificationTemplateDraftInput, $locale: String) {
  previewNotificationTemplate(key: $key, draft: $draft, locale: $locale) { subject html text locale }
}`;
const TEMPLATE = `query ($key: NotificationTemplateKey!) { notificationTemplate(key: $key) { key isCustomized subject variables { name type } } }`;
const PREFERENCES = `query { myNotificationPreferences { category channel enabled canDisable } }`;

/**
 * Issue 16 item 4 through the gateway: a merchant edits the order-confirmation template and the next order's email uses
 * it (in the store's locale), previews work, an invalid template is refused, and a shopper who unsubscribes from the
 * abandoned-cart reminders (one click on the link in the email) gets no more of them. Its own stack: carts are
 * abandoned at once here (0 minutes, a sweep a second), which the pooled stacks do not do.
 */
describe('notification templates and unsubscribe through the gateway', () => {
  const inbox = new SmtpInbox();
  let stack: Stack;
  let store: Storefront;

  const ask = async <T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> => {
    const headers: Record<string, string> = { 'x-store-id': store.storeId, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    return new GraphQLClient(stack.gatewayUrl, { headers, errorPolicy: 'all' }).rawRequest<T>(query, variables) as Promise<Answer<T>>;
  };

  beforeAll(async () => {
    await inbox.start();
    stack = await startStack({
      namespace: uniqueSuiteName('templates'),
      env: {
        CART_ABANDONED_AFTER_MINUTES: '0',
        CART_ABANDONMENT_SWEEP_SECONDS: '1',
        CART_RECOVERY_URL: 'https://shop.example/cart/recover?cart={cartId}&token={token}',
        SMTP_PORT: String(inbox.port),
        NOTIFICATIONS_EMAIL_POLL_MS: '200',
        NOTIFICATIONS_PUBLIC_BASE_URL: 'https://api.shop.example',
      },
    });
    store = await Storefront.open(stack, 'Template Tavern');
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
    await inbox.stop();
  });

  it('refuses an invalid template, previews a draft, and emails the next order confirmation with the merchant’s template', async () => {
    const refused = await ask<{ updateNotificationTemplate: { template: unknown; userErrors: { code: string; field: string[] }[] } }>(
      store.merchantToken,
      UPDATE,
      {
        input: { key: 'ORDER_CONFIRMED', subject: 'Order {{orderNumber}}', html: '<p>{{money total}}</p>', text: 'Dear {{customer.name}}' },
      },
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data.updateNotificationTemplate).toMatchObject({ template: null, userErrors: [{ code: 'INVALID_TEMPLATE', field: ['input', 'text'] }] });
    const still = await ask<{ notificationTemplate: { isCustomized: boolean; subject: string } }>(store.merchantToken, TEMPLATE, { key: 'ORDER_CONFIRMED' });
    expect(still.data.notificationTemplate).toMatchObject({ isCustomized: false, subject: 'Your order {{orderNumber}} is confirmed' });

    const draft = {
      subject: '{{storeName}} confirms {{orderNumber}}',
      html: '<h1>{{storeName}}</h1><p>Paid: {{money total}}</p>',
      text: 'Thanks for shopping at {{storeName}}! Order {{orderNumber}}, paid {{money total}}.',
    };
    const preview = await ask<{ previewNotificationTemplate: { subject: string; html: string; text: string; locale: string } }>(store.merchantToken, PREVIEW, {
      key: 'ORDER_CONFIRMED',
      draft,
    });
    expect(preview.errors).toBeUndefined();
    expect(preview.data.previewNotificationTemplate).toEqual({
      subject: 'Template Tavern confirms #1001',
      html: '<h1>Template Tavern</h1><p>Paid: $25.99</p>',
      text: 'Thanks for shopping at Template Tavern! Order #1001, paid $25.99.\n',
      locale: 'en-US',
    });
    const inFrench = await ask<{ previewNotificationTemplate: { text: string } }>(store.merchantToken, PREVIEW, {
      key: 'ORDER_CONFIRMED',
      draft,
      locale: 'fr-FR',
    });
    expect(inFrench.data.previewNotificationTemplate.text.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Thanks for shopping at Template Tavern! Order #1001, paid 25,99 $US.\n',
    );

    const saved = await ask<{ updateNotificationTemplate: { template: { isCustomized: boolean }; userErrors: unknown[] } }>(store.merchantToken, UPDATE, {
      input: { key: 'ORDER_CONFIRMED', ...draft },
    });
    expect(saved.data.updateNotificationTemplate).toMatchObject({ template: { isCustomized: true }, userErrors: [] });

    const productId = await store.product('Pewter tankard', 5, 3250);
    const shopper = store.customer();
    const email = `tavern.${randomUUID().slice(0, 8)}@example.com`;
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 2 }], randomUUID(), email);
    await eventually(
      async () =>
        (
          await shopper.sdk.ProcessPayment({
            input: { orderId: order.id, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() },
          })
        ).processPayment.payment,
      15_000,
      'a payment',
    );
    const confirmation = await eventually(
      async () => inbox.messagesTo(email).find((message) => message.subject.includes('confirms')),
      30_000,
      'the confirmation email',
    );
    expect(confirmation.subject).toBe(`Template Tavern confirms ${order.orderNumber}`);
    expect(confirmation.text).toBe(`Thanks for shopping at Template Tavern! Order ${order.orderNumber}, paid $65.00.\n`);
    expect(confirmation.html).toBe('<h1>Template Tavern</h1><p>Paid: $65.00</p>');
  });

  it('lets a shopper unsubscribe from abandoned-cart reminders with one click; no more come', async () => {
    const productId = await store.product('Oak stool', 5, 4000);
    const address = `leaver.${randomUUID().slice(0, 8)}@example.com`;
    const guest = store.sdkFor();
    const abandonCart = () =>
      eventually(
        async () => {
          const { createCart } = await guest.CreateCart({ input: { lines: [{ variantId: productId, quantity: 1 }], email: address } });
          if (createCart.userErrors.some((error) => error.code === 'PRODUCT_NOT_AVAILABLE')) return undefined;
          expect(createCart.userErrors).toEqual([]);
          return createCart.cart!.id;
        },
        15_000,
        'cart to know the product',
      );
    await abandonCart();
    const [reminder] = await eventually(async () => inbox.messagesTo(address).length > 0 && inbox.messagesTo(address), 30_000, 'the reminder');
    expect(reminder.subject).toBe('You left something in your cart');
    expect(reminder.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/api\.shop\.example\/notifications\/unsubscribe\?token=[^>]+)>$/.exec(reminder.headers['list-unsubscribe'])![1];
    expect(reminder.text).toContain(link);

    // what the mail client does on "unsubscribe": a POST to the link (here at the notifications service itself)
    const local = new URL(link);
    const service = new URL(stack.services.notifications.url);
    local.protocol = service.protocol;
    local.host = service.host;
    const oneClick = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);

    const preferences = await ask<{ myNotificationPreferences: { category: string; enabled: boolean }[] }>(store.customer().token, PREFERENCES);
    expect(preferences.data.myNotificationPreferences).toContainEqual({ category: 'MARKETING', channel: 'EMAIL', enabled: true, canDisable: true });

    // another cart left by the same address: no reminder. A later cart of another address still gets one, so the
    // sweeps have run past the first one by the time it arrives.
    await abandonCart();
    const other = `other.${randomUUID().slice(0, 8)}@example.com`;
    await eventually(
      async () => {
        const { createCart } = await guest.CreateCart({ input: { lines: [{ variantId: productId, quantity: 1 }], email: other } });
        return createCart.cart?.id;
      },
      15_000,
      'the other cart',
    );
    await eventually(async () => inbox.messagesTo(other).length === 1, 30_000, 'the other address’s reminder');
    expect(inbox.messagesTo(address)).toHaveLength(1);
  });
});
