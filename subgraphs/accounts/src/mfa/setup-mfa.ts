import { toDataURL } from 'qrcode';
import type { SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { AccountErrors } from '../shared/account-errors';
import { User } from '../user/user.entity';
import { SetupMfaPayload } from './mfa.payloads';
import { newTotpSecret, totpUri } from './totp';

/**
 * Creates a TOTP secret, kept encrypted as pending until confirmMfa proves the app has it. Calling
 * it again replaces the pending secret. The secret leaves the service only in this answer.
 */
export async function setupMfa(context: SubgraphContext, services: AccountsServices): Promise<SetupMfaPayload> {
  const user = await context.db.getRepository(User).findOneBy({ id: context.caller.userId! });
  if (!user) return Object.assign(new SetupMfaPayload(), { secret: null, otpauthUrl: null, qrCodeDataUrl: null, userErrors: [] });
  if (user.mfaEnabled) {
    return Object.assign(new SetupMfaPayload(), { secret: null, otpauthUrl: null, qrCodeDataUrl: null, userErrors: [AccountErrors.mfaAlreadyEnabled()] });
  }
  const secret = newTotpSecret();
  const otpauthUrl = totpUri(services.config.totpIssuer, user.email, secret);
  await context.db.getRepository(User).update({ id: user.id }, { mfaPendingSecret: services.cipher.encrypt(secret, user.id) });
  const qrCodeDataUrl = await toDataURL(otpauthUrl, { errorCorrectionLevel: 'M' });
  return Object.assign(new SetupMfaPayload(), { secret, otpauthUrl, qrCodeDataUrl, userErrors: [] });
}
