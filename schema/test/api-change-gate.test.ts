import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The gate's CLI run for real against throwaway git repositories: real git, real processes. */
const gate = path.join(__dirname, '..', 'scripts', 'api-change-gate.js');
const fixture = (name: string) => path.join(__dirname, 'fixtures', name);
const POLICY = '# Schema changes\n\n| date | kind | coordinate | reason |\n| ---- | ---- | ---------- | ------ |\n';
const gitEnv = {
  GIT_AUTHOR_NAME: 'Gate Test',
  GIT_AUTHOR_EMAIL: 'gate@example.test',
  GIT_COMMITTER_NAME: 'Gate Test',
  GIT_COMMITTER_EMAIL: 'gate@example.test',
};

let directory: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd: directory,
    env: { ...process.env, ...gitEnv },
    encoding: 'utf8',
  }).trim();
}

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
  writeFileSync(path.join(directory, file), content);
}

function commit(message: string, files: Record<string, string>): string {
  for (const [file, content] of Object.entries(files)) write(file, content);
  git('add', '--', ...Object.keys(files));
  git('commit', '--quiet', '-m', message);
  return git('rev-parse', 'HEAD');
}

function runGate(baseRef?: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SCHEMA_BASE_REF;
  if (baseRef) env.SCHEMA_BASE_REF = baseRef;
  const result = spawnSync(process.execPath, [gate, '--root', directory], { env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const before = readFileSync(fixture('api-before.graphql'), 'utf8');
const after = readFileSync(fixture('api-after.graphql'), 'utf8');

beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'api-change-gate-'));
  git('init', '--quiet', '--initial-branch=main');
});

afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('api-change-gate CLI', () => {
  it('fails with SCHEMA_BASE_REF on an unrecorded breaking change and passes, with warnings, once CHANGES.md records it', () => {
    const base = commit('API schema and policy', { 'schema/api.graphql': before, 'schema/CHANGES.md': POLICY });
    write('schema/api.graphql', after);

    const failing = runGate(base);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toContain('BREAKING FIELD_REMOVED Product.title: Product.title was removed.');
    expect(failing.stderr).toContain('BREAKING REQUIRED_ARG_ADDED Query.products(storeId:)');
    expect(failing.stderr).toMatch(/\| FIELD_REMOVED \| `Product\.category` \| <why clients can take this> \|/);

    copyFileSync(fixture('changes-all-recorded.md'), path.join(directory, 'schema/CHANGES.md'));
    const passing = runGate(base);
    expect(passing.stderr).toBe('');
    expect(passing.status).toBe(0);
    expect(passing.stdout).toContain('dangerous VALUE_ADDED_TO_ENUM ProductStatus.DRAFT');
    expect(passing.stdout).toContain('API schema gate passed');
  });

  it('without SCHEMA_BASE_REF checks every commit since CHANGES.md was added, and the uncommitted edit', () => {
    commit('API schema before the policy', { 'schema/api.graphql': before.replace('ARCHIVED', 'ARCHIVED\n  HIDDEN\n  RETIRED') });
    commit('a break before the policy is not checked', { 'schema/api.graphql': before.replace('ARCHIVED', 'ARCHIVED\n  HIDDEN') });
    commit('policy starts; removes ProductStatus.HIDDEN before it', { 'schema/api.graphql': before, 'schema/CHANGES.md': POLICY });
    const breaking = commit('the breaking submission', { 'schema/api.graphql': after });
    commit('an unrelated commit on top', { 'README.md': 'hello\n' });

    const failing = runGate();
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('2 commit(s) changing schema/api.graphql since schema/CHANGES.md was added');
    expect(failing.stderr).toContain(`${breaking.slice(0, 10)} the breaking submission: BREAKING FIELD_REMOVED Product.title`);
    expect(failing.stderr).toContain('BREAKING VALUE_REMOVED_FROM_ENUM ProductStatus.HIDDEN');
    expect(failing.stderr).not.toContain('RETIRED');

    commit('record the breaking changes', {
      'schema/CHANGES.md': `${readFileSync(fixture('changes-all-recorded.md'), 'utf8')}| 2027-01-03 | VALUE_REMOVED_FROM_ENUM | \`ProductStatus.HIDDEN\` | never shown to clients |\n`,
    });
    expect(runGate().status).toBe(0);

    write('schema/api.graphql', after.replace(/\s*"""\s*Price in minor units, as a decimal string.\s*"""\s*price: String!/, ''));
    const uncommitted = runGate();
    expect(uncommitted.status).toBe(1);
    expect(uncommitted.stderr).toContain('HEAD → working tree: BREAKING FIELD_REMOVED Product.price');
  });

  it('refuses a SCHEMA_BASE_REF that is not a commit', () => {
    commit('API schema', { 'schema/api.graphql': before, 'schema/CHANGES.md': POLICY });
    const result = runGate('no-such-ref');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SCHEMA_BASE_REF=no-such-ref is not a commit');
  });

  it('outside git says loudly that it skips the comparison, and passes', () => {
    rmSync(path.join(directory, '.git'), { recursive: true });
    write('schema/api.graphql', after);
    const result = runGate();
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/SCHEMA CHANGE GATE SKIPPED: .* is not a git work tree .*; breaking changes to schema\/api.graphql are NOT checked/);
  });
});
