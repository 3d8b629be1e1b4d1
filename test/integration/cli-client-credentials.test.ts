import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { useSandboxCli } from '../support/cli-sandbox';

const env = useSandboxCli();

const run = (extra: readonly string[]) =>
  env.cli.run(['client-credentials', '--client', 'self', ...extra], { input: '' });

describe('tokenbench client-credentials', () => {
  it('says missing_org_info and what to do when a CRM scope comes without --soid', async () => {
    await env.addClient('self');
    const result = await run(['--scope', 'ZohoCRM.users.READ']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Organization not named');
    expect(result.stderr).toContain('soid={service}.{zsoid}');
    expect(result.stderr).toContain('missing_org_info');
    const json = await run(['--scope', 'ZohoCRM.users.READ', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, code: 'missing_org_info' });
  });

  it('gets and keeps an access token with --soid: no refresh token, its own kind, its organization', async () => {
    await env.addClient('self');
    const result = await run([
      '--scope',
      'ZohoCRM.users.READ,AaaServer.profile.Read',
      '--soid',
      'ZohoCRM.80019990',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/access token\s+at_\w+\s+…\w{4}\s+expires/);
    expect(result.stdout).toMatch(/refresh token\s+none \(client credentials never give one\)/);
    expect(result.stdout).toMatch(/granted by\s+client credentials/);
    expect(result.stdout).toMatch(/organization\s+ZohoCRM\.80019990/);
    // Stored: the status lists it, with its grant, and the keychain holds its value.
    const status = await env.cli.run(['status', '--client', 'self', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('"type": "client-credentials"');
    expect(status.stdout).toContain('"soid": "ZohoCRM.80019990"');
    expect((await env.cli.keychain()).size).toBe(2); // the client secret and the access token
    // The sandbox saw a client-credentials request, and nothing else.
    const log = (await (await fetch(`${env.sandbox.url}/sandbox/log`)).json()) as {
      entries: { path: string; outcome: string }[];
    };
    const tokenCalls = log.entries.filter((e) => e.path === '/oauth/v2/token');
    expect(tokenCalls.map((e) => e.outcome)).toEqual(['success (client credentials)']);
  });

  it('needs no --soid for a product with one organization; --json prints the outcome', async () => {
    await env.addClient('self');
    const result = await run(['--scope', 'Desk.tickets.READ', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout) as TokenOutcome;
    expect(outcome.refreshToken).toBeNull();
    expect(outcome.accessToken.parentId).toBeNull();
    expect(outcome.accessToken.grant).toEqual({ type: 'client-credentials', soid: null });
  });

  it('--env writes the token into an environment, which then holds it', async () => {
    await env.addClient('self');
    const file = join(env.cli.home, 'sync.postman_environment.json');
    const postman = { id: 'sync-1', name: 'Sync', values: [], _postman_variable_scope: 'environment' };
    writeFileSync(file, JSON.stringify(postman));
    const imported = await env.cli.run(['env', 'import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    const result = await run(['--scope', 'Desk.tickets.READ', '--env', 'Sync']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Sync');
    const status = await env.cli.run(['status', '--client', 'self', '--json']);
    const rows = (JSON.parse(status.stdout) as { tokens: { kind: string; environments: string[] }[] }).tokens;
    expect(rows.map((r) => [r.kind, r.environments])).toEqual([['access', ['Sync']]]);
  });

  it('refuses a malformed --soid and a client that is not a Self Client, saying what to do', async () => {
    await env.addClient('self');
    await env.addClient('demo');
    const soid = await run(['--scope', 'ZohoCRM.users.READ', '--soid', 'CRM 123']);
    expect(soid.code).toBe(1);
    expect(soid.stderr).toContain('write soid as {service}.{zsoid}');
    const demo = await env.cli.run(
      ['client-credentials', '--client', 'demo', '--scope', 'AaaServer.profile.Read'],
      { input: '' },
    );
    expect(demo.code).toBe(1);
    expect(demo.stderr).toContain('is not a Self Client');
  });

  it('counts toward the grant rule across processes: at 9 of 10 two parallel runs make one token', async () => {
    await env.addClient('self');
    for (let i = 0; i < 9; i += 1) {
      const ok = await run(['--scope', 'AaaServer.profile.Read']);
      expect(ok.code, ok.stderr).toBe(0);
    }
    // Two processes at once: the reservation lets one through, the guard refuses the other (exit 3).
    const both = await Promise.all([
      run(['--scope', 'AaaServer.profile.Read']),
      run(['--scope', 'AaaServer.profile.Read']),
    ]);
    expect(both.map((r) => r.code).sort()).toEqual([0, 3]);
    const refused = both.find((r) => r.code === 3);
    expect(refused?.stderr).toContain(
      '10 of 10 grant codes for this client (device codes and client-credentials tokens',
    );
    const log = (await (await fetch(`${env.sandbox.url}/sandbox/log`)).json()) as {
      entries: { outcome: string }[];
    };
    expect(log.entries.filter((e) => e.outcome === 'success (client credentials)')).toHaveLength(10);
    expect(log.entries.filter((e) => e.outcome === 'Access Denied')).toHaveLength(0);
    // --force sends it anyway, and the sandbox answers what the guard foresaw.
    const forced = await run(['--scope', 'AaaServer.profile.Read', '--force']);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain('Access Denied');
    expect(forced.stderr).toContain('reuse the live token: it lasts an hour');
  }, 120_000);
});
