import { GraphQLError } from 'graphql';
import { appCaller, invalidCredentials, isUuid, type AppIdentity, type Caller } from '@ultramarket/kit';

/**
 * The caller for a verified API key: its app, in the app's store. A key that verified to nothing is
 * UNAUTHENTICATED (unknown, revoked, or its app uninstalled: the message does not say which); naming
 * another store in X-Store-Id is FORBIDDEN, since an app acts only in the store it is installed in.
 */
export function appCallerIn(app: AppIdentity | null, requestedStoreId: string | undefined): Caller {
  if (!app) throw invalidCredentials('Invalid API key: unknown, revoked, or its app was uninstalled');
  const requested = requestedStoreId?.trim().toLowerCase();
  if (requested && (!isUuid(requested) || requested !== app.storeId)) {
    throw new GraphQLError('This API key acts only in the store its app is installed in', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  }
  return appCaller(app);
}
