/** The security numbers of the accounts service, in one place (OWASP Authentication and Session Management). */
export const AccountsPolicy = {
  /** Access tokens: RS256 JWTs, short-lived so a stolen one is worth little (RFC 8725). */
  accessTokenTtlSeconds: 15 * 60,
  /** Refresh tokens: opaque, rotated on every use; each new one lives this long. */
  refreshTokenTtlSeconds: 7 * 24 * 60 * 60,
  verificationTokenTtlSeconds: 24 * 60 * 60,
  resetTokenTtlSeconds: 60 * 60,
  /** Failed sign-ins in a row before the account is locked, and for how long. */
  maxFailedLogins: 5,
  lockoutSeconds: 15 * 60,
  /** Sign-in attempts per IP address and email within `loginWindowSeconds`. */
  loginAttemptsPerWindow: 5,
  /** Sign-in attempts per IP address, whatever the email, within `loginWindowSeconds` (credential stuffing). */
  loginAttemptsPerAddress: 20,
  loginWindowSeconds: 60,
  /** Reset emails per email address within `resetWindowSeconds`; more are dropped silently (the answer is the same). */
  resetRequestsPerWindow: 3,
  /** Reset requests per client IP address within `resetWindowSeconds`, whatever the email; more are RATE_LIMITED. */
  resetRequestsPerAddress: 20,
  resetWindowSeconds: 15 * 60,
  /** How long the "revoked before" mark of a user lives: every access token issued before it has expired by then. */
  revokedUserTtlSeconds: 15 * 60 + 60,
} as const;
