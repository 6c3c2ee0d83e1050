import type { MailCatcher } from '../mail-catcher';

/** The token in a verification email's `…/verify-email?token=…` link; throws when there is none. */
export function tokenInVerificationEmail(text: string): string;

/** Waits for the user's verification email in `mailbox` and verifies the email with its token through the gateway (`anonymous`). */
export function verifyRegisteredEmail(
  anonymous: (query: string, variables?: Record<string, unknown>) => Promise<unknown>,
  mailbox: Pick<MailCatcher, 'waitForEmail'>,
  user: { email: string; registeredAt: number | null },
  timeoutMs?: number,
): Promise<void>;
