import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { RegisterInput, VerifyEmailInput } from './registration.inputs';
import { RegisterPayload, VerifyEmailPayload } from './registration.payloads';
import { register } from './register';
import { verifyEmail } from './verify-email';

/** Registration seals the verification token with the services' key; type-graphql builds resolvers without arguments, so it closes over them. */
export function registrationResolver(services: AccountsServices) {
  @Resolver()
  class RegistrationResolver {
    // a password hash and an email per call: the gateway's cost limit and rate limits price each call, aliases too, at this weight
    @Directive('@cost(weight: 50)')
    @Mutation(() => RegisterPayload, {
      description:
        'Creates a CUSTOMER account and publishes accounts.user-registered (the verification email). A weak password is WEAK_PASSWORD; an email that already has an account is a CONFLICT error.',
    })
    register(@Arg('input', { description: 'Email, password and name.' }) input: RegisterInput, @Ctx() context: SubgraphContext) {
      return register(context, services, input);
    }

    @Directive('@cost(weight: 50)')
    @Mutation(() => VerifyEmailPayload, { description: 'Marks the email verified with the token from the verification email (single use, 24 hours).' })
    verifyEmail(@Arg('input', { description: 'The token.' }) input: VerifyEmailInput, @Ctx() context: SubgraphContext) {
      return verifyEmail(context, input);
    }
  }
  return RegistrationResolver;
}
