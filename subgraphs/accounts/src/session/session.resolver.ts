import { Arg, Authorized, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { LoginInput, RefreshTokenInput, RevokeSessionInput } from './session.inputs';
import { LoginPayload, LogoutAllSessionsPayload, LogoutPayload, RefreshTokenPayload, RevokeSessionPayload } from './session.payloads';
import { login } from './login';
import { refreshSession } from './refresh-session';
import { logout, logoutAllSessions } from './logout';
import { revokeSession } from './revoke-session';

/** Sessions need Redis and the token signer; type-graphql builds resolvers without arguments, so it closes over them. */
export function sessionResolver(services: AccountsServices) {
  @Resolver()
  class SessionResolver {
    // an argon2 hash per call: the gateway's cost limit and rate limits price each call, aliases too, at this weight
    @Directive('@cost(weight: 50)')
    @Mutation(() => LoginPayload, {
      description:
        'Signs in with email and password (and a TOTP code when two-factor authentication is on) and starts a session. At most 5 attempts a minute per address and email (RATE_LIMITED); 5 failures in a row lock the account for 15 minutes.',
    })
    login(@Arg('input', { description: 'Email, password and, when needed, the code.' }) input: LoginInput, @Ctx() context: SubgraphContext) {
      return login(context, services, input);
    }

    @Mutation(() => RefreshTokenPayload, {
      description:
        'Exchanges a refresh token for a new access token and refresh token; the one presented stops working. Presenting a used or revoked one revokes the whole session and is UNAUTHENTICATED.',
    })
    refreshToken(@Arg('input', { description: 'The refresh token.' }) input: RefreshTokenInput, @Ctx() context: SubgraphContext) {
      return refreshSession(context, services, input);
    }

    @Authorized()
    @Mutation(() => LogoutPayload, {
      description: "Ends the caller's session (named by the access token): its refresh token stops working and the access token is refused from now on.",
    })
    logout(@Ctx() context: SubgraphContext) {
      return logout(context, services);
    }

    @Authorized()
    @Mutation(() => LogoutAllSessionsPayload, {
      description: 'Ends every session of the caller on every device; every access token issued until now is refused.',
    })
    logoutAllSessions(@Ctx() context: SubgraphContext) {
      return logoutAllSessions(context, services);
    }

    @Authorized()
    @Mutation(() => RevokeSessionPayload, {
      description:
        "Ends one of the caller's sessions (see me.sessions), this one included: its refresh token stops working and its access tokens are refused from now on. Another user's session, or one no longer active, is NOT_FOUND.",
    })
    revokeSession(@Arg('input', { description: 'The session to end.' }) input: RevokeSessionInput, @Ctx() context: SubgraphContext) {
      return revokeSession(context, services, input);
    }
  }
  return SessionResolver;
}
