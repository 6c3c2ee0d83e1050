import { EMAILS_WITH_LIVE_TOKENS, EmailKind } from '../src/messages/email-templates';
import { renderEmail } from '../src/templates/email-template-keys';
import { formatMoney } from '../src/messages/format-money';
import { notificationTexts } from '../src/messages/notification-texts';
import { quotedText } from '../src/messages/plain-text';

describe('formatMoney', () => {
  it('turns minor units into the currency’s own format', () => {
    expect(formatMoney({ amount: 2599, currencyCode: 'USD' })).toBe('$25.99');
    expect(formatMoney({ amount: 100000, currencyCode: 'EUR' })).toBe('€1,000.00');
    expect(formatMoney({ amount: 1500, currencyCode: 'JPY' })).toBe('¥1,500');
  });
});

describe('email templates', () => {
  const total = { amount: 2599, currencyCode: 'USD' };

  it('gives every kind a subject naming the order and a plain-text body with greeting and sign-off', () => {
    const emails = [
      renderEmail(EmailKind.ORDER_CONFIRMED, { orderNumber: '#1001', total }),
      renderEmail(EmailKind.ORDER_PAYMENT_FAILED, { orderNumber: '#1001', total, reason: 'Card declined' }),
      renderEmail(EmailKind.ORDER_CANCELLED, { orderNumber: '#1001', reasonCode: 'OUT_OF_STOCK' }),
      renderEmail(EmailKind.ORDER_DISPATCHED, { orderNumber: '#1001', carrier: 'DHL', trackingNumber: 'JD0146' }),
      renderEmail(EmailKind.SHIPMENT_TRACKING, { orderNumber: '#1001', status: 'FAILED_ATTEMPT', carrier: 'DHL', trackingNumber: 'JD0146', trackingUrl: null }),
      renderEmail(EmailKind.PAYMENT_REFUNDED, { orderNumber: '#1001', amount: total, reason: null }),
    ];
    expect(emails.map((email) => email.kind)).toEqual(
      Object.values(EmailKind).filter((kind) => kind.startsWith('ORDER_') || kind.startsWith('SHIPMENT_') || kind.startsWith('PAYMENT_')),
    );
    for (const email of emails) {
      expect(email.subject).toContain('#1001');
      expect(email.text).toMatch(/^Hello,\n\n/);
      expect(email.text).toContain('#1001');
      expect(email.text).toMatch(/UltraMarket\n$/);
    }
    expect(emails[0].text).toContain('$25.99');
    expect(emails[1].text).toContain('Reason: Card declined.');
    expect(emails[2].text).toContain('Order #1001 was cancelled because some of its items are out of stock.');
    expect(emails[3].text).toContain('dispatched with DHL');
    expect(emails[3].text).toContain('Tracking number: JD0146');
    expect(emails[3].text).not.toContain('Follow your parcel');
    expect(emails[4].subject).toBe('Delivery of order #1001 failed');
    expect(emails[4].text).toContain('DHL tracking number: JD0146\n');
  });

  it('puts the single-use link and code in account emails', () => {
    const verify = renderEmail(EmailKind.ACCOUNT_VERIFY_EMAIL, { firstName: 'Ada', link: 'https://shop.example/verify-email?token=abc', token: 'abc' });
    expect(verify.subject).toBe('Confirm your email address');
    expect(verify.text).toContain('Welcome to UltraMarket, Ada!');
    expect(verify.text).toContain('https://shop.example/verify-email?token=abc');
    expect(verify.text).toContain('enter this code where you signed up: abc');
    const reset = renderEmail(EmailKind.ACCOUNT_PASSWORD_RESET, { firstName: '', link: 'https://shop.example/reset-password?token=xyz', token: 'xyz' });
    expect(reset.subject).toBe('Reset your password');
    expect(reset.text).toContain('Someone (we hope you) asked to reset');
    expect(reset.text).toContain('Or enter this code: xyz');
    expect(reset.text).toMatch(/^Hello,\n\n/);
  });

  it('leaves the reason out when there is none, and copes with an order number it has not learnt', () => {
    expect(renderEmail(EmailKind.ORDER_CANCELLED, { orderNumber: '#7', reasonCode: null }).text).toContain('Order #7 was cancelled.\n');
    expect(renderEmail(EmailKind.ORDER_CANCELLED, { orderNumber: '#7', reasonCode: 'OTHER' }).text).toContain('Order #7 was cancelled.\n');
    const refund = renderEmail(EmailKind.PAYMENT_REFUNDED, { orderNumber: null, amount: { amount: 500, currencyCode: 'USD' }, reason: 'Out of stock.' });
    expect(refund.subject).toBe('Your refund');
    expect(refund.text).toContain('We have refunded $5.00 for your order. Reason: Out of stock.');
  });

  it('invites to a store with no link and no token: the invitee signs in with the address to accept', () => {
    const expiresAt = new Date('2026-12-13T21:16:40.123Z');
    const invitation = renderEmail(EmailKind.STORE_INVITATION, { storeName: 'Acme Outdoor', role: 'STORE_STAFF', expiresAt });
    expect(invitation.subject).toBe('You were invited to “Acme Outdoor” on UltraMarket');
    // dates in the store's locale and time zone (the default en-US, UTC here); Intl may put a narrow space before PM
    expect(invitation.text).toMatch(
      /You were invited to “Acme Outdoor” as a member of staff\. Sign in to UltraMarket with this email to accept; the invitation expires December 13, 2026 at 9:16\sPM UTC\./,
    );
    expect(invitation.text).not.toMatch(/https?:|token/i);
    expect(renderEmail(EmailKind.STORE_INVITATION, { storeName: 'Acme', role: 'MERCHANT', expiresAt }).text).toContain('as a merchant.');
  });

  it('lists an abandoned cart (at most 10 lines, titles quoted) with its single-use recovery link and when it stops working', () => {
    const lines = Array.from({ length: 12 }, (_, index) => ({ title: `Tee ${index}`, variantTitle: index === 0 ? 'Default' : 'M', quantity: 1 }));
    const email = renderEmail(EmailKind.CART_ABANDONED, {
      lines,
      itemCount: 12,
      subtotal: { amount: 24000, currencyCode: 'USD' },
      recoveryUrl: 'https://shop.example/cart/recover?cart=c-1&token=t-1',
      recoveryExpiresAt: new Date('2026-12-10T09:30:12Z'),
    });
    expect(email.subject).toBe('You left something in your cart');
    expect(email.text).toContain('Your cart is waiting for you: 12 items, $240.00 at today');
    expect(email.text).toContain('- 1 × “Tee 0”\n- 1 × “Tee 1” (“M”)');
    expect(email.text).toContain('- 1 × “Tee 9” (“M”)\n- and 2 more\n');
    expect(email.text).toContain('Pick up where you left off: https://shop.example/cart/recover?cart=c-1&token=t-1');
    expect(email.text).toMatch(/The link works once, until December 10, 2026 at 9:30\sAM UTC\./);
    expect(EMAILS_WITH_LIVE_TOKENS).toContain(EmailKind.CART_ABANDONED);
  });

  it('quotes a store name on one line, its links broken, so a merchant cannot write the email', () => {
    const storeName = 'Acme\r\n\r\nYour account is locked: http://phish.example/login\u202e\u0000';
    const invitation = renderEmail(EmailKind.STORE_INVITATION, { storeName, role: 'STORE_STAFF', expiresAt: new Date() });
    expect(invitation.subject).toBe('You were invited to “Acme Your account is locked: http[:]//phish.example/login” on UltraMarket');
    expect(invitation.text).toContain('invited to “Acme Your account is locked: http[:]//phish.example/login” as');
    expect(invitation.text).not.toContain('http://');
    for (const hidden of ['\u0000', '\u202e', '\r']) expect(invitation.text).not.toContain(hidden);
    expect(quotedText('x'.repeat(300))).toBe(`“${'x'.repeat(100)}”`);
  });

  it("tells how to pay a manual payment: the store's instructions quoted line by line, links broken, and until when the items are held", () => {
    const instructions = 'IBAN DE89 3704 0044 0532 0130 00\r\nReference: your order number\u202e\n\nQuestions? https://shop.example/help';
    const email = renderEmail(EmailKind.MANUAL_PAYMENT_INSTRUCTIONS, {
      orderNumber: '#1001',
      amount: total,
      methodName: 'bank transfer',
      instructions,
      holdUntil: new Date('2026-12-13T21:16:00Z'),
    });
    expect(email.subject).toBe('How to pay for order #1001');
    expect(email.text).toContain('pay $25.99 for order #1001 by bank transfer');
    expect(email.text).toContain('> IBAN DE89 3704 0044 0532 0130 00\n> Reference: your order number\n> Questions? https[:]//shop.example/help');
    expect(email.text).toMatch(/We hold your items until December 13, 2026 at 9:16\sPM UTC/);
    for (const hidden of ['\u202e', '\r', 'https://']) expect(email.text).not.toContain(hidden);
  });
});

describe('notification texts', () => {
  it('say what happened in one line, with the type the reader filters by', () => {
    expect(notificationTexts.orderDispatchedWithTracking({ orderNumber: '#1002', carrier: 'UPS', trackingNumber: '1Z99' })).toEqual({
      type: 'DISPATCH',
      title: 'Order #1002 dispatched',
      message: 'Your order #1002 is on its way with UPS. Tracking number: 1Z99.',
    });
    expect(notificationTexts.paymentFailed({ orderNumber: null, amount: { amount: 100, currencyCode: 'USD' }, message: 'Insufficient funds.' }).message).toBe(
      'Your payment of $1.00 for your order failed: Insufficient funds. You can try again with another payment method.',
    );
    expect(notificationTexts.lowStock({ productId: 'p-1', available: 2, lowStockThreshold: 5 })).toMatchObject({ type: 'STOCK', title: 'Low stock: 2 left' });
    expect(notificationTexts.storeInvitation({ storeName: 'Acme', role: 'MERCHANT', expiresAt: new Date('2026-12-13T21:16:00Z') })).toEqual({
      type: 'INVITATION',
      title: 'Invitation to join “Acme”',
      message: 'You were invited to “Acme” as a merchant. Accept it from your store invitations; it expires 2026-12-13 21:16 UTC.',
    });
  });
});
