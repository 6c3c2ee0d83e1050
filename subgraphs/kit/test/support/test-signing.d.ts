import type { AuthConfig } from '../../src/config/kit-config';
import type { SigningKeys } from '../../src/caller/signing-keys';
/** The issuer settings unit tests sign and verify with (no files, no environment). */
export declare const testAuth: AuthConfig;
/** A fresh RSA key pair under `testAuth.keyId`. */
export declare function testSigningKeys(): SigningKeys;
