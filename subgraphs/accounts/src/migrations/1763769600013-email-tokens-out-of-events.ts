import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emailed tokens used to travel in the clear in accounts.user-registered and
 * accounts.password-reset-requested; they now travel sealed. Tokens already issued were published in
 * the clear into the ACCOUNTS stream, which keeps events for days and which every consumer can read:
 * outstanding reset tokens (which take over an account) stop working, and users ask for a new link.
 * Verification tokens are left valid: they only mark an email verified and nothing else re-sends them.
 * The clear tokens are removed from every outbox row, published or not (an unpublished one is then
 * published without its token: that email goes out without a working link, once, at this upgrade).
 */
export class EmailTokensOutOfEvents1763769600013 implements MigrationInterface {
  name = 'EmailTokensOutOfEvents1763769600013';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE one_time_token SET expires_at = now() WHERE purpose = 'PASSWORD_RESET' AND used_at IS NULL AND expires_at > now()`);
    await runner.query(
      `UPDATE outbox_event SET envelope = envelope #- '{data,verificationToken}' #- '{data,resetToken}'
        WHERE subject LIKE '%accounts.%' AND (envelope->'data') ?| ARRAY['verificationToken', 'resetToken']`,
    );
  }

  async down(): Promise<void> {
    // nothing to restore: the tokens are gone for good, as intended
  }
}
