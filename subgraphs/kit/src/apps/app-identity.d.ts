import { type AppScope } from './app-scope';
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
export declare const APP_CALLER_HEADER = "x-app-caller";
/** `app=<uuid>;key=<uuid>;store=<uuid>;scopes=a,b`: the header value for an app. */
export declare function appCallerHeader(app: AppIdentity): string;
/** The app a header names, or null when the value is not exactly what `appCallerHeader` writes. */
export declare function parseAppCallerHeader(value: string): AppIdentity | null;
