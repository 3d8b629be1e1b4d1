import { spawn } from 'node:child_process';
import { fail, type Failure } from '../../shared/result';

/**
 * Opens a URL in the user's default browser. On Windows, `cmd /c start` would split the URL at
 * every `&` (an authorization URL has many), so rundll32's URL handler is used: it takes the URL
 * as one argument with no shell in between. No shell is used anywhere, so a URL is never a command.
 *
 * The URL lands in the opener's and the browser's arguments, which every local user can read
 * (/proc/PID/cmdline is world-readable): never pass it anything secret. Browser mode opens a
 * redirect file readable only by the user instead of its keyed address (electron/web/launch-page.ts).
 */
export function openerCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
): { file: string; args: string[] } {
  if (platform === 'darwin') return { file: 'open', args: [url] };
  if (platform === 'win32') return { file: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] };
  return { file: 'xdg-open', args: [url] };
}

/** How long to wait for the opener to fail; some launch the browser in the foreground and never exit. */
const SETTLE_MS = 3_000;

/**
 * Resolves with null once the opener is on its way, or with a failure that says why it could not.
 * `env` is the opener's environment (xdg-open reads $BROWSER and the desktop's variables).
 */
export function openInSystemBrowser(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Failure<'browser_not_opened'> | null> {
  const { file, args } = openerCommand(url);
  const notOpened = (why: string) =>
    fail('browser_not_opened', `Tokenbench could not open your browser: ${why}.`);
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: 'ignore', detached: true, env });
    const timer = setTimeout(() => {
      child.unref();
      resolve(null);
    }, SETTLE_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve(notOpened(`${file} could not run (${error.message})`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      // xdg-open exits 3 when it found no browser to run (xdg-open(1), EXIT CODES).
      resolve(code === 0 ? null : notOpened(`${file} exited with code ${String(code)}`));
    });
  });
}
