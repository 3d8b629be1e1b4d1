import { afterEach, describe, expect, it } from 'vitest';
import type { LimitStatus, TokenOutcome, TokenRow } from '../../shared/ipc/views';
import type { CliResult, RunningCli } from '../support/cli-harness';
import { useSandboxCli } from '../support/cli-sandbox';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';
import { apiGet, tokenEndpointCalls } from '../support/sandbox-helpers';

/**
 * Issue 8 item 5: a crash or a keychain refusal between Zoho's answer and the keychain must not lose
 * a token Zoho issued, nor leave a token row whose value is gone. The dangerous moments are reached
 * with the test-only pause (electron/services/workbench/test-pause.ts) and a real SIGKILL, and at
 * random with repeated kills; the refusal is a real locked keyring.
 */
const env = useSandboxCli();
const json = (result: CliResult): unknown => JSON.parse(result.stdout);
let keyring: PrivateKeyring | null = null;

afterEach(() => {
  keyring?.close();
  keyring = null;
});

interface Status {
  readonly tokens: readonly TokenRow[];
  readonly limits: LimitStatus;
}

async function status(extra: Readonly<Record<string, string>> = {}): Promise<Status> {
  const result = await env.cli.run(['status', '--client', 'self', '--json'], { env: extra });
  expect(result.code, result.stderr).toBe(0);
  return json(result) as Status;
}

async function exchange(extra: Readonly<Record<string, string>> = {}): Promise<string> {
  await env.addClient('self', extra);
  const code = await env.selfClientCode();
  const result = await env.cli.run(['exchange', '--client', 'self', '--json'], { input: code, env: extra });
  expect(result.code, result.stderr).toBe(0);
  return (json(result) as TokenOutcome).refreshToken?.id ?? '';
}

function accessUse(s: Status, rt: string): number {
  return s.limits.clients[0]?.refreshTokens.find((r) => r.refreshTokenId === rt)?.access.used ?? -1;
}

/** Rows whose value the keychain does not hold: what the issue calls a lost token. */
async function rowsWithoutValue(tokens: readonly TokenRow[]): Promise<string[]> {
  const stored = await env.cli.keychain();
  return tokens
    .filter((t) => !stored.has(`${t.kind === 'access' ? 'access' : 'refresh'}-token:${t.id}`))
    .map((t) => t.id);
}

function pausedRefresh(rt: string, point: string, extra: Readonly<Record<string, string>> = {}): RunningCli {
  const running = env.cli.start(['refresh', '--client', 'self', '--refresh-token', rt, '--json'], {
    env: { TOKENBENCH_TEST_PAUSE: point, ...extra },
  });
  running.child.stdin.end();
  return running;
}

describe('a crash between Zoho and the keychain', () => {
  it('SIGKILL after Zoho answered, before any value is stored: no row without its value, and it still counts', async () => {
    const rt = await exchange();
    const before = await tokenEndpointCalls(env.sandbox);
    const running = pausedRefresh(rt, 'before-keychain');
    expect(await running.line(/paused before-keychain/, 'stderr')).toMatch(/^tokenbench-test: paused/);
    running.child.kill('SIGKILL');
    await running.done;
    expect((await tokenEndpointCalls(env.sandbox)) - before).toBe(1);
    const after = await status();
    expect(await rowsWithoutValue(after.tokens)).toEqual([]);
    // Zoho made the token, so the limits count it: the exchange's access token and this one.
    expect(accessUse(after, rt)).toBe(2);
  }, 60_000);

  it('SIGKILL after the values are stored, before the rows: the next start adopts them', async () => {
    const rt = await exchange();
    const running = pausedRefresh(rt, 'before-rows');
    expect(await running.line(/paused before-rows/, 'stderr')).toMatch(/^tokenbench-test: paused/);
    running.child.kill('SIGKILL');
    await running.done;
    const after = await status();
    expect(after.tokens.filter((t) => t.kind === 'access')).toHaveLength(2);
    expect(await rowsWithoutValue(after.tokens)).toEqual([]);
    expect(accessUse(after, rt)).toBe(2);
  }, 60_000);

  it('killed at random moments of 24 refreshes, no token row ever lacks its value', async () => {
    const rt = await exchange();
    let kills = 0;
    for (let i = 0; i < 24; i++) {
      const running = env.cli.start(['refresh', '--client', 'self', '--refresh-token', rt, '--force']);
      running.child.stdin.end();
      const seen = await tokenEndpointCalls(env.sandbox);
      // Wait for Zoho's answer to leave the sandbox, then kill within the next 0 to 40 ms.
      for (let tries = 0; tries < 2000 && (await tokenEndpointCalls(env.sandbox)) === seen; tries++);
      await new Promise((resolve) => setTimeout(resolve, (i * 7) % 41));
      if (running.child.kill('SIGKILL')) kills += 1;
      await running.done;
      // A new window each time, so the rate never refuses and every kill meets a real answer.
      env.sandbox.clock.advance(11 * 60_000);
    }
    const after = await status();
    expect(kills).toBeGreaterThan(0);
    expect(await rowsWithoutValue(after.tokens)).toEqual([]);
  }, 180_000);
});

describe('a keychain that refuses after Zoho answered', () => {
  it('keeps the tokens in memory and stores them once the keychain is unlocked', async () => {
    keyring = await startPrivateKeyring();
    const rt = await exchange(keyring.env);
    const running = pausedRefresh(rt, 'before-keychain', keyring.env);
    expect(await running.line(/paused before-keychain/, 'stderr')).toMatch(/^tokenbench-test: paused/);
    await keyring.lock();
    running.child.kill('SIGCONT');
    const said = await running.line(/tokens_not_stored/, 'stderr');
    expect(said).toMatch(
      /keychain refused to store them: .*locked collection.*Trying the keychain again every 5 s; Ctrl\+C discards them/,
    );
    await keyring.unlock();
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    const outcome = json(result) as TokenOutcome;
    const value = await keyring.read(env.cli.service, `access-token:${outcome.accessToken.id}`);
    expect(value).not.toBeNull();
    const dc = env.sandbox.dcs[0]?.accountsUrl ?? '';
    expect((await apiGet(dc, '/oauth/user/info', value ?? '')).status).toBe(200);
  }, 90_000);

  it('discards them on Ctrl+C, saying so; the limits still count them', async () => {
    keyring = await startPrivateKeyring();
    const rt = await exchange(keyring.env);
    const running = pausedRefresh(rt, 'before-keychain', keyring.env);
    expect(await running.line(/paused before-keychain/, 'stderr')).toMatch(/^tokenbench-test: paused/);
    await keyring.lock();
    running.child.kill('SIGCONT');
    await running.line(/tokens_not_stored/, 'stderr');
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/discarded \(Zoho still counts them/);
    await keyring.unlock();
    const after = await status(keyring.env);
    expect(after.tokens.filter((t) => t.kind === 'access')).toHaveLength(1);
    expect(accessUse(after, rt)).toBe(2);
  }, 90_000);
});
