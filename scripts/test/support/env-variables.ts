import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Which environment variables the code reads, found in the sources: `envReader` calls (`.string('X')`,
 * `.int('X', 10)`, …) and `process.env.X` / `env.X` / `env['X']` uses. Used by the tests that hold
 * docker-compose.yml and docs/configuration.md against the code.
 */
const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

export function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|js)$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) ? [relative] : [];
  });
}

const READ_CALL = /\.\s*(?:string|optionalString|int|bool|url|oneOf)\(\s*([^,)]+?)\s*[,)]/g;
const ENV_ACCESS = /\b(?:process\.env|env)(?:\.([A-Z_][A-Z0-9_]*)\b|\[\s*['"`]([A-Z_][A-Z0-9_]*)['"`]\s*\])/g;
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The variable name(s) an envReader call's first argument stands for. */
function resolveName(argument: string, text: string, where: string): string[] {
  const literal = /^(['"`])([A-Z_][A-Z0-9_]*)\1$/.exec(argument);
  if (literal) return [literal[2]];
  // `${name.toUpperCase()}_URL` over the `name: '…'` entries of the same file
  const template = /^`\$\{\s*\w+\.toUpperCase\(\)\s*\}([A-Z0-9_]*)`$/.exec(argument);
  if (template) {
    const names = [...text.matchAll(/\bname:\s*'([a-z0-9_-]+)'/g)].map(([, name]) => name.toUpperCase().replace(/-/g, '_'));
    if (names.length > 0) return names.map((name) => `${name}${template[1]}`);
  }
  if (/^[A-Za-z_$][\w$]*$/.test(argument)) {
    const definition = new RegExp(`\\bconst\\s+${argument}\\s*=\\s*([^;\\n]+?);?\\s*$`, 'm').exec(text);
    if (definition) return resolveName(definition[1].trim(), text, where);
  }
  throw new Error(`${where}: cannot tell which environment variable \`${argument}\` names; teach scripts/test/docker-compose.test.ts`);
}

/** Every variable read by the files under `dir` (variable → where it is read). */
export function variablesReadIn(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(dir)) {
    const text = read(file);
    if (/\benvReader\b|\bEnvReader\b/.test(text)) {
      for (const match of text.matchAll(READ_CALL)) {
        const where = `${file}:${lineOf(text, match.index ?? 0)}`;
        for (const name of resolveName(match[1], text, where)) found.set(name, where);
      }
    }
    for (const match of text.matchAll(ENV_ACCESS)) found.set(match[1] ?? match[2], `${file}:${lineOf(text, match.index ?? 0)}`);
  }
  return found;
}
