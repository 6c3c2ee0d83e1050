import { EmailKind } from '../messages/email-templates';
import { emailMessage, renderMessage } from './email-template-keys';
import { renderTemplate } from './render-template';
import { formatFor, formatHelpers } from './template-format';

const US = formatFor('en-US', 'UTC');
const DE = formatFor('de-DE', 'Europe/Berlin');
/** Intl separates some parts with (narrow) no-break spaces; compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('format helpers', () => {
  it('format money in the locale, in the currency’s own minor units', () => {
    expect(plain(formatHelpers(US).money({ amount: 123456, currencyCode: 'USD' }))).toBe('$1,234.56');
    expect(plain(formatHelpers(DE).money({ amount: 123456, currencyCode: 'EUR' }))).toBe('1.234,56 €');
    expect(plain(formatHelpers(formatFor('ja-JP', 'Asia/Tokyo')).money({ amount: 1500, currencyCode: 'JPY' }))).toBe('￥1,500');
    expect(formatHelpers(US).money({ amount: 1.5, currencyCode: 'USD' })).toBe('');
  });

  it('format dates in the locale and the store’s time zone', () => {
    const instant = '2026-12-31T23:30:00.000Z';
    expect(formatHelpers(US).date(instant)).toBe('December 31, 2026');
    // already the next day in Berlin
    expect(formatHelpers(DE).date(instant)).toBe('1. Januar 2027');
    expect(plain(formatHelpers(US).dateTime(instant))).toBe('December 31, 2026 at 11:30 PM UTC');
    expect(plain(formatHelpers(DE).dateTime(instant))).toBe('1. Januar 2027 um 00:30 MEZ');
    expect(formatHelpers(US).date('not a date')).toBe('');
    expect(formatHelpers(DE).number(1234567)).toBe('1.234.567');
  });

  it('fall back to the default for a locale or zone Intl does not know', () => {
    expect(formatFor('xx-invalid-@@', 'Mars/Olympus')).toEqual({ locale: 'en-US', timeZone: 'UTC' });
  });
});

describe('rendering', () => {
  it('escapes every value in the HTML part and nothing in the text part', () => {
    const rendered = renderTemplate(
      { subject: 'Hi {{name}}', html: '<p>Hi {{name}}</p>', text: 'Hi {{name}}' },
      { name: '<script>alert("x")</script> & co' },
      US,
    );
    expect(rendered.html).toBe('<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>');
    expect(rendered.text).toBe('Hi <script>alert("x")</script> & co\n');
    expect(rendered.subject).toBe('Hi <script>alert("x")</script> & co');
  });

  it('folds the subject onto one line, whatever the data holds', () => {
    expect(renderTemplate({ subject: 'Order {{n}}', html: 'x', text: 'x' }, { n: '#1\nBcc: someone@example.com' }, US).subject).toBe(
      'Order #1 Bcc: someone@example.com',
    );
  });

  it('renders an email in the store’s locale: the default template in German formats', () => {
    const message = emailMessage(EmailKind.ORDER_CONFIRMED, { orderNumber: '#1001', total: { amount: 2599, currencyCode: 'EUR' } });
    const email = renderMessage(message, { storeName: 'Laden' }, DE);
    expect(plain(email.text)).toContain('We have received your payment of 25,99 € and order #1001 is confirmed.');
    expect(plain(email.html)).toContain('<p>Thank you for your order! We have received your payment of 25,99 € and order #1001 is confirmed.</p>');
  });

  it('reaches no prototype property through the data', () => {
    const rendered = renderTemplate({ subject: 'x', html: 'x', text: '[{{name.constructor}}]' }, { name: 'a' }, US);
    expect(rendered.text).toBe('[]\n');
  });
});
