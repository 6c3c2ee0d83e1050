import type { AuthConfig } from '../config/kit-config';
import { type Caller } from './caller';
import type { SigningKeys } from './signing-keys';
/**
 * The caller of one request. The token is verified here, in every process that receives it:
 * a subgraph trusts nothing it cannot verify itself. `X-Store-Id` names the store the request is
 * for: shoppers name the store they browse; staff switch between the stores their token lists
 * (their memberships). Naming a store one does not work in makes one a shopper there: store roles
 * apply only in the stores they were given for. `X-App-Caller` (set and signed by the gateway only, after it
 * verified an API key) makes the caller that app, in its own store whatever `X-Store-Id` says.
 */
export declare function callerFromHeaders(headers: {
    authorization?: string;
    storeId?: string;
    app?: string;
}, keys: SigningKeys, auth: AuthConfig): Caller;
/** The caller acting in `storeId`: with their role there if they work there, as a shopper otherwise. */
export declare function inStore(caller: Caller, storeId: string): Caller;
