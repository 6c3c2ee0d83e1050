import { parseArgs } from 'node:util';
import { readAuthConfig, readNodeEnv } from '../config/kit-config';
import { signAccessToken } from '../caller/access-token';
import { loadSigningKeys } from '../caller/signing-keys';
import { isRole } from '../caller/role';

/**
 * `npm run token -- --role MERCHANT --store <storeId> [--user <id>] [--ttl <seconds>]`
 * prints a development access token, alone on stdout. Refused in production.
 */
function main(): void {
  if (readNodeEnv() === 'production') {
    console.error('npm run token issues development tokens and refuses to run with NODE_ENV=production');
    process.exit(2);
  }
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: ['MERCHANT'] },
      store: { type: 'string' },
      user: { type: 'string', default: '00000000-0000-4000-8000-000000000001' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const roles = values.role ?? [];
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    console.error(`unknown role(s): ${unknown.join(', ')}; use PLATFORM_ADMIN, MERCHANT, STORE_STAFF or CUSTOMER`);
    process.exit(2);
  }
  const auth = readAuthConfig();
  const keys = loadSigningKeys(auth, false);
  const token = signAccessToken({ sub: values.user!, roles: roles.filter(isRole), storeId: values.store ?? null }, keys, auth, Number(values.ttl));
  process.stdout.write(`${token}\n`);
}

main();
