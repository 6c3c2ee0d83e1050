import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '@ultramarket/kit';
import { NotificationCategory } from './notification-category';

/** Who unsubscribes from what: an address, of one store's messages of one category. */
export interface UnsubscribeClaim {
  storeId: string;
  address: string;
  category: NotificationCategory;
}

const VERSION = 'u1';

/**
 * One-click unsubscribe tokens (RFC 8058): `u1.<claim, base64url JSON>.<HMAC-SHA256 of both, base64url>` under
 * NOTIFICATIONS_UNSUBSCRIBE_KEY. They do not expire (a link in an old email must still work) and carry no secret: the
 * signature only proves the platform minted the link for that address, so nobody can opt anyone else out. Rotating
 * the key invalidates the links already sent.
 */
export class UnsubscribeTokens {
  constructor(private readonly key: Buffer) {}

  sign(claim: UnsubscribeClaim): string {
    const body = Buffer.from(JSON.stringify({ s: claim.storeId, a: claim.address.toLowerCase(), c: claim.category })).toString('base64url');
    return `${VERSION}.${body}.${this.mac(body)}`;
  }

  /** The claim of a genuine token; null for anything else (tampered, another key, malformed). */
  verify(token: string): UnsubscribeClaim | null {
    const [version, body, mac, ...rest] = token.split('.');
    if (version !== VERSION || !body || !mac || rest.length > 0) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const { s, a, c } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { s?: unknown; a?: unknown; c?: unknown };
      if (!isUuid(s) || typeof a !== 'string' || !Object.values(NotificationCategory).includes(c as NotificationCategory)) return null;
      return { storeId: s, address: a, category: c as NotificationCategory };
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(`${VERSION}.${body}`).digest('base64url');
  }
}

/** Where the unsubscribe links point (the notifications service's public route). */
export const UNSUBSCRIBE_ROUTE = '/notifications/unsubscribe';

/** Mints the links that marketing emails carry in their body and List-Unsubscribe header. */
export class UnsubscribeLinks {
  constructor(
    readonly tokens: UnsubscribeTokens,
    private readonly publicBaseUrl: string,
  ) {}

  linkFor(claim: UnsubscribeClaim): string {
    return `${this.publicBaseUrl}${UNSUBSCRIBE_ROUTE}?token=${encodeURIComponent(this.tokens.sign(claim))}`;
  }
}
