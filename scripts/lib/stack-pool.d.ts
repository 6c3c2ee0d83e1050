import type { Stack } from './stack';
import type { CaughtEmail } from './mail-catcher';

/** A suite's view of the SMTP inbox its stack's notifications send to (in a pooled stack, shared with other suites). */
export interface StackInbox {
  port: number;
  /** Every message kept, oldest first (copies): in a pooled stack, other suites' too. */
  messages(): CaughtEmail[];
  /** The messages to one address (any case), oldest first (copies). */
  messagesTo(address: string): CaughtEmail[];
  /** The first message to `to` (subject matching, received at or after `since`), or the next to arrive; rejects after `timeoutMs` (default 30 s). */
  waitForEmail(options: { to: string; subject?: RegExp; since?: number | null; timeoutMs?: number }): Promise<CaughtEmail>;
}

export type PooledStack = Stack & { pooled?: true; inbox: StackInbox };

export function acquireStack(options?: { name?: string; env?: Record<string, string>; gatewayEnv?: Record<string, string> }): Promise<PooledStack>;
export function releaseStack(stack: Stack | undefined): Promise<void>;
export function openPool(): Promise<void>;
export function drainPool(): Promise<void>;
export const MAX_POOLED: number;
/** Settings of every stack acquireStack starts, besides its inbox's SMTP_HOST/SMTP_PORT and its CATALOG_MEDIA_DIR. */
export const BASE_ENV: Readonly<{
  NOTIFICATIONS_EMAIL_POLL_MS: string;
  INVENTORY_RESERVATION_SWEEP_MS: string;
  CATALOG_BULK_POLL_INTERVAL: string;
  CATALOG_BULK_PROGRESS_INTERVAL: string;
  SHIPPING_CARRIER_WEBHOOK_SECRET: string;
}>;
