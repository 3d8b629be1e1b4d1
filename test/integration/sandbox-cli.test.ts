import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;
const main = 'electron/services/sandbox/main.ts';

function run(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(tsx, [main, ...args], { cwd: root, stdio: 'pipe' });
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  return line;
}

describe('npm run sandbox', () => {
  it('prints the demo client as one JSON line first, serves it, and stops cleanly on SIGTERM', async () => {
    const child = run(['--port', '0', '--redirect-uri', 'http://127.0.0.1:7777/cb']);
    const first = JSON.parse(await firstLine(child)) as Record<string, string>;
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.clientId).toMatch(/^1000\.[A-Z0-9]{30}$/);
    expect(first.clientSecret).toMatch(/^[0-9a-f]{42}$/);
    expect(first.redirectUri).toBe('http://127.0.0.1:7777/cb');
    const info: unknown = await (await fetch(`${String(first.url)}/oauth/serverinfo`)).json();
    expect(info).toHaveProperty(['locations', 'sandbox-eu']);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('exits 2 with one clear stderr line on bad arguments', async () => {
    for (const args of [['--port', 'abc'], ['--frobnicate'], ['--redirect-uri', 'not a url'], ['--port']]) {
      const child = run(args);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sandbox: /)]);
    }
  });
});
