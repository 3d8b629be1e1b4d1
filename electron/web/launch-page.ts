import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml } from '../services/html-escape';

/**
 * What browser mode hands the system browser instead of its address: a file that only the user can
 * read, which sends the browser on to the host with a one-time code (Jupyter's redirect file). The
 * opener and the browser it starts keep their arguments in /proc/PID/cmdline, which every local
 * user can read; so only this file's name goes there, never the key or the code.
 */
export interface LaunchPage {
  /** The file:// URL to give the system browser. */
  readonly url: string;
  remove(): void;
}

/** Writes the page into `<dataDir>/browser-mode/` (mode 0700), as open-<port>.html (mode 0600). */
export function writeLaunchPage(dataDir: string, port: number, target: string): LaunchPage {
  const dir = privateDir(join(dataDir, 'browser-mode'));
  const file = join(dir, `open-${String(port)}.html`);
  // A file left over from a crash keeps its old mode if rewritten in place: start afresh.
  rmSync(file, { force: true });
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, redirectHtml(target));
  } finally {
    closeSync(fd);
  }
  return {
    url: pathToFileURL(file).href,
    remove: () => {
      rmSync(file, { force: true });
    },
  };
}

/**
 * The folder, made 0700 and checked to be a real folder of this user: in a data folder others can
 * write to, a planted symlink would otherwise lead the file where they can read it.
 */
function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid))
    throw new Error(`${dir} is not a folder of this user; remove it and start again.`);
  chmodSync(dir, 0o700);
  return dir;
}

function redirectHtml(target: string): string {
  const to = escapeHtml(target);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${to}">`,
    '<title>Opening Tokenbench…</title></head>',
    `<body><p>Opening <a href="${to}">Tokenbench</a>…</p></body></html>`,
    '',
  ].join('\n');
}
