/**
 * What accounts publishes (see schema/events.md). The first two ask notifications to email a single-use
 * token, which travels sealed (the kit's `sealAccountEmailToken`): the stream never holds it readable.
 * `accounts.email-verified` tells customers which email a user proved they own.
 */
export const UserEvents = {
  registered: 'accounts.user-registered',
  passwordResetRequested: 'accounts.password-reset-requested',
  emailVerified: 'accounts.email-verified',
} as const;

/**
 * A user proved they own `email` (verifyEmail, or the bootstrap admin created verified). Customers
 * links the user only to customers with this email, so an order typed with someone else's email
 * never exposes that person's profile.
 */
export interface EmailVerifiedData {
  userId: string;
  email: string;
}

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
