import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm test` runs jest's two projects side by side, each in band (scripts/lib/jest-runs.js): that is
 * safe only while every suite that starts a whole stack is in the `e2e` project (one stack at a time)
 * and every suite is in exactly one project (none run twice, none left out).
 */
const root = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(root, 'jest.config.js')) as {
  projects: { displayName: string; roots: string[]; testMatch: string[]; testPathIgnorePatterns: string[] }[];
};

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const projectsOf = (file: string) =>
  config.projects
    .filter((project) => project.roots.some((dir) => file.startsWith(`${dir.replace('<rootDir>', root)}/`)))
    .filter((project) => project.testMatch.some((glob) => path.matchesGlob(file, glob)))
    .filter((project) => !project.testPathIgnorePatterns.some((pattern) => new RegExp(pattern).test(file)))
    .map((project) => project.displayName);

describe('jest projects', () => {
  const files = ['subgraphs', 'gateway', 'schema', 'scripts'].flatMap((dir) => testFiles(path.join(root, dir)));

  it('finds the suites (sanity check of this test)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(projectsOf(path.join(root, 'gateway/test/supergraph.e2e.test.ts'))).toEqual(['e2e']);
    expect(projectsOf(path.join(root, 'scripts/test/jest-projects.test.ts'))).toEqual(['unit-integration']);
  });

  it('puts every suite in exactly one project', () => {
    const misplaced = files.map((file) => [path.relative(root, file), projectsOf(file)] as const).filter(([, projects]) => projects.length !== 1);
    expect(misplaced).toEqual([]);
  });

  it('puts every suite that starts a whole stack in the e2e project, which runs in band', () => {
    const stackStarters = files.filter((file) => /(?<![.\w])(startStack|acquireStack)\(/.test(readFileSync(file, 'utf8')));
    expect(stackStarters.length).toBeGreaterThan(20);
    expect(stackStarters.filter((file) => projectsOf(file)[0] !== 'e2e').map((file) => path.relative(root, file))).toEqual([]);
  });
});
