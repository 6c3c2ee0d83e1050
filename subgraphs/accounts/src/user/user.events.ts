/**
 * What accounts publishes (see schema/events.md). Both ask notifications to email a single-use token,
 * which travels sealed (one-time-token/email-token-seal.ts): the stream never holds it readable.
 */
export const UserEvents = {
  registered: 'accounts.user-registered',
  passwordResetRequested: 'accounts.password-reset-requested',
} as const;

export interface UserRegisteredData {
  userId: string;
  email: string;
  firstName: string;
  /** The verification token (single use, valid 24 hours), sealed for notifications; accounts keeps only its SHA-256. */
  sealedVerificationToken: string;
  verificationTokenExpiresAt: string;
}

export interface PasswordResetRequestedData {
  userId: string;
  email: string;
  firstName: string;
  /** The reset token (single use, valid one hour), sealed for notifications; accounts keeps only its SHA-256. */
  sealedResetToken: string;
  resetTokenExpiresAt: string;
}

/**
 * Fields removed from the outbox once published (outbox-secrets.job.ts): the tokens events carried in
 * the clear before they were sealed, and the seals, which the database has no need to keep.
 */
export const EVENT_SECRET_FIELDS = ['verificationToken', 'resetToken', 'sealedVerificationToken', 'sealedResetToken'] as const;
