import { createHmac } from 'node:crypto';
import { signatureHeader, signPayload, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = JSON.stringify({ id: 'evt', topic: 'orders.created', data: { total: 1200 } });
  const timestamp = 1_765_000_000;

  it('signs `<timestamp>.<body>` with HMAC-SHA256, hex, as Stripe does', () => {
    const expected = createHmac('sha256', 'whsec_a').update(`${timestamp}.${body}`).digest('hex');
    expect(signPayload('whsec_a', timestamp, body)).toBe(expected);
    expect(signatureHeader(['whsec_a'], timestamp, body)).toBe(`t=${timestamp},v1=${expected}`);
  });

  it('carries one v1 per signing secret, the current one first, and each verifies', () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], timestamp, body);
    expect(header.split(',')).toEqual([`t=${timestamp}`, `v1=${signPayload('whsec_new', timestamp, body)}`, `v1=${signPayload('whsec_old', timestamp, body)}`]);
    expect(verifySignature(header, body, 'whsec_new', 300, timestamp * 1000)).toBe(true);
    expect(verifySignature(header, body, 'whsec_old', 300, timestamp * 1000)).toBe(true);
  });

  it('refuses another secret, a changed body, a changed timestamp and an old timestamp', () => {
    const header = signatureHeader(['whsec_a'], timestamp, body);
    expect(verifySignature(header, body, 'whsec_b', 300, timestamp * 1000)).toBe(false);
    expect(verifySignature(header, `${body} `, 'whsec_a', 300, timestamp * 1000)).toBe(false);
    expect(verifySignature(header.replace(`t=${timestamp}`, `t=${timestamp + 1}`), body, 'whsec_a', 300, timestamp * 1000)).toBe(false);
    expect(verifySignature(header, body, 'whsec_a', 300, (timestamp + 301) * 1000)).toBe(false);
    expect(verifySignature('v1=zz', body, 'whsec_a', 300, timestamp * 1000)).toBe(false);
  });
});
