import { describe, expect, it } from 'vitest';
import { ADA, GRACE, selfClientCode } from '../support/sandbox-helpers';
import { useSandboxCli } from '../support/cli-sandbox';

/**
 * Issue 7, item 2 through the CLI: `tokenbench refresh` of another user's refresh token does not
 * write into an environment holding Ada's tokens; it says so, names the command that would, and
 * `env place` puts the whole set there.
 */
const t = useSandboxCli();

/** "Support" follows the self client at Sandbox US (a Postman file with its client id). */
async function supportEnvironment(): Promise<void> {
  const us = t.sandbox.dcs.find((d) => d.id === 'sandbox-us')?.accountsUrl ?? '';
  const file = t.cli.inputFile(
    'support.postman_environment.json',
    JSON.stringify({
      name: 'Support',
      values: [
        { key: 'client-id', value: t.sandbox.clients.self.clientId, type: 'default', enabled: true },
        { key: 'accounts-url', value: us, type: 'default', enabled: true },
      ],
      _postman_variable_scope: 'environment',
    }),
  );
  const imported = await t.cli.run(['env', 'import', file]);
  expect(imported.code, imported.stderr).toBe(0);
}

async function exchange(
  user: string,
  env?: string,
): Promise<{ refreshToken: { id: string; fingerprint: string } }> {
  const { code } = await selfClientCode(t.sandbox, { userZuid: user, scope: 'AaaServer.profile.Read' });
  const args = ['exchange', '--client', 'self', '--json', ...(env === undefined ? [] : ['--env', env])];
  const run = await t.cli.run(args, { input: code });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { refreshToken: { id: string; fingerprint: string } };
}

describe('tokenbench and one lineage per environment', () => {
  it("refreshing Grace's refresh token leaves Ada's environment whole; env place puts Grace's there", async () => {
    await t.addClient('self');
    await supportEnvironment();
    const ada = await exchange(ADA, 'Support');
    const grace = await exchange(GRACE);
    const listed = await t.cli.run(['env', 'list']);
    expect(listed.stdout).toContain(
      `ada.lovelace@sandbox-us.example, ${ada.refreshToken.fingerprint}, sandbox-us`,
    );

    const refreshed = await t.cli.run([
      'refresh',
      '--client',
      'self',
      '--refresh-token',
      grace.refreshToken.id,
    ]);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    const line = refreshed.stdout.split('\n').find((l) => l.trimStart().startsWith('not placed')) ?? '';
    expect(line).toMatch(
      /"Support" holds ada\.lovelace@sandbox-us\.example, …\w{4}, sandbox-us; to replace them: tokenbench env place --env "Support" --access-token at_\w+$/,
    );
    expect((await t.cli.run(['env', 'list'])).stdout).toBe(listed.stdout);

    const accessTokenId = /--access-token (at_\w+)$/.exec(line)?.[1] ?? '';
    const placed = await t.cli.run(['env', 'place', '--env', 'Support', '--access-token', accessTokenId]);
    expect(placed).toMatchObject({
      code: 0,
      stdout: 'Environment "Support" now holds that access token with its refresh token.\n',
    });
    expect((await t.cli.run(['env', 'list'])).stdout).toContain(
      `grace.hopper@sandbox-us.example, ${grace.refreshToken.fingerprint}, sandbox-us`,
    );
  });

  it('does not echo a token pasted where the access token id belongs', async () => {
    await t.addClient('self');
    await supportEnvironment();
    const pasted = '1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210';
    const place = await t.cli.run(['env', 'place', '--env', 'Support', '--access-token', pasted]);
    expect(place.code).not.toBe(0);
    expect(place.stderr).not.toContain(pasted);
    expect(place.stderr).toContain('No access token with that id (ids look like at_…)');
  });
});
