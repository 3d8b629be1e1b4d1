import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { visible } from '../../shared/text/visible';

/** Where a command writes and reads: the process's streams, or a test's stand-ins. */
export interface Io {
  /** One or more lines for standard output (a newline is added). */
  out(text: string): void;
  /** One or more lines for standard error (a newline is added). */
  err(text: string): void;
  /** Standard input, for the client secret and the pasted redirect URL. */
  readonly stdin: Readable & { readonly isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  readonly style: Style;
  /** A person watches stderr: progress notes are worth printing (never in scripts, which get one line). */
  readonly progress: boolean;
}

/** Plain functions (not methods), so a column can be handed one to paint with. */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
}

/**
 * Our colours are written as a private mark until the last step, which turns every control
 * character into a visible escape (shared/text/visible.ts) and only then the marks into SGR codes.
 * The mark holds a random nonce made at start, so no text from a file or a server can forge one.
 */
const MARK = `\u{e000}${randomBytes(9).toString('base64url')}`;
const MARKED_SGR = new RegExp(`${MARK}(\\d{1,2})m`, 'g');

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `${MARK}${open}m${text}${MARK}${close}m`;

/**
 * Every byte the CLI writes goes through here: names from the workspace, a DC's `error`, a
 * redirect's `error_description`, a file's contents. Control characters (ESC, CR, C1), bidi
 * overrides and invisible characters come out as `\uXXXX`; line breaks of our own stay.
 */
export function forTerminal(text: string): string {
  // Line breaks and tabs of our own stay: tabs only move right, and Postman files (env export) are
  // indented with them. Inside a JSON string JSON.stringify has already escaped both.
  // A CR right before a line feed (CSV's CRLF, RFC 4180) stays too: it cannot rewrite anything.
  const shown = text
    .split('\n')
    .map((line) => {
      const crlf = line.endsWith('\r');
      const body = crlf ? line.slice(0, -1) : line;
      return body.split('\t').map(visible).join('\t') + (crlf ? '\r' : '');
    })
    .join('\n');
  return shown.replace(MARKED_SGR, '\u001b[$1m');
}

const COLOURS: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
};
const plain = (text: string): string => text;
const PLAIN: Style = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };

/** Colours only for a person at a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function chooseStyle(isTty: boolean, env: Readonly<Record<string, string | undefined>>): Style {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return isTty && !noColor && env.TERM !== 'dumb' ? COLOURS : PLAIN;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(`${forTerminal(text)}\n`),
    err: (text) => process.stderr.write(`${forTerminal(text)}\n`),
    stdin: process.stdin,
    style: chooseStyle(process.stdout.isTTY, process.env),
    progress: process.stderr.isTTY,
  };
}

/** A column's cells: the text that sets the width, and how to paint it once padded. */
export interface Cell {
  readonly text: string;
  readonly paint?: (text: string) => string;
}

type CellInput = string | Cell;

/**
 * Aligned columns, two spaces apart. Widths come from the unpainted text, so colour codes never
 * shift a column; the last column is not padded, so lines carry no trailing blanks.
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly CellInput[])[],
  style: Style,
): string {
  // A cell is one line: a line break or a control character inside it is shown, not obeyed, and
  // counted as the escape it prints as, so the columns stay aligned.
  const cells = rows.map((row) =>
    row.map((c) => (typeof c === 'string' ? { text: visible(c) } : { ...c, text: visible(c.text) })),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.text.length ?? 0)));
  const line = (row: readonly Cell[]): string =>
    row
      .map((cell, i) => {
        const last = i === row.length - 1;
        const padded = last ? cell.text : cell.text.padEnd(widths[i] ?? 0);
        return cell.paint === undefined ? padded : cell.paint(padded);
      })
      .join('  ')
      .trimEnd();
  const head = line(headers.map((h) => ({ text: h, paint: style.bold })));
  return [head, ...cells.map(line)].join('\n');
}

/** Label/value pairs, the labels padded to one width. */
export function fields(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Local time, sortable and unambiguous: 2026-01-05 09:00:00. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  return `${date} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** A duration as people say it: 45 s, 12 min 5 s, 3 h 20 min. */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** One JSON document, indented for people; scripts parse it the same. */
export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** A dash where there is nothing to show, so columns never look shifted. */
export const NONE = '–';
