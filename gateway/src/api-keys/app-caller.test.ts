import { ANONYMOUS, AppScope, generateApiKey, Role, type AppIdentity } from '@ultramarket/kit';
import { apiKeyOf } from './api-key-verifier';
import { appCallerIn } from './app-caller';
import { meterFor } from '../rate-limits/client-meter';

const app: AppIdentity = {
  appId: '11111111-1111-4111-8111-111111111111',
  keyId: '22222222-2222-4222-8222-222222222222',
  storeId: '33333333-3333-4333-8333-333333333333',
  scopes: [AppScope.read_products],
};

describe('API keys at the gateway', () => {
  it('finds the key in Authorization or X-Api-Key, and leaves access tokens alone', () => {
    const key = generateApiKey();
    expect(apiKeyOf(`Bearer ${key}`, undefined)).toBe(key);
    expect(apiKeyOf(undefined, ` ${key} `)).toBe(key);
    expect(apiKeyOf('Bearer eyJhbGciOi.x.y', undefined)).toBeNull();
    expect(apiKeyOf(undefined, undefined)).toBeNull();
    expect(() => apiKeyOf(`Bearer ${key}`, key)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });

  it('makes the app its store’s merchant in its store only', () => {
    const caller = appCallerIn(app, undefined);
    expect(caller).toMatchObject({ userId: app.appId, roles: [Role.MERCHANT], storeId: app.storeId, token: null, app });
    expect(appCallerIn(app, app.storeId.toUpperCase()).storeId).toBe(app.storeId);
    for (const other of ['44444444-4444-4444-8444-444444444444', 'not-a-store']) {
      expect(() => appCallerIn(app, other)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    }
    expect(() => appCallerIn(null, undefined)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });

  it('meters an app by its key, apart from people and addresses', () => {
    expect(meterFor(appCallerIn(app, undefined), '10.0.0.1')).toEqual({ tier: 'apiKey', key: `key:${app.keyId}`, address: '10.0.0.1' });
    expect(meterFor({ ...ANONYMOUS }, '10.0.0.1')).toEqual({ tier: 'anonymous', key: 'address:10.0.0.1', address: '10.0.0.1' });
  });
});
