'use strict';
const { expectNoUserErrors } = require('./client');

const VERIFY_EMAIL = `mutation SeedVerifyEmail($input: VerifyEmailInput!) {
  verifyEmail(input: $input) { user { id isVerified } userErrors { code field message } }
}`;

/** The verification email's subject (notifications' ACCOUNT_VERIFY_EMAIL template). */
const VERIFICATION_SUBJECT = /confirm your email/i;

/** The token in the email's `…/verify-email?token=…` link. */
function tokenInVerificationEmail(text) {
  const match = /[?&]token=([^\s&]+)/.exec(text);
  if (!match) throw new Error('the verification email has no link with a token');
  return decodeURIComponent(match[1]);
}

/**
 * Verifies a user this run registered, as they would: waits for their verification email in
 * `mailbox` (the mail catcher), takes the token from its link and calls `verifyEmail` through the
 * gateway (`anonymous`). Accounts then publishes accounts.email-verified, which links the user to
 * the customers with that email.
 */
async function verifyRegisteredEmail(anonymous, mailbox, { email, registeredAt }, timeoutMs = 30_000) {
  const message = await mailbox.waitForEmail({ to: email, subject: VERIFICATION_SUBJECT, since: registeredAt, timeoutMs });
  const { verifyEmail } = await anonymous(VERIFY_EMAIL, { input: { token: tokenInVerificationEmail(message.text) } });
  expectNoUserErrors(`verify ${email}`, verifyEmail);
}

module.exports = { verifyRegisteredEmail, tokenInVerificationEmail };
