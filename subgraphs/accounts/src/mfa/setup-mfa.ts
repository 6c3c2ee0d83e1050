import { toDataURL } from 'qrcode';
import type { SubgraphContext, UserError } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { AccountErrors } from '../shared/account-errors';
import { User } from '../user/user.entity';
import { checkCurrentPassword } from '../password/current-password';
import { SetupMfaPayload } from './mfa.payloads';
import type { SetupMfaInput } from './mfa.inputs';
import { newTotpSecret, totpUri } from './totp';

const refused = (userError: UserError) =>
  Object.assign(new SetupMfaPayload(), { secret: null, otpauthUrl: null, qrCodeDataUrl: null, userErrors: [userError] });

/**
 * Creates a TOTP secret, kept encrypted as pending until confirmMfa proves the app has it. Calling
 * it again replaces the pending secret. The secret leaves the service only in this answer. Needs the
 * current password (a wrong one counts toward the lockout), so a stolen access token cannot bind the
 * account to the thief's authenticator.
 */
export async function setupMfa(context: SubgraphContext, services: AccountsServices, input: SetupMfaInput): Promise<SetupMfaPayload> {
  const user = await context.db.getRepository(User).findOneBy({ id: context.caller.userId! });
  const wrongPassword = await checkCurrentPassword(context.db.manager, user, input.currentPassword);
  if (wrongPassword || !user) return refused(wrongPassword ?? AccountErrors.invalidCredentials(['input', 'currentPassword']));
  if (user.mfaEnabled) return refused(AccountErrors.mfaAlreadyEnabled());
  const secret = newTotpSecret();
  const otpauthUrl = totpUri(services.config.totpIssuer, user.email, secret);
  await context.db.getRepository(User).update({ id: user.id }, { mfaPendingSecret: services.cipher.encrypt(secret, user.id) });
  const qrCodeDataUrl = await toDataURL(otpauthUrl, { errorCorrectionLevel: 'M' });
  return Object.assign(new SetupMfaPayload(), { secret, otpauthUrl, qrCodeDataUrl, userErrors: [] });
}
