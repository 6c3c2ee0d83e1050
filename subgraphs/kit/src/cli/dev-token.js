"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_util_1 = require("node:util");
const kit_config_1 = require("../config/kit-config");
const access_token_1 = require("../caller/access-token");
const signing_keys_1 = require("../caller/signing-keys");
const role_1 = require("../caller/role");
/**
 * `npm run token -- --role MERCHANT --store <storeId> [--user <id>] [--ttl <seconds>]`
 * prints a development access token, alone on stdout. Refused in production.
 */
function main() {
    if ((0, kit_config_1.readNodeEnv)() === 'production') {
        console.error('npm run token issues development tokens and refuses to run with NODE_ENV=production');
        process.exit(2);
    }
    const { values } = (0, node_util_1.parseArgs)({
        options: {
            role: { type: 'string', multiple: true, default: ['MERCHANT'] },
            store: { type: 'string' },
            user: { type: 'string', default: '00000000-0000-4000-8000-000000000001' },
            ttl: { type: 'string', default: '3600' },
        },
    });
    const roles = values.role ?? [];
    const unknown = roles.filter((role) => !(0, role_1.isRole)(role));
    if (unknown.length > 0) {
        console.error(`unknown role(s): ${unknown.join(', ')}; use PLATFORM_ADMIN, MERCHANT, STORE_STAFF or CUSTOMER`);
        process.exit(2);
    }
    const auth = (0, kit_config_1.readAuthConfig)();
    const keys = (0, signing_keys_1.loadSigningKeys)(auth, false);
    const token = (0, access_token_1.signAccessToken)({ sub: values.user, roles: roles.filter(role_1.isRole), storeId: values.store ?? null }, keys, auth, Number(values.ttl));
    process.stdout.write(`${token}\n`);
}
main();
//# sourceMappingURL=dev-token.js.map