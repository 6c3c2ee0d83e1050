import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { readAuthConfig } from '../src/config/kit-config';
import { loadSigningKeys } from '../src/caller/signing-keys';
import { verifyAccessToken } from '../src/caller/access-token';

const run = promisify(execFile);
const cli = path.resolve(__dirname, '../dist/cli/dev-token.js');

describe('npm run token', () => {
  it('prints only a token that the platform accepts for the asked role and store', async () => {
    const storeId = '6b1c1f4e-4b2a-4c39-9a55-0c1d2e3f4a5b';
    const { stdout } = await run(process.execPath, [cli, '--role', 'MERCHANT', '--store', storeId], { env: { ...process.env, NODE_ENV: 'development' } });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const auth = readAuthConfig();
    const caller = verifyAccessToken(lines[0], loadSigningKeys(auth, false), auth);
    expect(caller).toMatchObject({ roles: ['MERCHANT'], storeId });
  });

  it('refuses to run in production', async () => {
    const failure = await run(process.execPath, [cli, '--role', 'PLATFORM_ADMIN'], { env: { ...process.env, NODE_ENV: 'production' } }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stdout: '' });
    expect(failure!.stderr).toContain('refuses to run with NODE_ENV=production');
  });

  it('refuses unknown roles', async () => {
    const failure = await run(process.execPath, [cli, '--role', 'SUPERUSER'], { env: { ...process.env, NODE_ENV: 'development' } }).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('unknown role(s): SUPERUSER');
  });
});
