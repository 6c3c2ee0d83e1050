import type { EventHandler } from '@ultramarket/kit';
import { enqueueEmail } from '../email/email-outbox';
import { EmailKind, renderEmail } from '../messages/email-templates';

interface AccountEmailOptions {
  emailEnabled: boolean;
  /** NOTIFICATIONS_ACCOUNT_LINK_BASE_URL: the storefront pages that take the token. */
  linkBaseUrl: string;
}

interface UserRegistered {
  email: string;
  firstName: string;
  verificationToken: string;
}

interface PasswordResetRequested {
  email: string;
  firstName: string;
  resetToken: string;
}

/** accounts.user-registered → the email with the single-use verification link. */
export function sendVerificationEmail(options: AccountEmailOptions): EventHandler {
  return {
    name: 'notifications-account-verification',
    eventType: 'accounts.user-registered',
    async handle(event, tx) {
      if (!options.emailEnabled) return;
      const { email, firstName, verificationToken: token } = event.data as unknown as UserRegistered;
      const link = `${options.linkBaseUrl}/verify-email?token=${encodeURIComponent(token)}`;
      await enqueueEmail(tx, event, null, email, renderEmail(EmailKind.ACCOUNT_VERIFY_EMAIL, { firstName, link, token }));
    },
  };
}

/** accounts.password-reset-requested → the email with the single-use reset link (only sent for accounts that exist). */
export function sendPasswordResetEmail(options: AccountEmailOptions): EventHandler {
  return {
    name: 'notifications-password-reset',
    eventType: 'accounts.password-reset-requested',
    async handle(event, tx) {
      if (!options.emailEnabled) return;
      const { email, firstName, resetToken: token } = event.data as unknown as PasswordResetRequested;
      const link = `${options.linkBaseUrl}/reset-password?token=${encodeURIComponent(token)}`;
      await enqueueEmail(tx, event, null, email, renderEmail(EmailKind.ACCOUNT_PASSWORD_RESET, { firstName, link, token }));
    },
  };
}
