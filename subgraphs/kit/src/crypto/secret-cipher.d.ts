/**
 * AES-256-GCM with a random 96-bit IV and associated data naming what the secret belongs to, so a
 * ciphertext copied elsewhere does not decrypt. `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 * Used for accounts' TOTP secrets at rest (bound to the user id) and for the emailed tokens accounts
 * seals into its events for notifications (bound to `<event type>:<user id>`; account-email-token.ts).
 */
export declare class SecretCipher {
    private readonly key;
    constructor(key: Buffer);
    encrypt(secret: string, boundTo: string): string;
    decrypt(stored: string, boundTo: string): string;
}
