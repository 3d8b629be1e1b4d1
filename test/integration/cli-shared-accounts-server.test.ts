import { describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { robotBrowser } from '../support/robot-browser';
import { ADA } from '../support/sandbox-helpers';
import { useSandboxCli } from '../support/cli-sandbox';

/**
 * Issue 9, item 5: a user adds a DC's developer API domain as a custom DC on the same accounts
 * server (what Zoho's SDKs call DEVELOPER()). Before, every consent at the built-in DC then failed
 * with dc_mismatch; now consent works at both, each keeping its own DC.
 */
const env = useSandboxCli();

async function authorize(
  client: string,
): Promise<{ code: number | null; stderr: string; outcome: TokenOutcome }> {
  const robot = robotBrowser({ userZuid: ADA, decision: 'accept' });
  const running = env.cli.start([
    'authorize',
    '--client',
    client,
    '--scope',
    'AaaServer.profile.Read,ZohoCRM.users.READ,ZohoCRM.org.READ',
    '--no-open',
    '--json',
    '--timeout',
    '60',
  ]);
  running.child.stdin.end();
  await robot.open(await running.line(/^http/, 'stderr'));
  const result = await running.done;
  return {
    code: result.code,
    stderr: result.stderr,
    outcome: JSON.parse(result.stdout || '{}') as TokenOutcome,
  };
}

describe('a custom DC that shares the sandbox’s accounts server', () => {
  it('breaks consent at neither DC', async () => {
    const us = env.sandbox.dcs[0];
    if (us?.developerApiDomain == null) throw new Error('the sandbox US DC has no developer API domain');
    const added = await env.cli.run([
      'dc',
      'add',
      '--id',
      'sbx-dev',
      '--name',
      'Sandbox US developer',
      '--accounts-url',
      us.accountsUrl,
      '--api-domain',
      us.developerApiDomain,
    ]);
    expect(added.code, added.stderr).toBe(0);

    // The built-in DC first: the redirect names sandbox-us and its server, which sbx-dev shares.
    await env.addClient('demo');
    const atBuiltIn = await authorize('demo');
    expect(atBuiltIn.code, atBuiltIn.stderr).toBe(0);
    expect(atBuiltIn.outcome).toMatchObject({ dcId: 'sandbox-us', crossDc: false });

    // A client registered at the custom DC: the same server, so its tokens stay with sbx-dev.
    const client = env.sandbox.clients.demo;
    const registered = await env.cli.run(
      [
        'client',
        'add',
        '--name',
        'demo-dev',
        '--dc',
        'sbx-dev',
        '--client-id',
        client.clientId,
        '--redirect-uri',
        client.redirectUri ?? '',
        '--multi-dc',
      ],
      { input: `${client.clientSecret}\n` },
    );
    expect(registered.code, registered.stderr).toBe(0);
    const atCustom = await authorize('demo-dev');
    expect(atCustom.code, atCustom.stderr).toBe(0);
    expect(atCustom.outcome).toMatchObject({ dcId: 'sbx-dev', crossDc: false });
    expect(atCustom.outcome.refreshToken?.userId).toBe(ADA);

    // Its tokens refresh at the shared accounts server.
    const refreshed = await env.cli.run(['refresh', '--client', 'demo-dev', '--json']);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(JSON.parse(refreshed.stdout)).toMatchObject({ dcId: 'sbx-dev' });
  });

  it('lists each DC with its developer and sandbox API domains', async () => {
    const listed = await env.cli.run(['dc', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const dcs = JSON.parse(listed.stdout) as { id: string; developerApiDomain: string | null }[];
    expect(dcs.find((dc) => dc.id === 'eu')?.developerApiDomain).toBe('https://developer.zohoapis.eu');
    expect(dcs.find((dc) => dc.id === 'sandbox-us')?.developerApiDomain).toBe(
      env.sandbox.dcs[0]?.developerApiDomain,
    );
    const bad = await env.cli.run([
      'dc',
      'add',
      '--id',
      'lab',
      '--name',
      'Lab',
      '--accounts-url',
      'https://accounts.lab.test',
      '--api-domain',
      'https://api.lab.test',
      '--sandbox-api-domain',
      'http://sandbox.lab.test',
    ]);
    // A value the user typed names its flag: wrong usage (exit 2), nothing stored.
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sandbox-api-domain/);
    expect(bad.stderr).toMatch(/Sandbox API domain must use https/);
  });
});
