import type { SecretCipher } from './secret-cipher';
export declare const ACCOUNT_EMAIL_TOKEN_KEY = "ACCOUNT_EMAIL_TOKEN_KEY";
/** Outside production both accounts and notifications read (or create) this file, so they agree without configuration. */
export declare const ACCOUNT_EMAIL_TOKEN_KEY_FILE = "account-email-token.key";
export interface AccountEmailTokenKeyOptions {
    isProduction: boolean;
    /** The kit's JWT_KEYS_DIR; default `<repo>/.dev-keys`. */
    keysDir?: string;
}
/**
 * The key accounts seals emailed tokens with and notifications opens them with: `configured` is the
 * service's `ACCOUNT_EMAIL_TOKEN_KEY` (32 bytes base64), which each of the two services reads in its
 * own config (only they hold it); required in production, the shared development key file otherwise.
 */
export declare function loadAccountEmailTokenKey(configured: string | undefined, options: AccountEmailTokenKeyOptions): Buffer;
/**
 * Seals an emailed token (verification, password reset) for the event that asks notifications to
 * send it. JetStream keeps events for days and every consumer of the stream can read them, so the
 * token travels only encrypted under ACCOUNT_EMAIL_TOKEN_KEY, which accounts and notifications alone hold.
 */
export declare function sealAccountEmailToken(cipher: SecretCipher, eventType: string, userId: string, token: string): string;
/** Opens a seal made by `sealAccountEmailToken` for the same event type and user; throws if it does not open. */
export declare function openAccountEmailToken(cipher: SecretCipher, eventType: string, userId: string, sealed: string): string;
