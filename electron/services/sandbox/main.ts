/**
 * `npm run sandbox [--port N] [--redirect-uri URI] [--access-token-lifetime SECONDS]`: runs the
 * sandbox DC until SIGINT/SIGTERM. The first stdout line is one JSON object naming the demo client,
 * for scripts and the app to parse; the lines after it are for people. Bad arguments: one stderr
 * line, exit code 2.
 */
import { CONSOLE_PATH } from './console-page';
import { accessTokenLifetimeProblem, startSandbox, type SandboxHandle } from './server';

interface Args {
  readonly port?: number;
  readonly redirectUri?: string;
  readonly accessTokenLifetimeSec?: number;
}

const USAGE = 'Usage: npm run sandbox -- [--port N] [--redirect-uri URI] [--access-token-lifetime SECONDS]';
const FLAGS = new Set(['--port', '--redirect-uri', '--access-token-lifetime']);

function parseArgs(argv: readonly string[]): Args | string {
  const args: { -readonly [K in keyof Args]: Args[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!FLAGS.has(flag)) return `Unknown argument "${flag}". ${USAGE}`;
    if (value === undefined) return `${flag} needs a value.`;
    i++;
    if (flag === '--port') {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
        return `--port must be 0 to 65535, not "${value}".`;
      args.port = Number(value);
    } else if (flag === '--redirect-uri') {
      if (!URL.canParse(value)) return `--redirect-uri must be an absolute URL, not "${value}".`;
      args.redirectUri = value;
    } else {
      const seconds = /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
      const problem = accessTokenLifetimeProblem(seconds);
      if (problem !== null) return `--access-token-lifetime: ${problem}`;
      args.accessTokenLifetimeSec = seconds;
    }
  }
  return args;
}

function describe(sandbox: SandboxHandle): string[] {
  return [
    'Tokenbench sandbox DC is running (Ctrl+C to stop).',
    ...sandbox.dcs.map(
      (dc) =>
        `  ${dc.name} (${dc.id}): ${dc.accountsUrl}; developer API ${dc.developerApiDomain ?? 'none'}, sandbox API ${dc.sandboxApiDomain ?? 'none'}`,
    ),
    `  Demo client ${sandbox.demoClient.clientId}, redirect URI ${sandbox.demoClient.redirectUri}`,
    `  Device client ${sandbox.clients.device.clientId} (non-browser: the device flow)`,
    `  Self client ${sandbox.clients.self.clientId}: codes at ${sandbox.url}${CONSOLE_PATH}; client credentials with soid ZohoCRM.80012340 or ZohoCRM.80019990`,
    `  Users: ${sandbox.users.map((u) => `${u.firstName} ${u.lastName} (${u.homeDc})`).join(', ')}`,
    `  Access tokens live ${String(sandbox.profile.accessTokenTtlMs / 1000)} s`,
    `  Control API: ${sandbox.url}/sandbox/info`,
  ];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`sandbox: ${args}\n`);
    process.exit(2);
  }
  let sandbox: SandboxHandle;
  try {
    sandbox = await startSandbox(args);
  } catch (error: unknown) {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const first = {
    url: sandbox.url,
    clientId: sandbox.demoClient.clientId,
    clientSecret: sandbox.demoClient.clientSecret,
    redirectUri: sandbox.demoClient.redirectUri,
    dcs: Object.fromEntries(sandbox.dcs.map((dc) => [dc.id, dc.accountsUrl])),
  };
  process.stdout.write(`${JSON.stringify(first)}\n${describe(sandbox).join('\n')}\n`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
