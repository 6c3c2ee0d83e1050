import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A signed-in session as its user sees it: one refresh-token family (a sign-in and its rotations).
 * Its id is the access token's `sid`. Built from the family's live row; not a table of its own.
 */
@ObjectType('Session', { description: 'A place the user is signed in: a device or browser, from one sign-in until it is revoked or expires.' })
export class UserSession {
  @Field(() => ID, { description: 'Opaque session id (the `sid` of its access tokens); pass it to revokeSession.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'The User-Agent of the last request that used the session (sign-in or refresh).' })
  userAgent: string | null;

  @Field(() => String, { nullable: true, description: 'The client IP address of the last request that used the session (sign-in or refresh).' })
  ipAddress: string | null;

  @Field({ description: 'When the user signed in (UTC).' })
  createdAt: Date;

  @Field({ description: 'When the session was last used to sign in or refresh its tokens (UTC).' })
  lastUsedAt: Date;

  @Field({ description: 'When the session ends unless it is refreshed before (UTC).' })
  expiresAt: Date;

  @Field({ description: 'Whether this is the session of the access token making the request.' })
  current: boolean;
}
