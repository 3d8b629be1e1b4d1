import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/services/sandbox';
import { CliWorkspace } from '../support/cli-harness';
import { approve, devicePolls } from '../support/device-helpers';
import { EMIL } from '../support/sandbox-helpers';
import { freeRedirectUri } from '../support/ports';

/**
 * The mix-up defence of other_dc, through the real CLI: a workspace that knows only the client's DC
 * hears other_dc naming a DC it does not know, and sends the device code and the client secret
 * nowhere: the flow ends with unknown_dc and no poll reaches the other DC.
 */
let sandbox: SandboxHandle;
let cli: CliWorkspace;

beforeEach(async () => {
  sandbox = await startSandbox({ redirectUri: await freeRedirectUri(), deviceIntervalSeconds: 1 });
  cli = new CliWorkspace();
  const us = sandbox.dcs.find((dc) => dc.id === 'sandbox-us');
  if (us === undefined) throw new Error('no sandbox-us');
  const added = await cli.run([
    'dc',
    'add',
    '--id',
    us.id,
    '--name',
    us.name,
    '--accounts-url',
    us.accountsUrl,
    '--api-domain',
    us.apiDomain,
  ]);
  expect(added.code, added.stderr).toBe(0);
  const device = sandbox.clients.device;
  const client = await cli.run(
    [
      'client',
      'add',
      '--name',
      'tv',
      '--dc',
      'sandbox-us',
      '--client-id',
      device.clientId,
      '--type',
      'device',
      '--multi-dc',
    ],
    { input: `${device.clientSecret}\n` },
  );
  expect(client.code, client.stderr).toBe(0);
});

afterEach(async () => {
  await cli.close();
  await sandbox.close();
});

describe('tokenbench device: other_dc to a DC the catalog does not know', () => {
  it('stops with unknown_dc and never polls that DC', async () => {
    const running = cli.start(['device', '--client', 'tv', '--scope', 'AaaServer.profile.Read']);
    running.child.stdin.end();
    const url = (await running.line(/^Open http/)).split(' ')[1] ?? '';
    const code = (await running.line(/^ {2}[A-Z]{4}-[A-Z]{4}$/)).trim();
    await approve(new URL(url).origin, code, EMIL);
    const result = await running.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^tokenbench: unknown_dc: Zoho answered other_dc naming the DC "sandbox-eu"/m,
    );
    const polls = await devicePolls(sandbox);
    expect(polls.map((p) => p.dc)).not.toContain('sandbox-eu');
    expect(polls.at(-1)?.outcome).toBe('other_dc (sandbox-eu)');
  });
});
