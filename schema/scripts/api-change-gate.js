#!/usr/bin/env node
/**
 * The schema change gate (`npm run schema:check` runs it after the staleness check; alone:
 * `node schema/scripts/api-change-gate.js [--root DIR]`). Fails on a breaking change to
 * schema/api.graphql that schema/CHANGES.md does not record with a reason; prints dangerous
 * changes as warnings. Which versions it compares (schema/README.md, "The change gate"):
 *
 * - `SCHEMA_BASE_REF` set: that commit's api.graphql against the working tree's, once: the net
 *   change clients see between two landings.
 * - otherwise every commit on HEAD's first-parent line since the one that added schema/CHANGES.md
 *   (when the policy started) that touched api.graphql, each against its parent, and then the
 *   working tree against HEAD. CI runs on a fresh clone whose HEAD is the submission and whose
 *   `origin/main` is that same HEAD, so nothing tells where the previous landing was: checking
 *   every step since the policy began covers any number of new commits, keeps an uncommitted edit
 *   from slipping through locally, and makes CHANGES.md an append-only log of every break.
 *
 * Without git, a commit or a base api.graphql it says so and skips only the comparison.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, realpathSync } = require('node:fs');
const path = require('node:path');
const { checkSchemaChange, parseChangesMd, changesRow } = require('./breaking-changes');

const API = 'schema/api.graphql';
const CHANGES = 'schema/CHANGES.md';

function git(root, args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function tryGit(root, args) {
  try {
    return git(root, args);
  } catch {
    return null;
  }
}

/** Reads many blobs with one `git cat-file --batch`. */
function readBlobs(root, oids) {
  const unique = [...new Set(oids)];
  const blobs = new Map();
  if (unique.length === 0) return blobs;
  const output = execFileSync('git', ['cat-file', '--batch'], { cwd: root, input: `${unique.join('\n')}\n`, maxBuffer: 1024 * 1024 * 1024 });
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(0x0a, offset);
    const [oid, kind, size] = output.subarray(offset, headerEnd).toString('utf8').split(' ');
    offset = headerEnd + 1;
    if (kind !== 'blob') continue;
    blobs.set(oid, output.subarray(offset, offset + Number(size)).toString('utf8'));
    offset += Number(size) + 1;
  }
  return blobs;
}

/** The git work tree at `root`, or why there is none to compare against. */
function repository(root) {
  const top = tryGit(root, ['rev-parse', '--show-toplevel']);
  if (top === null) return { unavailable: `${root} is not a git work tree (or git is not installed)` };
  if (realpathSync(top.trim()) !== realpathSync(root)) return { unavailable: `${root} is not the top of a git work tree (that is ${top.trim()})` };
  if (tryGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']) === null) return { unavailable: 'the repository has no commit yet' };
  return { shallow: tryGit(root, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true' };
}

/** Commits (oldest first) on HEAD's first-parent line since CHANGES.md was added that changed api.graphql. */
function committedSteps(root) {
  // --name-only: with --diff-merges git would otherwise print the merges' patches too
  const added = tryGit(root, [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--diff-filter=A',
    '--name-only',
    '--format=%x00%H',
    'HEAD',
    '--',
    CHANGES,
  ]);
  const floor = added
    ?.split('\0')
    .map((record) => record.trim().split('\n')[0])
    .filter(Boolean)
    .at(-1);
  if (!floor) return { floor: null, steps: [] };
  const hasParent = tryGit(root, ['rev-parse', '--verify', '--quiet', `${floor}^`]) !== null;
  const range = hasParent ? [`${floor}^..HEAD`] : ['HEAD'];
  const log = git(root, [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--reverse',
    '--raw',
    '--no-abbrev',
    '--format=%x00%H%x09%s',
    ...range,
    '--',
    API,
  ]);
  const steps = [];
  for (const record of log.split('\0').filter((text) => text.trim())) {
    const [header, ...lines] = record.split('\n');
    const [commit, subject] = header.split('\t');
    const raw = lines.find((line) => line.startsWith(':') && line.endsWith(`\t${API}`));
    if (!raw) continue;
    const [, , oldOid, newOid, status] = raw.split('\t')[0].split(' ');
    // an added api.graphql (or one whose parent is beyond a shallow clone's edge) breaks nobody
    if (status.startsWith('A')) continue;
    steps.push({ label: `${commit.slice(0, 10)} ${subject}`, commit, oldOid, newOid: status.startsWith('D') ? null : newOid });
  }
  return { floor, steps };
}

/** Commits not yet on origin/main (a local branch's own work), whose warnings are worth listing. */
function unlandedCommits(root) {
  if (tryGit(root, ['rev-parse', '--verify', '--quiet', 'origin/main^{commit}']) === null) return new Set();
  return new Set((tryGit(root, ['rev-list', 'origin/main..HEAD']) ?? '').split('\n').filter(Boolean));
}

/**
 * Runs the gate over the repository at `root`.
 * @returns `{ ok }`: false when an unrecorded breaking change, a malformed CHANGES.md row or an
 * unusable SCHEMA_BASE_REF was found; `skipped`: true when there was nothing to compare against.
 */
function runApiChangeGate({ root, baseRef = process.env.SCHEMA_BASE_REF, out = console.log, err = console.error }) {
  const changesPath = path.join(root, CHANGES);
  const changesMd = existsSync(changesPath) ? readFileSync(changesPath, 'utf8') : '';
  const { problems } = parseChangesMd(changesMd);
  for (const problem of problems) err(`✗ ${problem}`);
  const workingSdl = existsSync(path.join(root, API)) ? readFileSync(path.join(root, API), 'utf8') : null;
  const skip = (why) => {
    err(`⚠ SCHEMA CHANGE GATE SKIPPED: ${why}; breaking changes to ${API} are NOT checked.`);
    return { ok: problems.length === 0, skipped: true };
  };
  if (workingSdl === null) return skip(`${API} does not exist`);
  const repo = repository(root);
  if (repo.unavailable) return skip(repo.unavailable);

  const steps = [];
  const listed = new Set();
  if (baseRef) {
    const base = tryGit(root, ['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`])?.trim();
    if (!base) {
      err(`✗ SCHEMA_BASE_REF=${baseRef} is not a commit in this repository`);
      return { ok: false, skipped: true };
    }
    const baseSdl = tryGit(root, ['show', `${base}:${API}`]);
    if (baseSdl === null) return skip(`${baseRef} (${base.slice(0, 10)}) has no ${API}`);
    out(`API schema gate: ${API} at ${baseRef} (${base.slice(0, 10)}) → working tree`);
    steps.push({ label: `${baseRef} → working tree`, oldSdl: baseSdl, newSdl: workingSdl });
    listed.add(steps[0].label);
  } else {
    const { floor, steps: committed } = committedSteps(root);
    const blobs = readBlobs(
      root,
      committed.flatMap((step) => [step.oldOid, step.newOid].filter(Boolean)),
    );
    const unlanded = unlandedCommits(root);
    const head = git(root, ['rev-parse', 'HEAD']).trim();
    for (const step of committed) {
      if (!step.newOid) {
        err(`⚠ ${step.label}: deleted ${API}; not compared`);
        continue;
      }
      steps.push({ label: step.label, oldSdl: blobs.get(step.oldOid), newSdl: blobs.get(step.newOid) });
      if (step.commit === head || unlanded.has(step.commit)) listed.add(step.label);
    }
    const headSdl = tryGit(root, ['show', `HEAD:${API}`]);
    if (headSdl !== null && headSdl !== workingSdl) {
      steps.push({ label: 'HEAD → working tree', oldSdl: headSdl, newSdl: workingSdl });
      listed.add('HEAD → working tree');
    }
    out(
      floor
        ? `API schema gate: ${committed.length} commit(s) changing ${API} since ${CHANGES} was added (${floor.slice(0, 10)}), each against its parent, then the working tree against HEAD`
        : `API schema gate: ${CHANGES} is not committed yet, so only the working tree is compared with HEAD`,
    );
    if (repo.shallow) {
      // the edge commit looks as if it added every file, so its own change cannot be compared either
      const edge = tryGit(root, ['rev-parse', '--git-path', 'shallow'])?.trim();
      const commits = edge && existsSync(path.resolve(root, edge)) ? readFileSync(path.resolve(root, edge), 'utf8').trim().split('\n') : [];
      err(
        `⚠ SCHEMA CHANGE GATE INCOMPLETE: shallow clone; the edge commit(s) ${commits.map((commit) => commit.slice(0, 10)).join(', ')} and everything before them are NOT checked (fetch the full history, or set SCHEMA_BASE_REF)`,
      );
    }
  }

  let ok = problems.length === 0;
  let unlisted = 0;
  let recordedCount = 0;
  const rows = [];
  for (const step of steps) {
    let result;
    try {
      result = checkSchemaChange({ oldSdl: step.oldSdl, newSdl: step.newSdl, changesMd });
    } catch (error) {
      err(`✗ ${step.label}: ${API} does not build: ${error.message}`);
      ok = false;
      continue;
    }
    for (const change of result.breaking) {
      err(`✗ ${step.label}: BREAKING ${change.type} ${change.coordinate ?? '(no coordinate)'}: ${change.description}`);
      rows.push(changesRow(change));
    }
    if (result.breaking.length > 0) ok = false;
    recordedCount += result.recorded.length;
    if (listed.has(step.label)) {
      for (const change of result.recorded) out(`✓ ${step.label}: ${change.type} ${change.coordinate} recorded (${CHANGES} line ${change.entry.line})`);
      for (const change of result.dangerous) out(`⚠ ${step.label}: dangerous ${change.type} ${change.coordinate ?? ''}: ${change.description}`);
    } else {
      unlisted += result.dangerous.length;
    }
  }
  if (unlisted > 0) out(`  (${unlisted} dangerous change(s) in earlier commits not listed; SCHEMA_BASE_REF=<commit> lists those since that commit)`);
  if (rows.length > 0) {
    err(
      [
        '',
        `Breaking changes to ${API} must be recorded in ${CHANGES} with a reason (after a @deprecated period where clients need time).`,
        'Rows to complete and add to its table:',
        ...rows,
      ].join('\n'),
    );
  }
  if (ok) out(`API schema gate passed: no unrecorded breaking change (${recordedCount} recorded breaking change(s) compared)`);
  return { ok, skipped: false };
}

if (require.main === module) {
  const rootFlag = process.argv.indexOf('--root');
  const root = rootFlag > 0 ? path.resolve(process.argv[rootFlag + 1]) : path.resolve(__dirname, '../..');
  process.exitCode = runApiChangeGate({ root }).ok ? 0 : 1;
}

module.exports = { runApiChangeGate };
