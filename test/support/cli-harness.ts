/**
 * Runs the real `tokenbench` (node bin/tokenbench.js) as a child process against a data folder and
 * keytar service of the test's own, captures what it prints, and cleans the keychain up after.
 * Captured output goes to the suite's leak scan (test/support/leak-scan.ts) unless it was asked to
 * hold secrets (`env export --include-secrets`).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKeytar, type KeytarModule } from '../../electron/services/vault/keytar-vault';
import { releaseTestDataDir, testDataDir } from './workbench-fixture';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tokenbench.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Written to standard input, which is then closed; without it, stdin is closed at once. */
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** The output holds secrets on purpose: keep it out of the leak scans. */
  readonly holdsSecrets?: boolean;
}

export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** The first stdout line that matches. */
  line(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<string>;
  readonly done: Promise<CliResult>;
}

type Keytar = KeytarModule & {
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
};

export class CliWorkspace {
  readonly home = testDataDir('cli');
  readonly service = `Tokenbench-test-cli-${randomBytes(8).toString('hex')}`;
  /** Every output captured without `holdsSecrets`, for the scans. */
  readonly outputs: string[] = [];
  private readonly keytar = loadKeytar() as Keytar;
  /** Input files (Postman environments) live apart from the data folder that is scanned. */
  private readonly scratch = mkdtempSync(join(tmpdir(), 'tokenbench-cli-input-'));

  /** Writes an input file for a command and answers its path. */
  inputFile(name: string, text: string): string {
    const path = join(this.scratch, name);
    writeFileSync(path, text);
    return path;
  }

  /** `tokenbench ARGS --home HOME`, run to its end. */
  run(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
    const running = this.start(args, options);
    running.child.stdin.end(options.input ?? '');
    return running.done;
  }

  /** Starts it and leaves stdin open, for commands that wait (authorize). */
  start(args: readonly string[], options: RunOptions = {}): RunningCli {
    const child = spawn(process.execPath, [BIN, ...args, '--home', this.home], {
      cwd: ROOT,
      env: { ...process.env, TOKENBENCH_KEYCHAIN_SERVICE: this.service, NO_COLOR: '1', ...options.env },
      stdio: 'pipe',
    });
    const text = { stdout: '', stderr: '' };
    const waiters: { pattern: RegExp; stream: 'stdout' | 'stderr'; resolve(line: string): void }[] = [];
    const check = () => {
      for (const w of [...waiters]) {
        const found = text[w.stream].split('\n').find((l) => w.pattern.test(l));
        if (found !== undefined) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(found);
        }
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      text.stdout += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      text.stderr += chunk.toString();
      check();
    });
    const done = new Promise<CliResult>((resolve) => {
      child.once('close', (code) => {
        this.capture(args, text, options.holdsSecrets === true);
        for (const w of waiters) w.resolve(`(no line matching ${String(w.pattern)}; stderr: ${text.stderr})`);
        resolve({ code, ...text });
      });
    });
    const line = (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout') =>
      new Promise<string>((resolve) => {
        waiters.push({ pattern, stream, resolve });
        check();
      });
    return { child, line, done };
  }

  private capture(args: readonly string[], text: { stdout: string; stderr: string }, secret: boolean): void {
    if (secret) return;
    this.outputs.push(text.stdout, text.stderr);
    const root = process.env.TOKENBENCH_TEST_OUTPUT_ROOT;
    if (root === undefined || root === '') return;
    const name = `cli-${args
      .slice(0, 2)
      .join('-')
      .replace(/[^\w-]/g, '')}-${randomBytes(4).toString('hex')}.txt`;
    writeFileSync(join(root, name), `${text.stdout}\n${text.stderr}`);
  }

  /** Every value in this test's keychain service, by account. */
  async keychain(): Promise<Map<string, string>> {
    const entries = await this.keytar.findCredentials(this.service);
    return new Map(entries.map((e) => [e.account, e.password]));
  }

  /** The data folder's files, each read whole (bytes as latin1, so any text inside is found). */
  dataFiles(): { path: string; text: string }[] {
    return readdirSync(this.home, { recursive: true, encoding: 'utf8' })
      .map((name) => join(this.home, name))
      .filter((path) => statSync(path).isFile())
      .map((path) => ({ path, text: readFileSync(path, 'latin1') }));
  }

  async close(): Promise<void> {
    for (const account of (await this.keychain()).keys())
      await this.keytar.deletePassword(this.service, account);
    releaseTestDataDir(this.home);
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/**
 * The sandbox records every secret it mints when TOKENBENCH_LEAK_SCAN_DIR is set (the full suite
 * sets it). Run alone, a test file sets its own, so it can still scan for every value issued.
 */
export function issuedSecretsDir(): string {
  const existing = process.env.TOKENBENCH_LEAK_SCAN_DIR;
  if (existing !== undefined && existing !== '') return existing;
  const dir = mkdtempSync(join(tmpdir(), 'tokenbench-issued-'));
  process.env.TOKENBENCH_LEAK_SCAN_DIR = dir;
  return dir;
}

export function issuedSecrets(dir: string): Set<string> {
  const mine = join(dir, `issued-${String(process.pid)}.txt`);
  const lines = readdirSync(dir).includes(`issued-${String(process.pid)}.txt`)
    ? readFileSync(mine, 'utf8')
    : '';
  return new Set(lines.split('\n').filter((l) => l.length > 0));
}

/** The secrets found in any of the texts, by their last 4 characters only (never print a secret). */
export function leaks(secrets: Iterable<string>, texts: readonly { name: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const secret of secrets)
    for (const { name, text } of texts)
      if (text.includes(secret)) found.push(`${name} holds …${secret.slice(-4)}`);
  return found;
}
