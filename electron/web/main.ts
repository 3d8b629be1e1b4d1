/**
 * `npm run start:web [-- --home DIR] [--port N] [--no-open] [--sandbox-access-token-lifetime SECONDS]`:
 * browser mode until SIGINT/SIGTERM.
 * The first stdout line is exactly the URL to open (scripts and tests read it); the lines after it
 * are for people. Problems go to stderr: bad arguments exit 2, a workspace that cannot open exits 1.
 *
 * The URL holds this launch's key. Stdout reaches only the user (a terminal or pipe of theirs), but
 * a command's arguments are world-readable (/proc/PID/cmdline): so the system browser is given a
 * redirect file only the user can read, with a one-time code, never the URL (launch-page.ts).
 */
import { startWebHost, WebHostStartError, type WebHost } from './host';
import { accessTokenLifetimeProblem } from '../services/sandbox';
import { openInSystemBrowser } from '../services/system-browser';

interface Args {
  readonly home: string | undefined;
  readonly port: number;
  readonly open: boolean;
  /** The embedded sandbox's access-token lifetime, to rehearse auto-refresh in a minute. */
  readonly sandboxAccessTokenLifetimeSec: number | undefined;
}

const USAGE =
  'Usage: npm run start:web -- [--home DIR] [--port N] [--no-open] [--sandbox-access-token-lifetime SECONDS]';
const VALUED = new Set(['--home', '--port', '--sandbox-access-token-lifetime']);

function parseArgs(argv: readonly string[]): Args | string {
  let home: string | undefined;
  let port = 0;
  let open = true;
  let lifetime: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    if (flag === '--no-open') {
      open = false;
      continue;
    }
    const value = argv[i + 1];
    if (!VALUED.has(flag)) return `Unknown argument "${flag}". ${USAGE}`;
    if (value === undefined) return `${flag} needs a value. ${USAGE}`;
    i++;
    if (flag === '--home') home = value;
    else if (flag === '--sandbox-access-token-lifetime') {
      const seconds = /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
      const problem = accessTokenLifetimeProblem(seconds);
      if (problem !== null) return `${flag}: ${problem}`;
      lifetime = seconds;
    } else if (/^\d{1,5}$/.test(value) && Number(value) <= 65535) port = Number(value);
    else return `--port must be 0 to 65535, not "${value}".`;
  }
  return { home, port, open, sandboxAccessTokenLifetimeSec: lifetime };
}

function describe(host: WebHost): string[] {
  const lines = [
    'Tokenbench is running in browser mode (Ctrl+C to stop). The URL above holds this launch’s key:',
    '  open it to sign a browser in, and keep it to yourself (it changes every launch).',
    `  Data folder: ${host.workbench.dataDir}`,
    `  Keychain: ${host.workbench.ctx.vault.label}`,
  ];
  if (host.sandbox !== null) {
    lines.push(`  Sandbox DC: ${host.sandbox.url}/sandbox/info`);
    const seconds = host.sandbox.profile.accessTokenTtlMs / 1000;
    if (seconds !== 3600) lines.push(`  Sandbox access tokens live ${String(seconds)} s`);
  }
  return lines;
}

async function start(args: Args): Promise<WebHost> {
  try {
    const lifetime = args.sandboxAccessTokenLifetimeSec;
    return await startWebHost({
      home: args.home,
      port: args.port,
      ...(lifetime === undefined ? {} : { sandbox: { accessTokenLifetimeSec: lifetime } }),
    });
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tokenbench: ${message}\n`);
    process.exit(error instanceof WebHostStartError ? 1 : 2);
  }
}

/** Why the browser could not be opened on the launch page, or null once it was. */
async function openBrowserOn(host: WebHost): Promise<string | null> {
  let page: string;
  try {
    page = host.launchPage();
  } catch (error: unknown) {
    return `Tokenbench could not write the page that opens your browser: ${error instanceof Error ? error.message : String(error)}.`;
  }
  return (await openInSystemBrowser(page))?.message ?? null;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`tokenbench: ${args}\n`);
    process.exit(2);
  }
  const host = await start(args);
  process.stdout.write(`${host.url}\n${describe(host).join('\n')}\n`);
  if (host.workbench.recovered !== null)
    process.stderr.write(`tokenbench: ${host.workbench.recovered.message}\n`);
  const stop = (): void => {
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `tokenbench: closing failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (args.open) {
    const problem = await openBrowserOn(host);
    if (problem !== null) process.stderr.write(`tokenbench: ${problem} Open the URL above yourself.\n`);
  }
}

void main();
