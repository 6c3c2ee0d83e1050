import { UserError } from '@ultramarket/kit';

/** The userErrors of apps and API keys (each code is listed in docs/errors.md). */
export const AppErrors = {
  storeRequired: () => UserError.of('STORE_REQUIRED', 'Name the store (a store token or X-Store-Id) the app is installed in'),
  appNotFound: (field: string[] = ['input', 'id']) => UserError.of('NOT_FOUND', 'No such installed app in this store', field),
  invalidName: () => UserError.of('INVALID_APP_NAME', 'An app name is 1 to 100 characters of text on one line', ['input', 'name']),
  scopesRequired: () => UserError.of('APP_SCOPES_REQUIRED', 'Grant the app at least one scope', ['input', 'scopes']),
  tooManyKeys: (max: number) => UserError.of('API_KEY_LIMIT_REACHED', `An app holds at most ${max} live API keys: revoke one first`, ['input', 'appId']),
  keyNotFound: () => UserError.of('NOT_FOUND', 'No such live API key in this store', ['input', 'id']),
};
