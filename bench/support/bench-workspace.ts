// What the token benchmarks share: the sandbox DC in this process, a fresh data folder, a keychain
// service of their own (emptied after), and the real `tokenbench` CLI as child processes.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../electron/services/sandbox';
import { loadKeytar, type KeytarModule } from '../../electron/services/vault/keytar-vault';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface BenchWorkspace {
  readonly sandbox: SandboxHandle;
  readonly home: string;
  readonly service: string;
  cli(args: readonly string[], input?: string): Promise<CliRun>;
  /** A self-client grant code from the sandbox's API console. */
  selfCode(): Promise<string>;
  /** How many requests reached the token endpoint so far (the sandbox's request log). */
  tokenCalls(): Promise<number>;
  close(): Promise<void>;
}

type Keytar = KeytarModule & { findCredentials(service: string): Promise<{ account: string }[]> };

/** `onTmpfs`: the data folder on /dev/shm (when there is one), where an fsync costs nothing. */
export async function benchWorkspace(options: {
  onTmpfs: boolean;
  redirectUri?: string;
}): Promise<BenchWorkspace> {
  const base = options.onTmpfs && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const home = mkdtempSync(join(base, 'tokenbench-bench-'));
  const service = `Tokenbench-bench-${randomBytes(6).toString('hex')}`;
  const sandbox = await startSandbox(
    options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri },
  );
  const env = { ...process.env, TOKENBENCH_KEYCHAIN_SERVICE: service, NO_COLOR: '1' };
  const cli = (args: readonly string[], input = ''): Promise<CliRun> =>
    new Promise((resolve) => {
      const began = performance.now();
      const child = spawn(process.execPath, ['bin/tokenbench.js', ...args, '--home', home], { env });
      const text = { stdout: '', stderr: '' };
      child.stdout.on('data', (chunk: Buffer) => (text.stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text.stderr += chunk.toString()));
      child.once('close', (code) => {
        resolve({ code, ...text, ms: performance.now() - began });
      });
      child.stdin.end(input);
    });
  for (const dc of sandbox.dcs) {
    const urls = ['--accounts-url', dc.accountsUrl, '--api-domain', dc.apiDomain];
    const added = await cli(['dc', 'add', '--id', dc.id, '--name', dc.name, ...urls]);
    if (added.code !== 0) throw new Error(`dc add failed: ${added.stderr}`);
  }
  return {
    sandbox,
    home,
    service,
    cli,
    selfCode: async () => {
      const res = await fetch(`${sandbox.url}/sandbox/self-client/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId: sandbox.clients.self.clientId,
          scope: 'AaaServer.profile.Read',
          validMinutes: 3,
        }),
      });
      const body = (await res.json()) as { code?: string; error?: string };
      if (body.code === undefined) throw new Error(`no self-client code: ${body.error ?? '?'}`);
      return body.code;
    },
    tokenCalls: async () => {
      const res = await fetch(`${sandbox.url}/sandbox/log`);
      const body = (await res.json()) as { entries: { path: string }[] };
      return body.entries.filter((e) => e.path === '/oauth/v2/token').length;
    },
    close: async () => {
      const keytar = loadKeytar() as Keytar;
      for (const { account } of await keytar.findCredentials(service))
        await keytar.deletePassword(service, account);
      await sandbox.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
