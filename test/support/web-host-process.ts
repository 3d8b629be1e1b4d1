/**
 * Browser mode as a user runs it: `node scripts/start-web.js` in a process of its own, its first
 * stdout line read as the address. For tests where the host must end and come back (a new process
 * on the same port) or where what it hands other processes matters.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface HostProcessOptions {
  readonly home: string;
  readonly port: number;
  /** false adds --no-open. */
  readonly open?: boolean;
  /** Added to (or, with undefined values, taken out of) this process's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface HostProcess {
  /** The first stdout line: the address with this launch's key. */
  readonly url: string;
  readonly pid: number;
  readonly stderr: () => string;
  /** SIGTERM, as Ctrl+C would; answers the exit code. */
  stop(): Promise<number | null>;
}

/** Every host a test started and has not stopped: killed by `killLeftHosts` after a failure. */
const running = new Set<ChildProcessByStdio<null, Readable, Readable>>();

export async function startHostProcess(options: HostProcessOptions): Promise<HostProcess> {
  const env = withEnv(options.env ?? {});
  const args = ['scripts/start-web.js', '--home', options.home, '--port', String(options.port)];
  if (options.open === false) args.push('--no-open');
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then((code) => {
      reject(new Error(`start-web exited with ${String(code)} before printing its address: ${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    stderr: () => stderr,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** After a failed test: no host outlives it. */
export function killLeftHosts(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** This process's environment with `changes` applied; an undefined value takes a variable out. */
export function withEnv(changes: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const entries = Object.entries({ ...process.env, ...changes });
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}
