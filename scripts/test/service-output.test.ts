import { EventEmitter } from 'node:events';
import { type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { chooseLogFormat, colorSupported, createServiceOutput, splitLines } from '../lib/service-output';

/** What the services print: pino's JSON, one event a line. */
const event = (level: number, msg: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ level, time: Date.UTC(2025, 0, 2, 3, 4, 5), pid: 42, hostname: 'box', service: 'catalog', name: 'catalog', ...extra, msg });

describe('service output, pretty', () => {
  const output = createServiceOutput({ format: 'pretty', color: false });

  it('shows a JSON event as one line with the service, level and message', () => {
    const text = output.formatLine('catalog', event(30, 'listening on :4003', { port: 4003 }));
    expect(text.split('\n')).toHaveLength(2); // one line and its newline
    expect(text).toMatch(/^catalog {7}│ /);
    expect(text).toContain('INFO');
    expect(text).toContain('listening on :4003');
    expect(text).toContain('"port":4003');
    expect(text).not.toContain('hostname');
  });

  it('shows warnings and errors with their level, every line of a stack prefixed', () => {
    expect(output.formatLine('orders', event(40, 'slow query'))).toMatch(/^orders .*WARN.*slow query\n$/);
    const error = output.formatLine(
      'orders',
      event(50, 'failed', { err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at place (order.ts:1:1)' } }),
    );
    expect(error).toContain('ERROR');
    expect(error).toContain('failed');
    const lines = error.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^orders {8}│ /);
    expect(error).toContain('at place (order.ts:1:1)');
  });

  it('keeps lines that are not JSON, prefixed', () => {
    expect(output.formatLine('gateway', '(node:12) Warning: something', 'stderr')).toBe('gateway       │ (node:12) Warning: something\n');
    expect(output.formatLine('gateway', '    at Object.<anonymous> (main.js:3:9)')).toBe('gateway       │     at Object.<anonymous> (main.js:3:9)\n');
    expect(output.formatLine('gateway', '{not json')).toBe('gateway       │ {not json\n');
    expect(output.formatLine('gateway', '   ')).toBe('');
  });

  it('colours each service and the levels only when asked to', () => {
    const coloured = createServiceOutput({ format: 'pretty', color: true });
    const accounts = coloured.formatLine('accounts', event(30, 'hello'));
    const stores = coloured.formatLine('stores', event(30, 'hello'));
    expect(accounts).toContain('\u001b[');
    expect(accounts.slice(0, 5)).not.toBe(stores.slice(0, 5)); // a different colour code
    expect(coloured.formatLine('accounts', event(30, 'again')).slice(0, 5)).toBe(accounts.slice(0, 5));
    expect(output.formatLine('accounts', event(30, 'hello'))).not.toContain('\u001b[');
  });

  it('prefixes the parent’s own messages with its name', () => {
    expect(output.formatMessage('seeding the demo store')).toBe('start         │ seeding the demo store\n');
  });
});

describe('service output, json', () => {
  const output = createServiceOutput({ format: 'json' });

  it('passes JSON lines through unchanged', () => {
    const line = event(30, 'listening on :4003');
    expect(output.formatLine('catalog', line)).toBe(`${line}\n`);
  });

  it('turns any other line into a JSON event of the service', () => {
    const record = JSON.parse(output.formatLine('gateway', 'TypeError: x is undefined', 'stderr'));
    expect(record).toMatchObject({ level: 40, service: 'gateway', stream: 'stderr', msg: 'TypeError: x is undefined' });
  });

  it('writes the parent’s own messages as before', () => {
    expect(output.formatMessage('stopping…')).toBe('[start] stopping…\n');
  });
});

describe('splitLines', () => {
  it('reassembles a line split across chunks, and a character split across them', () => {
    const lines: string[] = [];
    const splitter = splitLines((line) => lines.push(line));
    const bytes = Buffer.from('{"msg":"first ✔"}\r\n{"msg":"sec');
    splitter.push(bytes.subarray(0, 15)); // inside the three bytes of ✔
    splitter.push(bytes.subarray(15));
    expect(lines).toEqual(['{"msg":"first ✔"}']);
    splitter.push('ond"}\nlast without newline');
    expect(lines).toEqual(['{"msg":"first ✔"}', '{"msg":"second"}']);
    splitter.end();
    expect(lines).toEqual(['{"msg":"first ✔"}', '{"msg":"second"}', 'last without newline']);
  });
});

describe('attach', () => {
  it('relays a child’s stdout and stderr line by line, including a line that arrives in two chunks', async () => {
    const child = Object.assign(new EventEmitter(), { stdout: new PassThrough(), stderr: new PassThrough() });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const written = { stdout: '', stderr: '' };
    stdout.on('data', (chunk) => (written.stdout += chunk));
    stderr.on('data', (chunk) => (written.stderr += chunk));
    createServiceOutput({ format: 'pretty' }).attach('inventory', child as unknown as ChildProcess, { stdout, stderr });

    const line = event(30, 'stock reserved');
    child.stdout.write(line.slice(0, 20));
    child.stdout.write(`${line.slice(20)}\n`);
    child.stderr.end('Error: boom\n    at main.js:1:1');
    child.stdout.end();
    await new Promise((resolve) => setImmediate(resolve));

    expect(written.stdout).toMatch(/^inventory {5}│ .*INFO.*stock reserved\n$/);
    expect(written.stderr).toBe('inventory     │ Error: boom\ninventory     │     at main.js:1:1\n');
  });
});

describe('chooseLogFormat', () => {
  it('is pretty in a terminal and JSON elsewhere, unless told', () => {
    expect(chooseLogFormat({ argv: [], env: {}, isTTY: true })).toBe('pretty');
    expect(chooseLogFormat({ argv: [], env: {}, isTTY: false })).toBe('json');
    expect(chooseLogFormat({ argv: ['--pretty'], env: {}, isTTY: false })).toBe('pretty');
    expect(chooseLogFormat({ argv: [], env: { FORCE_COLOR: '1' }, isTTY: false })).toBe('pretty');
    expect(chooseLogFormat({ argv: ['--json'], env: {}, isTTY: true })).toBe('json');
    expect(chooseLogFormat({ argv: [], env: { LOG_FORMAT: 'json', FORCE_COLOR: '1' }, isTTY: true })).toBe('json');
  });

  it('colours in a terminal or when forced, never with NO_COLOR', () => {
    expect(colorSupported({ env: {}, isTTY: true })).toBe(true);
    expect(colorSupported({ env: {}, isTTY: false })).toBe(false);
    expect(colorSupported({ env: { FORCE_COLOR: '1' }, isTTY: false })).toBe(true);
    expect(colorSupported({ env: { NO_COLOR: '1' }, isTTY: true })).toBe(false);
  });
});
