import { Field, InputType } from 'type-graphql';
import { Matches } from 'class-validator';
import { TOTP_CODE } from '../session/session.inputs';

@InputType({ description: 'A code from the authenticator app, to switch two-factor authentication on.' })
export class ConfirmMfaInput {
  @Matches(TOTP_CODE, { message: 'code must be 6 digits' })
  @Field({ description: 'The 6-digit code the app shows for the secret from setupMfa.' })
  code: string;
}

@InputType({ description: 'A code from the authenticator app, to switch two-factor authentication off.' })
export class DisableMfaInput {
  @Matches(TOTP_CODE, { message: 'code must be 6 digits' })
  @Field({ description: 'The 6-digit code the app shows now.' })
  code: string;
}
