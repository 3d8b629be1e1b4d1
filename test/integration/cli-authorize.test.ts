import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { robotBrowser } from '../support/robot-browser';
import { ADA, EMIL } from '../support/sandbox-helpers';
import type { CliResult } from '../support/cli-harness';
import { lines, useSandboxCli } from '../support/cli-sandbox';
import { AUTHORIZE_DEMO } from '../support/cli-consent';

const env = useSandboxCli();
const json = (result: CliResult): unknown => JSON.parse(result.stdout);

describe('tokenbench authorize', () => {
  it('prints the consent URL, catches the redirect on the loopback URI and prints the tokens without values', async () => {
    await env.addClient('demo');
    const robot = robotBrowser({ userZuid: ADA, decision: 'accept' });
    const running = env.cli.start([
      'authorize',
      '--client',
      'demo',
      '--scope',
      'AaaServer.profile.Read,ZohoCRM.users.READ',
      '--no-open',
      '--timeout',
      '60',
    ]);
    running.child.stdin.end();
    const url = await running.line(/^http/);
    expect(new URL(url).pathname).toBe('/oauth/v2/auth');
    expect(new URL(url).searchParams.get('access_type')).toBe('offline');
    await robot.open(url);
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)[0]).toBe(url);
    expect(result.stdout).toContain('Tokens issued for client "demo":');
    expect(result.stdout).toMatch(/access token\s+at_\w+\s+…\w{4}\s+expires .* \(in (1 h|59 min \d+ s)\)/);
    expect(result.stdout).toMatch(/refresh token\s+rt_\w+\s+…\w{4}/);
    expect(result.stdout).toMatch(/user\s+ada\.lovelace@sandbox-us\.example/);
  });

  it('with --json prints the URL on stderr and one document on stdout: an EU user through the multi-DC client', async () => {
    await env.addClient('demo');
    const robot = robotBrowser({ userZuid: EMIL, decision: 'accept' });
    const running = env.cli.start([...AUTHORIZE_DEMO, '--json']);
    running.child.stdin.end();
    await robot.open(await running.line(/^http/, 'stderr'));
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    const outcome = json(result) as TokenOutcome;
    expect(outcome).toMatchObject({ dcId: 'sandbox-eu', crossDc: true, evicted: [] });
    expect(outcome.refreshToken?.userId).toBe(EMIL);
  });

  it('exits 1 naming access_denied when the user presses Deny, and on timeout', async () => {
    await env.addClient('demo');
    const robot = robotBrowser({ userZuid: ADA, decision: 'deny' });
    const denied = env.cli.start(AUTHORIZE_DEMO);
    await robot.open(await denied.line(/^http/));
    const result = await denied.done;
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^tokenbench: access_denied: /)]);
    const waited = await env.cli.run([...AUTHORIZE_DEMO, '--timeout', '1']);
    expect(waited.code).toBe(1);
    expect(lines(waited.stderr)).toEqual([
      expect.stringMatching(/^tokenbench: timeout: No redirect came within 1 s\./),
    ]);
  });

  it('stops on Ctrl+C with exit 130 and frees the redirect port', async () => {
    await env.addClient('demo');
    const running = env.cli.start(AUTHORIZE_DEMO);
    await running.line(/^http/);
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(lines(result.stderr)).toEqual([
      'tokenbench: interrupted: Stopped with Ctrl+C; the sign-in was cancelled.',
    ]);
    const port = Number(new URL(env.sandbox.demoClient.redirectUri).port);
    const probe: Server = createServer();
    await new Promise<void>((resolve) => probe.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => probe.close(resolve));
  });

  it('falls back to a pasted URL when the port is taken, and keeps waiting after a wrong one', async () => {
    await env.addClient('demo');
    const port = Number(new URL(env.sandbox.demoClient.redirectUri).port);
    const squatter: Server = createServer((_req, res) => res.end('someone else'));
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const robot = robotBrowser({ userZuid: ADA, decision: 'accept' });
      const running = env.cli.start(AUTHORIZE_DEMO);
      await robot.open(await running.line(/^http/));
      expect(await running.line(/in use by another program/, 'stderr')).toMatch(
        /paste the whole URL on standard input/,
      );
      await robot.idle();
      const redirected = robot.visits[0]?.redirectedTo ?? '';
      const wrong = new URL(redirected);
      wrong.searchParams.set('state', 'not-this-attempt');
      running.child.stdin.write(`${wrong.href}\n`);
      await running.line(/state_mismatch/, 'stderr');
      running.child.stdin.end(`${redirected}\n`);
      const result = await running.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('Tokens issued for client "demo":');
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
