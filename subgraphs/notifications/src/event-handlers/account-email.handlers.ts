import { openAccountEmailToken, PermanentEventError, type EventEnvelope, type EventHandler, type SecretCipher } from '@ultramarket/kit';
import { enqueueEmail } from '../email/email-outbox';
import { EmailKind } from '../messages/email-templates';
import { emailMessage } from '../templates/email-template-keys';

export interface AccountEmailOptions {
  emailEnabled: boolean;
  /** NOTIFICATIONS_ACCOUNT_LINK_BASE_URL: the storefront pages that take the token. */
  linkBaseUrl: string;
  /** Opens the tokens accounts sealed under ACCOUNT_EMAIL_TOKEN_KEY; null only when email is off. */
  emailTokenSeal: SecretCipher | null;
}

interface UserRegistered {
  userId: string;
  email: string;
  firstName: string;
  sealedVerificationToken: string;
}

interface PasswordResetRequested {
  userId: string;
  email: string;
  firstName: string;
  sealedResetToken: string;
}

/**
 * The token accounts sealed for this event and user. A seal that does not open (another key, a tampered
 * or copied seal, an event from before tokens were sealed) never will: the event is dead-lettered at once,
 * logged by the runner, with no email and no retries. The error names neither the seal nor the token.
 */
function openedToken(options: AccountEmailOptions, event: EventEnvelope, sealed: unknown): string {
  const userId = (event.data as { userId?: unknown }).userId;
  if (!options.emailTokenSeal) throw new PermanentEventError('no ACCOUNT_EMAIL_TOKEN_KEY to open the emailed token with');
  if (typeof sealed !== 'string' || typeof userId !== 'string') throw new PermanentEventError(`${event.type} carries no sealed token for a user`);
  try {
    return openAccountEmailToken(options.emailTokenSeal, event.type, userId, sealed);
  } catch {
    throw new PermanentEventError(`the sealed token of ${event.type} does not open (is ACCOUNT_EMAIL_TOKEN_KEY the same as accounts'?)`);
  }
}

/** accounts.user-registered → the email with the single-use verification link. */
export function sendVerificationEmail(options: AccountEmailOptions): EventHandler {
  return {
    name: 'notifications-account-verification',
    eventType: 'accounts.user-registered',
    async handle(event, tx) {
      if (!options.emailEnabled) return;
      const { email, firstName, sealedVerificationToken } = event.data as unknown as UserRegistered;
      const token = openedToken(options, event, sealedVerificationToken);
      const link = `${options.linkBaseUrl}/verify-email?token=${encodeURIComponent(token)}`;
      await enqueueEmail(tx, event, { storeId: null, recipient: email }, emailMessage(EmailKind.ACCOUNT_VERIFY_EMAIL, { firstName, link, token }));
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
      const { email, firstName, sealedResetToken } = event.data as unknown as PasswordResetRequested;
      const token = openedToken(options, event, sealedResetToken);
      const link = `${options.linkBaseUrl}/reset-password?token=${encodeURIComponent(token)}`;
      await enqueueEmail(tx, event, { storeId: null, recipient: email }, emailMessage(EmailKind.ACCOUNT_PASSWORD_RESET, { firstName, link, token }));
    },
  };
}
