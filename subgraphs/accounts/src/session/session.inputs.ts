import { Field, ID, InputType } from 'type-graphql';
import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../password/password-policy';

export const TOTP_CODE = /^\d{6}$/;

@InputType({ description: 'Credentials to sign in with.' })
export class LoginInput {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  @Field({ description: 'The account email.' })
  email: string;

  @Length(1, PASSWORD_MAX_LENGTH)
  @Field({ description: 'The account password.' })
  password: string;

  @IsOptional()
  @Matches(TOTP_CODE, { message: 'mfaCode must be 6 digits' })
  @Field({ nullable: true, description: 'The 6-digit code from the authenticator app; required when two-factor authentication is on.' })
  mfaCode?: string;
}

@InputType({ description: 'A refresh token to exchange for a new pair.' })
export class RefreshTokenInput {
  @Length(1, 200)
  @Field({ description: 'The refresh token from login or the previous refresh; it stops working once used.' })
  token: string;
}

@InputType({ description: 'The session to end.' })
export class RevokeSessionInput {
  @Length(1, 100)
  @Field(() => ID, { description: 'The id of one of your sessions (Session.id, from me.sessions).' })
  sessionId: string;
}
