import { Field, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { User } from '../user/user.entity';

/** An access token and a refresh token, as login and refreshToken hand them out. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshTokenExpiresAt: Date;
}

@ObjectType({ description: 'A signed-in session: tokens and the user, or why not.' })
export class SessionTokensPayload {
  @Field(() => String, { nullable: true, description: 'Bearer token for API calls (RS256 JWT, 15 minutes).' })
  accessToken: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Opaque token (7 days) to get a new pair with refreshToken; single use. Keep it secret: it is not shown again.',
  })
  refreshToken: string | null;

  @Field(() => Int, { nullable: true, description: 'Seconds until the access token expires.' })
  expiresIn: number | null;

  @Field(() => Date, { nullable: true, description: 'When the refresh token expires (UTC).' })
  refreshTokenExpiresAt: Date | null;

  @Field(() => User, { nullable: true, description: 'The signed-in user.' })
  user: User | null;

  @Field(() => [UserError], { description: 'Why signing in did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends SessionTokensPayload>(this: new () => T, user: User, tokens: TokenPair): T {
    return Object.assign(new this(), { ...tokens, user, userErrors: [] });
  }

  static failed<T extends SessionTokensPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { accessToken: null, refreshToken: null, expiresIn: null, refreshTokenExpiresAt: null, user: null, userErrors });
  }
}

@ObjectType({
  description: 'Result of login. userErrors codes: INVALID_CREDENTIALS, ACCOUNT_LOCKED, MFA_REQUIRED, INVALID_MFA_CODE.',
})
export class LoginPayload extends SessionTokensPayload {}

@ObjectType({ description: 'Result of refreshToken: a new pair; the token presented no longer works.' })
export class RefreshTokenPayload extends SessionTokensPayload {}

@ObjectType({ description: 'Result of logout.' })
export class LogoutPayload {
  @Field({ description: 'True once the session and its access token are revoked.' })
  loggedOut: boolean;

  @Field(() => [UserError], { description: 'Always empty; kept for the mutation convention.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of logoutAllSessions.' })
export class LogoutAllSessionsPayload {
  @Field(() => Int, { description: 'How many sessions were still active and are now revoked.' })
  revokedSessionCount: number;

  @Field(() => [UserError], { description: 'Always empty; kept for the mutation convention.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of revokeSession. userErrors codes: NOT_FOUND.' })
export class RevokeSessionPayload {
  @Field(() => ID, { nullable: true, description: 'The session that was ended; null when nothing was.' })
  revokedSessionId: string | null;

  @Field(() => [UserError], { description: 'Why no session was ended (NOT_FOUND: not one of your live sessions); empty on success.' })
  userErrors: UserError[];

  static failed(...userErrors: UserError[]): RevokeSessionPayload {
    return Object.assign(new RevokeSessionPayload(), { revokedSessionId: null, userErrors });
  }
}
