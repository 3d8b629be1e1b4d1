import { describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import type { ClientRecord } from '../../shared/workspace/model';
import type { CliResult } from '../support/cli-harness';
import { useSandboxCli } from '../support/cli-sandbox';
import { consentsThroughCli } from '../support/cli-consent';
import { tokenEndpointCalls } from '../support/sandbox-helpers';

/**
 * Issue 7 item 6, "Across processes": real parallel `tokenbench` processes on one workspace against
 * the sandbox, with the requests counted at the DC (its request log).
 */
const env = useSandboxCli();
const json = (result: CliResult): unknown => JSON.parse(result.stdout);
const codes = (results: readonly CliResult[]) => results.map((r) => r.code);

async function exchangeSelfCode(): Promise<TokenOutcome> {
  const code = await env.selfClientCode();
  const result = await env.cli.run(['exchange', '--client', 'self', '--json'], { input: code });
  expect(result.code, result.stderr).toBe(0);
  return json(result) as TokenOutcome;
}

describe('many tokenbench processes on one workspace', () => {
  it('20 parallel refreshes of one refresh token send one request to the DC; all exit 0 with its token', async () => {
    await env.addClient('self');
    const rt = (await exchangeSelfCode()).refreshToken?.id ?? '';
    const before = await tokenEndpointCalls(env.sandbox);
    const runs = await Promise.all(
      Array.from({ length: 20 }, () =>
        env.cli.run(['refresh', '--client', 'self', '--refresh-token', rt, '--json']),
      ),
    );
    expect(codes(runs), runs.map((r) => r.stderr).join('\n')).toEqual(Array(20).fill(0));
    expect((await tokenEndpointCalls(env.sandbox)) - before).toBe(1);
    const accessIds = new Set(runs.map((r) => (json(r) as TokenOutcome).accessToken.id));
    expect(accessIds.size).toBe(1);
  }, 120_000);

  it('parallel refreshes of different refresh tokens all pass the keychain check (no false "unavailable")', async () => {
    await env.addClient('self');
    const rts: string[] = [];
    for (let i = 0; i < 8; i++) rts.push((await exchangeSelfCode()).refreshToken?.id ?? '');
    const before = await tokenEndpointCalls(env.sandbox);
    const runs = await Promise.all(
      rts.map((rt) => env.cli.run(['refresh', '--client', 'self', '--refresh-token', rt])),
    );
    expect(codes(runs), runs.map((r) => r.stderr).join('\n')).toEqual(Array(8).fill(0));
    expect((await tokenEndpointCalls(env.sandbox)) - before).toBe(8);
  }, 120_000);

  it('at 9 of 10 grant codes, of 5 parallel consents exactly one passes the guard; the others exit 3', async () => {
    await env.addClient('demo');
    await consentsThroughCli(env, 9);
    const runs = Array.from({ length: 5 }, () =>
      env.cli.start(['authorize', '--client', 'demo', '--scope', 'AaaServer.profile.Read', '--no-open']),
    );
    for (const run of runs) run.child.stdin.end();
    // Each run either prints the consent URL (it took the 10th code) or is refused and exits.
    const passed = await Promise.all(
      runs.map((run) =>
        // line() answers a placeholder, not a URL, when the run ends without printing one.
        run.line(/^http/).then((line) => line.startsWith('http')),
      ),
    );
    expect(passed.filter(Boolean)).toHaveLength(1);
    for (const run of runs) run.child.kill('SIGINT');
    const results = await Promise.all(runs.map((run) => run.done));
    expect(codes(results).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([3, 3, 3, 3, 130]);
    for (const refused of results.filter((r) => r.code === 3))
      expect(refused.stderr).toMatch(/^tokenbench: limit_guard: .*being made right now by another request/);
  }, 120_000);

  it('ten parallel "client add" of one name leave one client and one secret; the others exit 2', async () => {
    const secret = env.sandbox.clients.self.clientSecret;
    const args = ['client', 'add', '--name', 'CRM', '--dc', 'sandbox-us', '--type', 'self'];
    const runs = await Promise.all(
      Array.from({ length: 10 }, () =>
        env.cli.run([...args, '--client-id', env.sandbox.clients.self.clientId], { input: `${secret}\n` }),
      ),
    );
    expect(codes(runs).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([0, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    for (const refused of runs.filter((r) => r.code === 2))
      expect(refused.stderr).toMatch(
        /^tokenbench: duplicate_client_name: A client named "CRM" exists already/,
      );
    const clients = json(await env.cli.run(['client', 'list', '--json'])) as ClientRecord[];
    expect(clients.map((c) => c.name)).toEqual(['CRM']);
    const secrets = [...(await env.cli.keychain()).keys()].filter((a) => a.startsWith('client-secret:'));
    expect(secrets).toEqual([`client-secret:${clients[0]?.id ?? ''}`]);
  }, 120_000);
});
