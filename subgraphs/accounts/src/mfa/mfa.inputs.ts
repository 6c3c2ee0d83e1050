import { Field, InputType } from 'type-graphql';
import { Length, Matches } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../password/password-policy';
import { TOTP_CODE } from '../session/session.inputs';

@InputType({ description: 'The current password, to start setting up two-factor authentication.' })
export class SetupMfaInput {
  @Length(1, PASSWORD_MAX_LENGTH)
  @Field({ description: 'The current password: an access token alone cannot change how the account signs in.' })
  currentPassword: string;
}

@InputType({ description: 'A code from the authenticator app, to switch two-factor authentication on.' })
export class ConfirmMfaInput {
  @Matches(TOTP_CODE, { message: 'code must be 6 digits' })
  @Field({ description: 'The 6-digit code the app shows for the secret from setupMfa.' })
  code: string;
}

@InputType({ description: 'The current password and a code from the authenticator app, to switch two-factor authentication off.' })
export class DisableMfaInput {
  @Length(1, PASSWORD_MAX_LENGTH)
  @Field({ description: 'The current password: an access token alone cannot change how the account signs in.' })
  currentPassword: string;

  @Matches(TOTP_CODE, { message: 'code must be 6 digits' })
  @Field({ description: 'The 6-digit code the app shows now.' })
  code: string;
}
