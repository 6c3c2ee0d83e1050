import { randomUUID } from 'node:crypto';
import { testAuth, testSigningKeys } from '../../test/support/test-signing';
import { signAccessToken } from './access-token';
import { callerFromHeaders } from './caller-from-headers';
import { Role } from './role';

const auth = testAuth;
const keys = testSigningKeys();
const home = randomUUID();
const second = randomUUID();
const elsewhere = randomUUID();

const callerWith = (token: string | null, storeId?: string) => callerFromHeaders({ authorization: token ? `Bearer ${token}` : undefined, storeId }, keys, auth);

describe('the store a request is for', () => {
  const staffToken = signAccessToken(
    { sub: 'user-1', roles: [Role.CUSTOMER, Role.MERCHANT], storeId: home, stores: { [home]: Role.MERCHANT, [second]: Role.STORE_STAFF } },
    keys,
    auth,
  );

  it('is the token’s own store, with its role there, when no X-Store-Id is sent', () => {
    expect(callerWith(staffToken)).toMatchObject({ storeId: home, roles: [Role.CUSTOMER, Role.MERCHANT] });
  });

  it('switches to another store the token lists, with the role the user has there', () => {
    expect(callerWith(staffToken, second)).toMatchObject({ storeId: second, roles: [Role.CUSTOMER, Role.STORE_STAFF] });
  });

  it('makes a staff member a mere shopper in a store they do not work in', () => {
    expect(callerWith(staffToken, elsewhere)).toMatchObject({ storeId: elsewhere, roles: [Role.CUSTOMER] });
    const merchantOnly = signAccessToken({ sub: 'user-2', roles: [Role.MERCHANT], storeId: home }, keys, auth);
    expect(callerWith(merchantOnly, elsewhere)).toMatchObject({ storeId: elsewhere, roles: [Role.CUSTOMER] });
  });

  it('keeps a platform admin an admin in any store, and a shopper a shopper', () => {
    const admin = signAccessToken({ sub: 'admin', roles: [Role.PLATFORM_ADMIN], storeId: null }, keys, auth);
    expect(callerWith(admin, elsewhere)).toMatchObject({ storeId: elsewhere, roles: [Role.PLATFORM_ADMIN] });
    const shopper = signAccessToken({ sub: 'shopper', roles: [Role.CUSTOMER], storeId: null }, keys, auth);
    expect(callerWith(shopper, elsewhere)).toMatchObject({ storeId: elsewhere, roles: [Role.CUSTOMER] });
  });

  it('lets anonymous shoppers name a store, and ignores a header that is not a store id', () => {
    expect(callerWith(null, elsewhere)).toMatchObject({ userId: null, storeId: elsewhere, roles: [] });
    expect(callerWith(staffToken, 'not-a-store')).toMatchObject({ storeId: home, roles: [Role.CUSTOMER, Role.MERCHANT] });
  });

  it('takes only store roles from the stores claim', () => {
    const token = signAccessToken({ sub: 'user-3', roles: [Role.CUSTOMER], storeId: null, stores: { [second]: Role.PLATFORM_ADMIN } }, keys, auth);
    expect(callerWith(token, second)).toMatchObject({ storeId: second, roles: [Role.CUSTOMER] });
  });
});
