import { describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { approve, devicePolls } from '../support/device-helpers';
import { ADA, EMIL } from '../support/sandbox-helpers';
import { useSandboxCli } from '../support/cli-sandbox';

const env = useSandboxCli();
const INTERVAL_SECONDS = 1;

/** Zoho's interval is 30 s; the sandbox's is set short so a test takes seconds (the CLI still waits it). */
async function shortInterval(): Promise<void> {
  const res = await fetch(`${env.sandbox.url}/sandbox/device`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ intervalSeconds: INTERVAL_SECONDS }),
  });
  expect(res.status).toBe(200);
}

function startDevice(extra: readonly string[] = []) {
  const running = env.cli.start([
    'device',
    '--client',
    'device',
    '--scope',
    'AaaServer.profile.Read',
    ...extra,
  ]);
  running.child.stdin.end();
  return running;
}

/** Each poll the sandbox heard, and the gaps between them in milliseconds. */
async function pollsAtSandbox(): Promise<{ outcomes: string[]; dcs: string[]; gaps: number[] }> {
  const polls = await devicePolls(env.sandbox);
  const times = polls.map((p) => Date.parse(p.at));
  return {
    outcomes: polls.map((p) => p.outcome),
    dcs: polls.map((p) => p.dc),
    gaps: times.slice(1).map((t, i) => t - (times[i] ?? 0)),
  };
}

describe('tokenbench device', () => {
  it('prints the URL and the code, polls at the interval until the user accepts, then the tokens', async () => {
    await env.addClient('device');
    await shortInterval();
    const running = startDevice();
    const url = (await running.line(/^Open http/)).split(' ')[1] ?? '';
    const code = (await running.line(/^ {2}[A-Z]{4}-[A-Z]{4}$/)).trim();
    expect(url).toBe(`${env.sandbox.url}/oauth/v3/device`);
    // The user takes a while: the device hears authorization_pending twice first.
    await running.line(/^poll 2 at sandbox-us: authorization_pending/);
    await approve(new URL(url).origin, code, ADA);
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^poll 1 at sandbox-us: authorization_pending \(next poll in 2 s\)$/m);
    expect(result.stdout).toMatch(/^poll \d at sandbox-us: tokens$/m);
    expect(result.stdout).toContain('Tokens issued for client "device":');
    expect(result.stdout).toMatch(/refresh token\s+rt_\w+\s+…\w{4}/);
    expect(result.stdout).toMatch(/user\s+ada\.lovelace@sandbox-us\.example/);
    // Never a slow_down, and every poll at least the interval after the one before, as Zoho counts.
    const polls = await pollsAtSandbox();
    expect(polls.outcomes.length).toBeGreaterThanOrEqual(3);
    expect(polls.outcomes).not.toContain('slow_down');
    expect(polls.outcomes.at(-1)).toBe('success (access + refresh)');
    for (const gap of polls.gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL_SECONDS * 1000);
    // The tokens are in the workspace, as after a consent.
    const status = await env.cli.run(['status', '--client', 'device', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('ada.lovelace@sandbox-us.example');
  });

  it("follows other_dc to the user's DC and polls there, still never too fast", async () => {
    await env.addClient('device');
    await shortInterval();
    const running = startDevice(['--json']);
    const url = (await running.line(/^Open http/, 'stderr')).split(' ')[1] ?? '';
    const code = (await running.line(/^ {2}[A-Z]{4}-[A-Z]{4}$/, 'stderr')).trim();
    await approve(new URL(url).origin, code, EMIL);
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/other_dc: the user is in sandbox-eu; polling sandbox-eu from now on/);
    const outcome = JSON.parse(result.stdout) as TokenOutcome;
    expect(outcome).toMatchObject({ dcId: 'sandbox-eu', crossDc: true });
    expect(outcome.refreshToken?.userId).toBe(EMIL);
    const polls = await pollsAtSandbox();
    expect(polls.outcomes).toContain('other_dc (sandbox-eu)');
    expect(polls.dcs.at(-1)).toBe('sandbox-eu');
    expect(polls.outcomes).not.toContain('slow_down');
    for (const gap of polls.gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL_SECONDS * 1000);
    // A device flow's refresh is the normal one, at the user's DC (Zoho, "Refresh access token").
    const refreshed = await env.cli.run(['refresh', '--client', 'device', '--json']);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(JSON.parse(refreshed.stdout)).toMatchObject({ dcId: 'sandbox-eu' });
  });

  it('exits 1 naming access_denied after Deny, and draws the QR code on stderr with --qr', async () => {
    await env.addClient('device');
    await shortInterval();
    const running = startDevice(['--qr']);
    const url = (await running.line(/^Open http/)).split(' ')[1] ?? '';
    const code = (await running.line(/^ {2}[A-Z]{4}-[A-Z]{4}$/)).trim();
    await approve(new URL(url).origin, code, ADA, 'deny');
    const result = await running.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tokenbench: access_denied: /m);
    expect(result.stderr).toMatch(/[▀▄█]{8}/);
  });

  it('refuses a server-based client before asking Zoho, and a device client cannot consent', async () => {
    await env.addClient('demo');
    await env.addClient('device');
    const wrong = await env.cli.run(['device', '--client', 'demo', '--scope', 'AaaServer.profile.Read']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^tokenbench: wrong_client_type: "demo" is not a Non-browser client/);
    const consent = await env.cli.run([
      'authorize',
      '--client',
      'device',
      '--scope',
      'AaaServer.profile.Read',
      '--no-open',
    ]);
    expect(consent.code).toBe(1);
    expect(consent.stderr).toMatch(/wrong_client_type: "device" is a Non-browser client/);
    expect(await devicePolls(env.sandbox)).toEqual([]);
  });
});
