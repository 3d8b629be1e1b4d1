import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Rehearsing auto-refresh in a minute (issue 7, item 1): both shells that start a sandbox take an
 * access-token lifetime, and the sandbox's token answers say it in `expires_in`.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
const homes: string[] = [];

afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

function run(file: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: root,
    env: { ...process.env, TOKENBENCH_KEYCHAIN_SERVICE: `Tokenbench-test-lifetime-${String(process.pid)}` },
    stdio: 'pipe',
  });
  children.push(child);
  return child;
}

/** The first stdout line that matches. */
function lineMatching(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      if (pattern.test(line)) resolve(line);
    });
    child.once('exit', (code) => {
      reject(new Error(`exited with ${String(code)} before printing ${String(pattern)}`));
    });
  });
}

interface Demo {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

/** Ada accepts on the consent form (posted as its Accept button does) and the code is exchanged. */
async function consentAndExchange(demo: Demo): Promise<{ expires_in?: number }> {
  const consent = await fetch(`${demo.url}/oauth/v2/auth`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({
      client_id: demo.clientId,
      response_type: 'code',
      redirect_uri: demo.redirectUri,
      scope: 'AaaServer.profile.Read',
      access_type: 'offline',
      state: 'st',
      user_zuid: '60012345',
      decision: 'accept',
    }),
  });
  const code = new URL(consent.headers.get('location') ?? 'x:/').searchParams.get('code') ?? '';
  const answer = await fetch(`${demo.url}/oauth/v2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: demo.clientId,
      client_secret: demo.clientSecret,
      redirect_uri: demo.redirectUri,
      code,
    }),
  });
  return (await answer.json()) as { expires_in?: number };
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = once(child, 'exit') as Promise<[number | null]>;
  child.kill('SIGTERM');
  return (await exited)[0];
}

describe('an access-token lifetime for the sandbox', () => {
  it('npm run sandbox -- --access-token-lifetime 60: expires_in is 60', async () => {
    const child = run('electron/services/sandbox/main.ts', ['--port', '0', '--access-token-lifetime', '60']);
    const demo = JSON.parse(await lineMatching(child, /^\{/)) as Demo;
    expect(await consentAndExchange(demo)).toMatchObject({ expires_in: 60, token_type: 'Bearer' });
    expect(await stop(child)).toBe(0);
  });

  it('npm run start:web -- --sandbox-access-token-lifetime 60: the embedded sandbox says so too', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tokenbench-lifetime-'));
    homes.push(home);
    const child = run('electron/web/main.ts', [
      '--no-open',
      '--home',
      home,
      '--sandbox-access-token-lifetime',
      '60',
    ]);
    const lines = createInterface({ input: child.stdout });
    const printed: string[] = [];
    lines.on('line', (line) => printed.push(line));
    await expect
      .poll(() => printed.join('\n'), { timeout: 20_000 })
      .toMatch(/Sandbox access tokens live 60 s/);
    const url = /Sandbox DC: (http:\/\/127\.0\.0\.1:\d+)\/sandbox\/info/.exec(printed.join('\n'))?.[1] ?? '';
    const info = (await (await fetch(`${url}/sandbox/info`)).json()) as {
      profile: { accessTokenTtlMs: number };
    };
    expect(info.profile.accessTokenTtlMs).toBe(60_000);
    expect(await stop(child)).toBe(0);
  });

  it('refuses a lifetime that is not whole seconds from 5 to 3600, in one line, exit 2', async () => {
    for (const [file, flag] of [
      ['electron/services/sandbox/main.ts', '--access-token-lifetime'],
      ['electron/web/main.ts', '--sandbox-access-token-lifetime'],
    ] as const) {
      for (const value of ['3601', 'soon']) {
        const child = run(
          file,
          ['--no-open', flag, value].filter((a) => file.includes('web') || a !== '--no-open'),
        );
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const [code] = (await once(child, 'exit')) as [number | null];
        expect(code, `${flag} ${value}`).toBe(2);
        expect(stderr.trim().split('\n')).toEqual([
          expect.stringMatching(/whole number of seconds from 5 to 3600/),
        ]);
      }
    }
  });
});
