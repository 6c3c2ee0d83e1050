import { NotificationCategory } from './notification-category';
import { UnsubscribeLinks, UnsubscribeTokens } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens(Buffer.from('unit-test-unsubscribe-key-0123456789abcdef'));
  const claim = { storeId: '5f0c3c52-8a51-4bd4-9a3e-1c2f3e4d5a6b', address: 'Shopper@Example.com', category: NotificationCategory.MARKETING };

  it('verifies what it signed, with the address in lower case', () => {
    expect(tokens.verify(tokens.sign(claim))).toEqual({ ...claim, address: 'shopper@example.com' });
  });

  it('refuses a token whose claim was changed, one signed with another key, and malformed ones', () => {
    const [version, , mac] = tokens.sign(claim).split('.');
    const forged = Buffer.from(JSON.stringify({ s: claim.storeId, a: 'someone-else@example.com', c: 'MARKETING' })).toString('base64url');
    expect(tokens.verify(`${version}.${forged}.${mac}`)).toBeNull();
    expect(new UnsubscribeTokens(Buffer.from('another-key-entirely-0123456789abcdef')).verify(tokens.sign(claim))).toBeNull();
    for (const malformed of ['', 'u1', 'u1..', `u2.${forged}.${mac}`, `${tokens.sign(claim)}.extra`]) expect(tokens.verify(malformed)).toBeNull();
  });

  it('makes links to the public unsubscribe route with the token URL-encoded', () => {
    const link = new UnsubscribeLinks(tokens, 'https://api.shop.example').linkFor(claim);
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe('https://api.shop.example/notifications/unsubscribe');
    expect(tokens.verify(url.searchParams.get('token')!)).toMatchObject({ category: NotificationCategory.MARKETING });
  });
});
