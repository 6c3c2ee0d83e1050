'use strict';
/**
 * Gets a fresh clone ready to run: installs dependencies when node_modules is missing and builds
 * the workspaces when a dist/ folder is missing or older than its sources. Needs nothing but Node
 * itself, since it runs before the dependencies exist.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
/** Workspaces that compile to dist/ (they have a build script), with the file each must produce. */
function builtWorkspaces() {
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return workspaces.flatMap((dir) => {
    const file = path.join(root, dir, 'package.json');
    if (!fs.existsSync(file)) return [];
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    return pkg.scripts?.build ? [{ dir, entry: pkg.main ?? 'dist/index.js' }] : [];
  });
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command, args, log) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
}

/** `npm ci` when the dependencies were never installed (npm writes node_modules/.package-lock.json last). */
function ensureDependencies(log = console.log) {
  if (fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
    const installed = fs.statSync(path.join(root, 'node_modules', '.package-lock.json')).mtimeMs;
    if (fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > installed + 1000) {
      log('note: package-lock.json changed since the last install; run `npm ci` if the start fails on a missing module');
    }
    return false;
  }
  log('node_modules is missing: installing dependencies');
  run(npm, ['ci', '--no-audit', '--no-fund'], log);
  return true;
}

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newestMtime(dir, include = () => true) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, include));
    else if (include(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Why the build is needed, or null when every dist/ is newer than its sources. */
function staleReason() {
  const configs = ['tsconfig.json', 'package-lock.json'].map((file) => path.join(root, file));
  const sharedNewest = Math.max(...configs.map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0)));
  for (const workspace of builtWorkspaces()) {
    const dir = path.join(root, workspace.dir);
    if (!fs.existsSync(path.join(dir, workspace.entry))) return `${workspace.dir}/${workspace.entry} is missing`;
    const built = newestMtime(path.join(dir, 'dist'));
    const sources = Math.max(
      sharedNewest,
      newestMtime(path.join(dir, 'src'), (name) => !name.endsWith('.test.ts')),
      ...['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((file) =>
        fs.existsSync(path.join(dir, file)) ? fs.statSync(path.join(dir, file)).mtimeMs : 0,
      ),
    );
    if (sources > built) return `${workspace.dir}/dist is older than its sources`;
  }
  return null;
}

/** Builds every workspace (`npx lerna run build`) when needed, or always with `force`. */
function ensureBuild({ force = false, log = console.log } = {}) {
  const reason = force ? 'a build was asked for' : staleReason();
  if (!reason) return false;
  log(`building (${reason})`);
  run(npx, ['lerna', 'run', 'build'], log);
  return true;
}

module.exports = { ensureDependencies, ensureBuild, staleReason, root };
