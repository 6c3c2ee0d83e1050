'use strict';
/**
 * What `npm start` shows of its services. The services always log JSON (pino), which is what log
 * shippers read; this module sits in the parent, reads each child's stdout and stderr line by
 * line and either passes the JSON on (`json`, for pipes and files) or turns every event into one
 * readable, coloured line prefixed with the service's name (`pretty`, for a terminal).
 * Lines that are not JSON (stack traces, Node warnings) are kept in both formats.
 *
 * Loads nothing from node_modules until a pretty line is formatted: start.js uses it before
 * dependencies are installed.
 */
const { StringDecoder } = require('node:string_decoder');

const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const GREEN = '\u001b[32m';
// cyan, magenta, yellow, blue, green and their bright variants: red stays for errors
const PALETTE = [36, 35, 33, 34, 32, 96, 95, 93, 94, 92].map((code) => `\u001b[${code}m`);

/**
 * 'json' or 'pretty': `--json` / LOG_FORMAT=json win, then `--pretty` / LOG_FORMAT=pretty /
 * FORCE_COLOR, then whether stdout is a terminal.
 */
function chooseLogFormat({ argv = process.argv.slice(2), env = process.env, isTTY = Boolean(process.stdout.isTTY) } = {}) {
  if (argv.includes('--json') || env.LOG_FORMAT === 'json') return 'json';
  if (argv.includes('--pretty') || env.LOG_FORMAT === 'pretty' || colorForced(env)) return 'pretty';
  return isTTY ? 'pretty' : 'json';
}

const colorForced = (env) => env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';

/** Colours unless NO_COLOR (https://no-color.org); FORCE_COLOR turns them on outside a terminal. */
function colorSupported({ env = process.env, isTTY = Boolean(process.stdout.isTTY) } = {}) {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return colorForced(env) || isTTY;
}

/**
 * Calls `onLine` with each complete line of a byte stream, whatever the chunk boundaries (a line
 * or a UTF-8 character may arrive in two chunks). `end()` delivers a last line without a newline.
 */
function splitLines(onLine) {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const emit = (text) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop();
    for (const line of lines) onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  };
  return {
    push(chunk) {
      emit(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    },
    end() {
      emit(decoder.end());
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}

/** A JSON object, or null for anything else (plain text, a bare number). */
function parseObject(line) {
  if (!line.startsWith('{')) return null;
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * @param {object} [options]
 * @param {'pretty'|'json'} [options.format]
 * @param {boolean} [options.color] ANSI colours in the pretty format
 * @param {number} [options.labelWidth] names are padded to this width ('notifications' is 13)
 * @param {string} [options.ownName] the name on the parent's own messages
 */
function createServiceOutput({ format = 'json', color = false, labelWidth = 13, ownName = 'start' } = {}) {
  const colors = new Map();
  let pretty = null;
  const paint = (style, text) => (color ? `${style}${text}${RESET}` : text);
  // services get colours in the order they first print, so a run always looks the same
  const styleOf = (name) => {
    if (name === ownName) return BOLD;
    if (!colors.has(name)) colors.set(name, PALETTE[colors.size % PALETTE.length]);
    return colors.get(name);
  };
  const label = (name) => `${paint(styleOf(name), name.padEnd(labelWidth))} ${paint(DIM, '│')} `;
  const prettify = (record) => {
    if (!pretty) {
      const { prettyFactory } = require('pino-pretty');
      pretty = prettyFactory({ colorize: color, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,name' });
    }
    return pretty(record);
  };

  /**
   * How one line a service printed appears: in `json`, a JSON line unchanged and any other line
   * as a JSON event of its own; in `pretty`, prefixed with the service's name (an event with an
   * error stack takes several lines, each prefixed). '' for a blank line.
   * @param {'stdout'|'stderr'} [source]
   */
  const formatLine = (name, line, source = 'stdout') => {
    if (line.trim() === '') return '';
    const record = parseObject(line);
    if (format === 'json') {
      if (record) return `${line}\n`;
      return `${JSON.stringify({ level: source === 'stderr' ? 40 : 30, time: Date.now(), service: name, stream: source, msg: line })}\n`;
    }
    const text = record ? prettify(record) : `${line}\n`;
    const prefix = label(name);
    return text
      .replace(/\n$/, '')
      .split('\n')
      .map((part) => `${prefix}${part.trimEnd()}\n`)
      .join('');
  };

  return {
    format,
    formatLine,

    /** A message of the parent itself (`[start] …` in json, which prints these as text). */
    formatMessage(message) {
      return format === 'json' ? `[${ownName}] ${message}\n` : `${label(ownName)}${message}\n`;
    },

    /** A service's name in its colour, for messages about it. */
    serviceName(name) {
      return paint(styleOf(name), name);
    },

    /** A green tick when colours are on. */
    tick() {
      return paint(GREEN, '✔');
    },

    /** Relays a child's stdout and stderr (spawned with 'pipe') to `stdout` and `stderr`, line by line. */
    attach(name, child, { stdout = process.stdout, stderr = process.stderr } = {}) {
      for (const [source, input, output] of [
        ['stdout', child.stdout, stdout],
        ['stderr', child.stderr, stderr],
      ]) {
        if (!input) continue;
        const lines = splitLines((line) => {
          const text = formatLine(name, line, source);
          if (text) output.write(text);
        });
        input.on('data', (chunk) => lines.push(chunk));
        input.on('end', () => lines.end());
      }
    },
  };
}

module.exports = { chooseLogFormat, colorSupported, splitLines, createServiceOutput };
