import type { EventHandler } from '@ultramarket/kit';
import { createNotification } from '../notification/create-notification';
import { enqueueEmail, storeEmailsInLastDay } from '../email/email-outbox';
import { EmailKind } from '../messages/email-templates';
import { emailMessage } from '../templates/email-template-keys';
import { notificationTexts } from '../messages/notification-texts';
import { readStaffInvited } from './consumed-events';

export interface StaffInvitationOptions {
  /** NOTIFICATIONS_EMAIL_ENABLED: when false no email is queued. */
  emailEnabled: boolean;
  /** NOTIFICATIONS_MAX_INVITATION_EMAILS_PER_STORE_DAY: invitation emails one store may send in a day. */
  invitationEmailsPerStoreDay: number;
}

/**
 * stores.staff-invited → tells the invitee. An invitation by email gets an email to that address
 * with no link and no token (the invitee accepts signed in with it, `myStoreInvitations`); an
 * invitation to a user gets an in-app INVITATION notification for that user, no email
 * (notifications knows no user's address). Merchants choose the addresses, so a store sends at
 * most `invitationEmailsPerStoreDay` invitation emails a day, counted under a per-store lock so
 * concurrent deliveries cannot both take the last one; beyond it the email is skipped and logged
 * (the invitation itself stands: stores bounds invitations on its own side too).
 */
export function notifyStaffInvitee(options: StaffInvitationOptions): EventHandler {
  return {
    name: 'notifications-staff-invited',
    eventType: 'stores.staff-invited',
    async handle(event, tx, logger) {
      const invitation = readStaffInvited(event);
      if (invitation.userId) {
        await createNotification(tx, event, {
          ...notificationTexts.storeInvitation(invitation),
          userId: invitation.userId,
          storeId: invitation.storeId,
          orderId: null,
          dedupeKey: `invitation:${invitation.invitationId}`,
        });
        return;
      }
      if (!invitation.email) {
        logger.warn({ invitationId: invitation.invitationId }, 'the invitation names no valid address or user; nobody to tell');
        return;
      }
      if (!options.emailEnabled) return;
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`notifications:invitation-emails:${invitation.storeId}`]);
      const sent = await storeEmailsInLastDay(tx, invitation.storeId, EmailKind.STORE_INVITATION);
      if (sent >= options.invitationEmailsPerStoreDay) {
        logger.warn(
          { storeId: invitation.storeId, invitationId: invitation.invitationId, sent },
          'the store reached its daily limit of invitation emails; not emailing this invitation',
        );
        return;
      }
      await enqueueEmail(tx, event, { storeId: invitation.storeId, recipient: invitation.email }, emailMessage(EmailKind.STORE_INVITATION, invitation));
    },
  };
}
