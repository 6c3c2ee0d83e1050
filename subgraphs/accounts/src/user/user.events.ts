/** What accounts publishes (see schema/events.md). Both carry a single-use secret for notifications to email. */
export const UserEvents = {
  registered: 'accounts.user-registered',
  passwordResetRequested: 'accounts.password-reset-requested',
} as const;

export interface UserRegisteredData {
  userId: string;
  email: string;
  firstName: string;
  /** Single use, valid 24 hours; accounts keeps only its SHA-256. */
  verificationToken: string;
  verificationTokenExpiresAt: string;
}

export interface PasswordResetRequestedData {
  userId: string;
  email: string;
  firstName: string;
  /** Single use, valid one hour; accounts keeps only its SHA-256. */
  resetToken: string;
  resetTokenExpiresAt: string;
}

/** The fields above that are secrets: scrubbed from the outbox once published (outbox-secrets.job.ts). */
export const EVENT_SECRET_FIELDS = ['verificationToken', 'resetToken'] as const;
