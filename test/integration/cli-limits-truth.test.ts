import { describe, expect, it } from 'vitest';
import type { LimitStatus, TokenOutcome } from '../../shared/ipc/views';
import type { RuleUsage } from '../../shared/limits/ledger-types';
import type { CliResult } from '../support/cli-harness';
import { consentsThroughCli } from '../support/cli-consent';
import { lines, useSandboxCli } from '../support/cli-sandbox';
import { robotBrowser } from '../support/robot-browser';
import { ADA, refresh as refreshAtDc } from '../support/sandbox-helpers';

/**
 * Issue 7 item 5: the limit meters and the guard agree with the DC. Every grant code Tokenbench may
 * have caused counts, and Zoho's Access Denied updates the picture with what was made elsewhere.
 */
const env = useSandboxCli();
const json = (result: CliResult): unknown => JSON.parse(result.stdout);

async function limits(client: string): Promise<LimitStatus['clients'][number]> {
  const result = await env.cli.run(['status', '--client', client, '--json']);
  expect(result.code, result.stderr).toBe(0);
  const found = (json(result) as { limits: LimitStatus }).limits.clients[0];
  if (found === undefined) throw new Error('no limits');
  return found;
}

const authorizeArgs = ['authorize', '--client', 'demo', '--scope', 'AaaServer.profile.Read', '--no-open'];

describe('the limits Tokenbench shows are the limits Zoho applies', () => {
  it('a consent whose redirect never came back still used a code: the guard refuses the 11th, as Zoho does', async () => {
    await env.addClient('demo');
    await consentsThroughCli(env, 9);
    // The 10th: stopped with Ctrl+C while the consent page is open; the user accepts anyway.
    const stopped = env.cli.start(authorizeArgs);
    stopped.child.stdin.end();
    const url = await stopped.line(/^http/);
    stopped.child.kill('SIGINT');
    expect((await stopped.done).code).toBe(130);
    const robot = robotBrowser({ userZuid: ADA, decision: 'accept' });
    await robot.open(url);
    await robot.idle();
    expect(robot.visits[0]?.redirectedTo).toMatch(/[?&]code=/);

    const grant: RuleUsage = (await limits('demo')).grant;
    expect(grant).toMatchObject({ used: 10, allowed: 10, unconfirmed: 1 });
    const refused = await env.cli.run([...authorizeArgs, '--timeout', '5']);
    expect(refused.code).toBe(3);
    expect(lines(refused.stderr)).toEqual([
      expect.stringMatching(
        /^tokenbench: limit_guard: .*10 of 10 grant codes .*possibly made by requests whose answer never came back/,
      ),
    ]);
    // Zoho agrees: forced past the guard, the 11th Accept meets Access Denied and no redirect.
    const forced = env.cli.start([...authorizeArgs, '--force']);
    forced.child.stdin.end();
    const robot11 = robotBrowser({ userZuid: ADA, decision: 'accept' });
    await robot11.open(await forced.line(/^http/));
    await robot11.idle();
    expect(robot11.visits[0]?.redirectedTo).toBeNull();
    forced.child.kill('SIGINT');
    await forced.done;
  }, 120_000);

  it('Access Denied for tokens made elsewhere is evidence: the meter counts them, one safe-again time', async () => {
    await env.addClient('self');
    const code = await env.selfClientCode();
    const exchanged = await env.cli.run(['exchange', '--client', 'self', '--json'], { input: code });
    expect(exchanged.code, exchanged.stderr).toBe(0);
    const outcome = json(exchanged) as TokenOutcome;
    const rt = outcome.refreshToken?.id ?? '';
    // Another machine (an SDK, newman) holds the same refresh token and spends the other 9 slots.
    const value = (await env.cli.keychain()).get(`refresh-token:${rt}`) ?? '';
    const self = env.sandbox.clients.self;
    for (let i = 0; i < 9; i++) {
      const body = await refreshAtDc(env.sandbox, value, env.sandbox.url, self);
      expect(body.access_token).toBeDefined();
    }
    const unaware = await env.cli.run(['refresh', '--client', 'self']);
    expect(unaware.code).toBe(1);
    expect(unaware.stderr).toMatch(/^tokenbench: Access Denied: /);

    const access = (await limits('self')).refreshTokens.find((r) => r.refreshTokenId === rt)?.access;
    // Zoho frees a slot when the oldest of its ten leaves the window: the exchange's access token.
    const freeAt = outcome.accessToken.createdAt + env.sandbox.profile.access.windowMs;
    expect(access).toMatchObject({
      used: 10,
      inferred: 9,
      nextSlotAt: freeAt,
      blockedUntil: freeAt,
      allowedAt: freeAt,
    });
    const refused = await env.cli.run(['refresh', '--client', 'self']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/9 made outside this workspace, known from Zoho's Access Denied/);
  }, 120_000);
});
