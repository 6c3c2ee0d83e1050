export interface SymmetricKeyOptions {
    /** The environment variable that holds the key, named in every error. */
    variable: string;
    /** Its value, if set. */
    configured: string | undefined;
    isProduction: boolean;
    /** The file generated once outside production, shared by every local process that reads this key. */
    developmentFile: string;
    /** Where development keys live (the kit's JWT_KEYS_DIR); default `<repo>/.dev-keys`. */
    keysDir?: string;
}
/**
 * A 32-byte AES-256 key from a base64 environment variable (`openssl rand -base64 32`), required in
 * production. Outside production, without it, one is generated once in the development key directory
 * and read back by every local process, like the JWT key pair, so processes that must agree on a key
 * (accounts and notifications) do so with no setup.
 */
export declare function loadSymmetricKey(options: SymmetricKeyOptions): Buffer;
