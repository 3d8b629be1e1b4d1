import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { freePort } from '../support/ports';
import { killLeftHosts, startHostProcess, type HostProcess } from '../support/web-host-process';
import { e2eSkipReason } from './fixtures';

/**
 * The launch key never reaches another local user (issue 8, item 1). /proc/PID/cmdline is
 * world-readable, so a key in the arguments of xdg-open or of the browser it starts is every local
 * user's key. Here a real second Unix user (`runuser -u nobody`) reads the arguments and environment
 * of every process, over and over, while `scripts/start-web.js` starts and opens a real browser
 * through the real xdg-open, and tries all it finds against the WebSocket with a forged Origin.
 * Meanwhile this test, as root, looks for the key itself in every process's arguments and environment.
 */
const uid = process.getuid?.();
const runuser = spawnSync('runuser', ['--version']).status === 0;
const skipReason =
  e2eSkipReason ??
  (uid !== 0
    ? 'it needs root, to run a second Unix user with runuser'
    : !runuser
      ? 'runuser (util-linux) is not installed'
      : undefined);
const title = `the launch key and another local user${skipReason === undefined ? '' : ` (skipped: ${skipReason})`}`;

interface SpyCounts {
  readonly processes: number;
  readonly cmdlineReads: number;
  readonly environReads: number;
  readonly environDenied: number;
  readonly sawMarker: boolean;
  readonly candidates: number;
  readonly attempts: number;
  readonly successes: number;
  readonly calls: number;
  readonly filesSeen: number;
  readonly fileReads: number;
  readonly fileDenied: number;
  readonly candidateDigests: readonly string[];
}

type Spy = ChildProcessByStdio<Writable, Readable, Readable>;

/** proc-spy.js as nobody, from a folder nobody can read. */
function runSpy(script: string, args: readonly string[]): { child: Spy; lines: Interface } {
  const child = spawn('runuser', ['-u', 'nobody', '--', process.execPath, script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return { child, lines: createInterface({ input: child.stdout }) };
}

const nextLine = (lines: Interface, want?: string) =>
  new Promise<string>((resolve) => {
    const onLine = (line: string) => {
      if (want !== undefined && line !== want) return;
      lines.off('line', onLine);
      resolve(line);
    };
    lines.on('line', onLine);
  });

/** As root: every process whose arguments or environment hold `secret` right now. */
function holders(secret: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    for (const part of ['cmdline', 'environ']) {
      try {
        if (readFileSync(`/proc/${pid}/${part}`, 'latin1').includes(secret)) found.push(`${pid}/${part}`);
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return found;
}

describe.skipIf(skipReason !== undefined)(title, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    // Each runs even when one before it failed: no host, browser or folder outlives the test.
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => undefined);
    killLeftHosts();
  });

  it('nobody reading /proc while browser mode starts and opens a browser finds nothing that opens the socket', async () => {
    // A folder nobody can read and run from: the spy and the "system browser" xdg-open will start.
    const shared = mkdtempSync(join(tmpdir(), 'tokenbench-spy-'));
    chmodSync(shared, 0o755);
    const spyScript = join(shared, 'proc-spy.js');
    copyFileSync('test/support/proc-spy.js', spyScript);
    chmodSync(spyScript, 0o644);
    // Root's own: the browser profile (the cookie jar) and the data folder, which others may list,
    // so only the modes Tokenbench sets on its own files protect them.
    const own = mkdtempSync(join(tmpdir(), 'tokenbench-launch-'));
    const profile = join(own, 'profile');
    const home = join(own, 'home');
    chmodSync(own, 0o755);
    const pidFile = join(own, 'browser.pid');
    const browserCommand = join(shared, 'browser.sh');
    writeFileSync(
      browserCommand,
      `#!/bin/sh\necho $$ > '${pidFile}'\nexec '${CHROMIUM_PATH}' --headless=new ${CHROMIUM_ARGS.join(' ')} ` +
        `--user-data-dir='${profile}' --remote-debugging-port=0 "$@"\n`,
    );
    chmodSync(browserCommand, 0o755);
    cleanups.push(() => {
      rmSync(shared, { recursive: true, force: true });
      rmSync(own, { recursive: true, force: true, maxRetries: 5 });
    });
    const port = await freePort();
    const base = `http://127.0.0.1:${String(port)}/`;

    const spy = runSpy(spyScript, ['--port', String(port), '--marker', profile]);
    cleanups.push(() => {
      if (spy.child.exitCode === null) spy.child.kill('SIGKILL');
    });
    await nextLine(spy.lines, 'ready');
    const sawBrowser = nextLine(spy.lines, 'saw-marker');

    // As a user starts it, with xdg-open told which browser to run.
    const host: HostProcess = await startHostProcess({
      home,
      port,
      env: {
        TOKENBENCH_KEYCHAIN_SERVICE: `Tokenbench-e2e-launch-${String(process.pid)}`,
        BROWSER: browserCommand,
        DISPLAY: undefined,
        WAYLAND_DISPLAY: undefined,
        XDG_CURRENT_DESKTOP: undefined,
      },
    });
    cleanups.push(async () => {
      await host.stop();
    });
    const key = new URL(host.url).searchParams.get('key') ?? '';
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const leaks: string[] = [];
    const watching = setInterval(() => leaks.push(...holders(key)), 5);
    cleanups.push(() => {
      clearInterval(watching);
    });

    // The browser xdg-open started is signed in, through the redirect file, with no key in sight.
    const cdpPort = await devToolsPort(profile);
    const browser: Browser = await chromium.connectOverCDP(`http://127.0.0.1:${String(cdpPort)}`);
    cleanups.push(async () => {
      await browser.close().catch(() => undefined);
      await stopProcess(Number(readFileSync(pidFile, 'utf8')));
    });
    const page = await appPage(browser, base);
    await page.locator('html[data-app-state="ready"]').waitFor({ state: 'attached' });
    expect(await page.evaluate(async () => (await window.tokenbench?.dcs.list())?.ok)).toBe(true);
    await sawBrowser;

    spy.child.stdin.end();
    const counts = JSON.parse(await nextLine(spy.lines)) as SpyCounts;
    clearInterval(watching);
    leaks.push(...holders(key));
    console.info(
      `launch key: nobody read ${String(counts.cmdlineReads)} argument lists, was refused ` +
        `${String(counts.environDenied)} environments and ${String(counts.fileDenied)} files, ` +
        `tried ${String(counts.candidates)} values in ${String(counts.attempts)} attempts: ` +
        `${String(counts.successes)} got in, ${String(counts.calls)} called secrets:reveal; ` +
        `root found the key in ${String(new Set(leaks).size)} argument lists or environments.`,
    );
    // Nothing it found opened the socket, and the key was in no process's arguments or environment.
    expect({ successes: counts.successes, calls: counts.calls }).toEqual({ successes: 0, calls: 0 });
    expect(leaks).toEqual([]);
    expect(counts.candidateDigests).not.toContain(createHash('sha256').update(key).digest('hex'));
    // And it watched while it mattered: it read other processes' arguments, saw the browser and
    // the file it was opened on, and was refused that file and every environment but its own.
    expect(counts.sawMarker).toBe(true);
    expect(counts.cmdlineReads).toBeGreaterThan(0);
    expect(counts.environDenied).toBeGreaterThan(0);
    expect(counts.filesSeen).toBeGreaterThanOrEqual(1);
    expect(counts.fileReads).toBe(0);
    // Signed in through the redirect file, whose one-time code is spent and file gone.
    expect(page.url()).toBe(base);
    expect(existsSync(join(home, 'browser-mode', `open-${String(port)}.html`))).toBe(false);

    // The control: with the key in hand (given on stdin, not argv), the same attack gets in and
    // calls secrets:reveal, so the zero above is the key's absence, not the spy's blindness.
    const control = runSpy(spyScript, ['--port', String(port), '--try']);
    control.child.stdin.end(key);
    const controlCounts = JSON.parse(await nextLine(control.lines)) as SpyCounts;
    expect({ successes: controlCounts.successes, calls: controlCounts.calls }).toEqual({
      successes: 1,
      calls: 1,
    });
  });
});

/** Chromium writes the DevTools port it picked into its profile once it listens. */
async function devToolsPort(profile: string): Promise<number> {
  const file = join(profile, 'DevToolsActivePort');
  await expect.poll(() => existsSync(file), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => readFileSync(file, 'utf8').includes('\n'), { timeout: 5_000 }).toBe(true);
  return Number(readFileSync(file, 'utf8').split('\n')[0]);
}

async function appPage(browser: Browser, base: string): Promise<Page> {
  let found: Page | undefined;
  await expect
    .poll(
      () => {
        found = browser
          .contexts()
          .flatMap((c) => c.pages())
          .find((p) => p.url().startsWith(base));
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  if (found === undefined) throw new Error('no page of the app');
  return found;
}

/** SIGTERM to the browser the wrapper exec'd, and wait until it is gone (its profile with it). */
async function stopProcess(pid: number): Promise<void> {
  if (!(pid > 0)) return;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive() && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}
