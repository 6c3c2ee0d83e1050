import { isUuid } from '../graphql/ids';
import { type AppScope, isAppScope } from './app-scope';

/**
 * The app behind an API key, as the gateway verified it and forwards it to subgraphs in
 * `X-App-Caller` (covered by the gateway signature, so a subgraph trusts it as it trusts the gateway).
 */
export interface AppIdentity {
  appId: string;
  /** The API key the request was made with. */
  keyId: string;
  /** The one store the app is installed in: it acts nowhere else. */
  storeId: string;
  scopes: readonly AppScope[];
}

export const APP_CALLER_HEADER = 'x-app-caller';

/** `app=<uuid>;key=<uuid>;store=<uuid>;scopes=a,b`: the header value for an app. */
export function appCallerHeader(app: AppIdentity): string {
  return `app=${app.appId};key=${app.keyId};store=${app.storeId};scopes=${app.scopes.join(',')}`;
}

/** The app a header names, or null when the value is not exactly what `appCallerHeader` writes. */
export function parseAppCallerHeader(value: string): AppIdentity | null {
  const match = /^app=([0-9a-f-]{36});key=([0-9a-f-]{36});store=([0-9a-f-]{36});scopes=([a-z_,]*)$/.exec(value);
  if (!match) return null;
  const [, appId, keyId, storeId, scopeList] = match;
  if (![appId, keyId, storeId].every((id) => isUuid(id))) return null;
  const scopes = scopeList === '' ? [] : scopeList.split(',');
  if (!scopes.every(isAppScope)) return null;
  return { appId, keyId, storeId, scopes: [...new Set(scopes)] };
}
