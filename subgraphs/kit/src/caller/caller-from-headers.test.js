"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = require("node:crypto");
const test_signing_1 = require("../../test/support/test-signing");
const access_token_1 = require("./access-token");
const caller_from_headers_1 = require("./caller-from-headers");
const role_1 = require("./role");
const auth = test_signing_1.testAuth;
const keys = (0, test_signing_1.testSigningKeys)();
const home = (0, node_crypto_1.randomUUID)();
const second = (0, node_crypto_1.randomUUID)();
const elsewhere = (0, node_crypto_1.randomUUID)();
const callerWith = (token, storeId) => (0, caller_from_headers_1.callerFromHeaders)({ authorization: token ? `Bearer ${token}` : undefined, storeId }, keys, auth);
describe('the store a request is for', () => {
    const staffToken = (0, access_token_1.signAccessToken)({ sub: 'user-1', roles: [role_1.Role.CUSTOMER, role_1.Role.MERCHANT], storeId: home, stores: { [home]: role_1.Role.MERCHANT, [second]: role_1.Role.STORE_STAFF } }, keys, auth);
    it('is the token’s own store, with its role there, when no X-Store-Id is sent', () => {
        expect(callerWith(staffToken)).toMatchObject({ storeId: home, roles: [role_1.Role.CUSTOMER, role_1.Role.MERCHANT] });
    });
    it('switches to another store the token lists, with the role the user has there', () => {
        expect(callerWith(staffToken, second)).toMatchObject({ storeId: second, roles: [role_1.Role.CUSTOMER, role_1.Role.STORE_STAFF] });
    });
    it('makes a staff member a mere shopper in a store they do not work in', () => {
        expect(callerWith(staffToken, elsewhere)).toMatchObject({ storeId: elsewhere, roles: [role_1.Role.CUSTOMER] });
        const merchantOnly = (0, access_token_1.signAccessToken)({ sub: 'user-2', roles: [role_1.Role.MERCHANT], storeId: home }, keys, auth);
        expect(callerWith(merchantOnly, elsewhere)).toMatchObject({ storeId: elsewhere, roles: [role_1.Role.CUSTOMER] });
    });
    it('keeps a platform admin an admin in any store, and a shopper a shopper', () => {
        const admin = (0, access_token_1.signAccessToken)({ sub: 'admin', roles: [role_1.Role.PLATFORM_ADMIN], storeId: null }, keys, auth);
        expect(callerWith(admin, elsewhere)).toMatchObject({ storeId: elsewhere, roles: [role_1.Role.PLATFORM_ADMIN] });
        const shopper = (0, access_token_1.signAccessToken)({ sub: 'shopper', roles: [role_1.Role.CUSTOMER], storeId: null }, keys, auth);
        expect(callerWith(shopper, elsewhere)).toMatchObject({ storeId: elsewhere, roles: [role_1.Role.CUSTOMER] });
    });
    it('lets anonymous shoppers name a store, and ignores a header that is not a store id', () => {
        expect(callerWith(null, elsewhere)).toMatchObject({ userId: null, storeId: elsewhere, roles: [] });
        expect(callerWith(staffToken, 'not-a-store')).toMatchObject({ storeId: home, roles: [role_1.Role.CUSTOMER, role_1.Role.MERCHANT] });
    });
    it('takes only store roles from the stores claim', () => {
        const token = (0, access_token_1.signAccessToken)({ sub: 'user-3', roles: [role_1.Role.CUSTOMER], storeId: null, stores: { [second]: role_1.Role.PLATFORM_ADMIN } }, keys, auth);
        expect(callerWith(token, second)).toMatchObject({ storeId: second, roles: [role_1.Role.CUSTOMER] });
    });
});
//# sourceMappingURL=caller-from-headers.test.js.map