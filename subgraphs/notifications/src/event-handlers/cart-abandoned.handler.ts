import type { EventHandler } from '@ultramarket/kit';
import { enqueueEmail, recipientEmailsInLastDay } from '../email/email-outbox';
import { EmailKind } from '../messages/email-templates';
import { emailMessage } from '../templates/email-template-keys';
import { readCartAbandoned } from './consumed-events';
import type { UnsubscribeLinks } from '../preferences/unsubscribe-token';

export interface CartEmailOptions {
  /** NOTIFICATIONS_EMAIL_ENABLED: when false no email is queued. */
  emailEnabled: boolean;
  /** NOTIFICATIONS_MAX_CART_EMAILS_PER_RECIPIENT_DAY: abandoned-cart emails one store may send one address in a day. */
  cartEmailsPerRecipientDay: number;
  /** Mints the one-click unsubscribe link (and List-Unsubscribe header) every abandoned-cart email carries. */
  unsubscribeLinks: UnsubscribeLinks;
}

/**
 * cart.abandoned → one email to the cart's address with its lines, subtotal and recovery link. Cart publishes the
 * event once per cart, and a redelivery queues nothing (`processed_event`, `UNIQUE (event_id, kind)`). A guest can
 * type anybody's address into a cart, so a store emails one address at most `cartEmailsPerRecipientDay` such emails a
 * day (counted under a per-store-and-address lock); beyond it the email is skipped and logged. No in-app notification:
 * the email is the point, and a guest has no account to show it in.
 */
export function emailAbandonedCart(options: CartEmailOptions): EventHandler {
  return {
    name: 'notifications-cart-abandoned',
    eventType: 'cart.abandoned',
    async handle(event, tx, logger) {
      const cart = readCartAbandoned(event);
      if (!options.emailEnabled) return;
      if (!cart.email) {
        logger.warn({ cartId: cart.cartId }, 'the abandoned cart names no valid address; nobody to email');
        return;
      }
      const recipient = cart.email.toLowerCase();
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`notifications:cart-emails:${cart.storeId}:${recipient}`]);
      const sent = await recipientEmailsInLastDay(tx, recipient, EmailKind.CART_ABANDONED);
      if (sent >= options.cartEmailsPerRecipientDay) {
        logger.warn(
          { storeId: cart.storeId, cartId: cart.cartId, sent },
          'the address reached its daily limit of abandoned-cart emails; not emailing this cart',
        );
        return;
      }
      const queued = await enqueueEmail(
        tx,
        event,
        { storeId: cart.storeId, recipient: cart.email, customerId: cart.customerId, unsubscribeLinks: options.unsubscribeLinks },
        emailMessage(EmailKind.CART_ABANDONED, cart),
      );
      if (!queued) logger.info({ cartId: cart.cartId }, "the address unsubscribed from this store's marketing emails; not emailing this cart");
    },
  };
}
