import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { UserPayload } from '../user/user.payloads';

@ObjectType({ description: 'Result of setupMfa: the new secret, shown this once, for the authenticator app.' })
export class SetupMfaPayload {
  @Field(() => String, { nullable: true, description: 'The TOTP secret (Base32), for typing into the app by hand. Shown only in this answer.' })
  secret: string | null;

  @Field(() => String, { nullable: true, description: 'The otpauth:// URI the QR code encodes.' })
  otpauthUrl: string | null;

  @Field(() => String, { nullable: true, description: 'A PNG of the QR code as a data: URL, to scan with the app.' })
  qrCodeDataUrl: string | null;

  @Field(() => [UserError], { description: 'Why not (INVALID_CREDENTIALS, ACCOUNT_LOCKED, MFA_ALREADY_ENABLED); empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of confirmMfa: the user with two-factor authentication on, or INVALID_MFA_CODE / MFA_NOT_SET_UP.' })
export class ConfirmMfaPayload extends UserPayload {}

@ObjectType({
  description:
    'Result of disableMfa: the user with two-factor authentication off, or INVALID_CREDENTIALS / ACCOUNT_LOCKED / INVALID_MFA_CODE / MFA_NOT_ENABLED.',
})
export class DisableMfaPayload extends UserPayload {}
