import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { AccountsServices } from './accounts-services';
import type { AccountsConfig } from './accounts.config';
import { User } from './user/user.entity';
import { UserResolver } from './user/user.resolver';
import { findVisibleUser } from './user/user-queries';
import { outboxSecretsJob } from './user/outbox-secrets.job';
import { Session } from './session/session.entity';
import { sessionResolver } from './session/session.resolver';
import { OneTimeToken } from './one-time-token/one-time-token.entity';
import { registrationResolver } from './registration/registration.resolver';
import { passwordResolver } from './password/password.resolver';
import { mfaResolver } from './mfa/mfa.resolver';
import { roleResolver } from './role/role.resolver';
import { jwksRoute } from './jwks/jwks.route';
import { bootstrapAdminJob } from './bootstrap/bootstrap-admin';
import { CreateAccounts1763769600010 } from './migrations/1763769600010-create-accounts';
import { CreateStoreMembership1763769600011 } from './migrations/1763769600011-create-store-membership';
import { CreateStoreCustomer1763769600012 } from './migrations/1763769600012-create-store-customer';
import { EmailTokensOutOfEvents1763769600013 } from './migrations/1763769600013-email-tokens-out-of-events';
import { recordStoreCustomer } from './store-people/store-customer.handler';
import { membershipHandlers } from './membership/membership.handlers';

/**
 * Accounts owns users and their sessions: registration, email verification, sign-in with lockout and
 * rate limits, refresh-token rotation, MFA, password reset, roles. It is the only issuer of access
 * tokens. Configuration is read at start from the subgraph's environment; tests may override it.
 */
export function createAccountsSubgraph(overrides: Partial<AccountsConfig> = {}): SubgraphDefinition {
  const services = new AccountsServices(overrides);
  return {
    name: 'accounts',
    defaultPort: 4001,
    entities: [User, Session, OneTimeToken],
    migrations: [CreateAccounts1763769600010, CreateStoreMembership1763769600011, CreateStoreCustomer1763769600012, EmailTokensOutOfEvents1763769600013],
    publishes: ['accounts'],
    // memberships from the stores subgraph's staff events, for the `stores` claim of access tokens
    consumers: [...membershipHandlers(services), recordStoreCustomer],
    // every part reads the runtime through `services`, bound before requests and jobs start
    onStart: services.bind,
    jobs: [bootstrapAdminJob(services), outboxSecretsJob],
    httpRoutes: { '/.well-known/jwks.json': jwksRoute },
    // no appAccess: users, sessions and roles are people's own: no app scope opens them
    schema: () =>
      buildFederatedSchema({
        resolvers: [
          UserResolver,
          registrationResolver(services),
          sessionResolver(services),
          passwordResolver(services),
          mfaResolver(services),
          roleResolver(services),
        ],
        referenceResolvers: {
          User: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleUser(context, reference.id) },
        },
      }),
  };
}

export const accountsSubgraph = createAccountsSubgraph();
