import { randomUUID } from 'node:crypto';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { SmtpInbox } from '../../subgraphs/notifications/test/support/smtp-inbox';
import { Storefront, type Sdk } from './support/storefront';

/**
 * Issue 14, item 7: a guest cart with an email and lines, left alone, is abandoned (here at once: 0 minutes, a sweep a
 * second), the shopper gets one email with a link back, and the link's token opens the cart through the gateway.
 */
describe('abandoned cart through the gateway', () => {
  const inbox = new SmtpInbox();
  let stack: Stack;
  let store: Storefront;
  let guest: Sdk;

  beforeAll(async () => {
    await inbox.start();
    stack = await startStack({
      namespace: uniqueSuiteName('abandon'),
      env: {
        CART_ABANDONED_AFTER_MINUTES: '0',
        CART_ABANDONMENT_SWEEP_SECONDS: '1',
        CART_RECOVERY_URL: 'https://shop.example/cart/recover?cart={cartId}&token={token}',
        SMTP_PORT: String(inbox.port),
        NOTIFICATIONS_EMAIL_POLL_MS: '200',
      },
    });
    store = await Storefront.open(stack, 'Abandon Alley');
    guest = store.sdkFor();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
    await inbox.stop();
  });

  it('emails a guest who left a cart a single-use link whose token gives a working cart token, and the old token stops working', async () => {
    const productId = await store.product('Walnut cutting board', 5, 4500);
    const email = `leaver-${randomUUID().slice(0, 8)}@example.com`;
    // the cart's catalog view hears of the product through events
    const created = await eventually(
      async () => {
        const { createCart } = await guest.CreateCart({ input: { lines: [{ variantId: productId, quantity: 2 }], email } });
        if (createCart.userErrors.some((error) => error.code === 'PRODUCT_NOT_AVAILABLE')) return undefined;
        expect(createCart.userErrors).toEqual([]);
        return createCart;
      },
      15_000,
      'cart to know the product',
    );
    const cartId = created.cart!.id;
    const oldToken = created.cartToken!;

    const [received] = await eventually(async () => inbox.messagesTo(email).length > 0 && inbox.messagesTo(email), 30_000, `the email to ${email}`);
    expect(received.subject).toBe('You left something in your cart');
    expect(received.text).toContain('2 items, $90.00');
    expect(received.text).toContain('- 2 × “Walnut cutting board”');
    const link = new URL(/https:\/\/shop\.example\/cart\/recover\?\S+/.exec(received.text)![0]);
    expect(link.searchParams.get('cart')).toBe(cartId);
    const recoveryToken = link.searchParams.get('token')!;

    const { recoverCart } = await guest.RecoverCart({ input: { cartId, recoveryToken } });
    expect(recoverCart.userErrors).toEqual([]);
    expect(recoverCart.cart).toMatchObject({ id: cartId, itemCount: 2, email });
    const newToken = recoverCart.cartToken!;
    expect(newToken).not.toBe(oldToken);

    expect((await guest.Cart({ id: cartId, token: newToken })).cart?.itemCount).toBe(2);
    expect((await guest.Cart({ id: cartId, token: oldToken })).cart).toBeNull();
    const { addCartLines } = await guest.AddCartLines({ input: { cartId, cartToken: newToken, lines: [{ variantId: productId, quantity: 1 }] } });
    expect(addCartLines.cart?.itemCount).toBe(3);

    // the link works once
    const again = await guest.RecoverCart({ input: { cartId, recoveryToken } });
    expect(again.recoverCart).toMatchObject({ cart: null, cartToken: null, userErrors: [{ code: 'CART_RECOVERY_INVALID' }] });
    // and the cart, changed since, is not abandoned (nor emailed) a second time
    const { createCart: later } = await guest.CreateCart({ input: { lines: [{ variantId: productId, quantity: 1 }], email: `later-${email}` } });
    await eventually(async () => inbox.messagesTo(`later-${email}`).length === 1, 30_000, 'a later cart’s email');
    expect(later.userErrors).toEqual([]);
    expect(inbox.messagesTo(email)).toHaveLength(1);
  });
});
