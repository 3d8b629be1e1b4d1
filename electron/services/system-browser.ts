import { spawn } from 'node:child_process';

/**
 * Opens a URL in the user's default browser. On Windows, `cmd /c start` would split the URL at
 * every `&` (an authorization URL has many), so rundll32's URL handler is used: it takes the URL
 * as one argument with no shell in between. No shell is used anywhere, so a URL is never a command.
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

/** Resolves with null once the opener is on its way, or with why it could not open the URL. */
export function openInSystemBrowser(url: string): Promise<string | null> {
  const { file, args } = openerCommand(url);
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      child.unref();
      resolve(null);
    }, SETTLE_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve(`${file} could not run (${error.message})`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : `${file} exited with code ${String(code)}`);
    });
  });
}
