import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataCenter } from '../../shared/dc/catalog';
import type { ClientRecord } from '../../shared/workspace/model';
import { CliWorkspace, leaks } from '../support/cli-harness';

let cli: CliWorkspace;
beforeEach(() => {
  cli = new CliWorkspace();
});
afterEach(() => cli.close());

const lines = (text: string): string[] => text.trimEnd().split('\n');
const secret = (): string => randomBytes(21).toString('hex');

async function addClient(name: string, clientSecret: string, extra: readonly string[] = []) {
  return cli.run(['client', 'add', '--name', name, '--dc', 'eu', '--client-id', '1000.ABCDEF', ...extra], {
    input: `${clientSecret}\n`,
  });
}

describe('tokenbench dc', () => {
  it("lists Zoho's nine DCs, adds a loopback test server, and refuses a plain-http one", async () => {
    const added = await cli.run([
      'dc',
      'add',
      '--id',
      'sandbox-us',
      '--name',
      'Sandbox US',
      '--accounts-url',
      'http://127.0.0.1:4000',
      '--api-domain',
      'http://127.0.0.1:4000/',
    ]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('Added DC sandbox-us (Sandbox US)');
    const listed = await cli.run(['dc', 'list', '--json']);
    const dcs = JSON.parse(listed.stdout) as DataCenter[];
    expect(dcs.map((d) => d.id)).toEqual([
      'us',
      'eu',
      'in',
      'au',
      'jp',
      'cn',
      'ca',
      'sa',
      'uk',
      'sandbox-us',
    ]);
    expect(dcs.at(-1)).toMatchObject({ kind: 'custom', accountsUrl: 'http://127.0.0.1:4000' });
    const table = await cli.run(['dc', 'list']);
    expect(lines(table.stdout)[0]).toMatch(
      /^ID\s+NAME\s+KIND\s+ACCOUNTS URL\s+API DOMAIN\s+DEVELOPER\s+SANDBOX$/,
    );
    expect(table.stdout).toMatch(/\nsandbox-us\s+Sandbox US\s+custom\s+http:\/\/127\.0\.0\.1:4000/);

    const bad = await cli.run([
      'dc',
      'add',
      '--id',
      'test',
      '--name',
      'Test',
      '--accounts-url',
      'http://accounts.example.com',
      '--api-domain',
      'https://api.example.com',
    ]);
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual([
      expect.stringMatching(
        /^tokenbench: invalid_dc_url: Accounts URL must use https:\/\/.* \(--accounts-url\)\. See 'tokenbench dc add --help'\.$/,
      ),
    ]);
    const duplicate = await cli.run([
      'dc',
      'add',
      '--id',
      'EU',
      '--name',
      'Mine',
      '--accounts-url',
      'https://a.example',
      '--api-domain',
      'https://b.example',
    ]);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('duplicate_dc_id');
  });
});

describe('tokenbench client', () => {
  it('reads the secret from standard input into the keychain, never into the data folder', async () => {
    const value = secret();
    const added = await addClient('CRM eu', value, [
      '--redirect-uri',
      'http://127.0.0.1:53682/callback',
      '--multi-dc',
    ]);
    expect(added.code, added.stderr).toBe(0);
    const clients = JSON.parse((await cli.run(['client', 'list', '--json'])).stdout) as ClientRecord[];
    expect(clients).toEqual([
      expect.objectContaining({
        name: 'CRM eu',
        dcId: 'eu',
        type: 'server',
        multiDc: true,
        pkce: false,
        redirectUri: 'http://127.0.0.1:53682/callback',
        secretFingerprint: `…${value.slice(-4)}`,
      }),
    ]);
    const id = clients[0]?.id ?? '';
    expect((await cli.keychain()).get(`client-secret:${id}`)).toBe(value);
    const files = cli.dataFiles().map((f) => ({ name: f.path, text: f.text }));
    expect(files.length).toBeGreaterThan(0);
    expect(
      leaks([value], [...files, ...cli.outputs.map((text, i) => ({ name: `output ${i}`, text }))]),
    ).toEqual([]);
  });

  it('takes a self client without a redirect URI, and lists clients in a table', async () => {
    expect((await addClient('Self', secret(), ['--type', 'self'])).code).toBe(0);
    const listed = await cli.run(['client', 'list']);
    expect(lines(listed.stdout)[0]).toMatch(
      /^NAME\s+TYPE\s+DC\s+CLIENT ID\s+REDIRECT URI\s+OPTIONS\s+SECRET$/,
    );
    expect(listed.stdout).toMatch(/\nSelf\s+self\s+eu\s+1000\.ABCDEF\s+–\s+–\s+…\w{4}/);
    const withUri = await addClient('Self 2', secret(), [
      '--type',
      'self',
      '--redirect-uri',
      'http://127.0.0.1:1/cb',
    ]);
    expect(withUri.code).toBe(2);
  });

  it('refuses an empty secret, a duplicate name and an unknown DC with exit 2 and the flag to fix', async () => {
    const empty = await cli.run([
      'client',
      'add',
      '--name',
      'x',
      '--dc',
      'eu',
      '--client-id',
      '1000.A',
      '--type',
      'self',
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('the client secret is read from standard input');
    expect((await addClient('Twice', secret(), ['--type', 'self'])).code).toBe(0);
    const twice = await addClient('twice', secret(), ['--type', 'self']);
    expect(twice.code).toBe(2);
    expect(lines(twice.stderr)).toEqual([
      expect.stringMatching(/^tokenbench: duplicate_client_name: .*\(--name\)\./),
    ]);
    const noDc = await cli.run(
      ['client', 'add', '--name', 'Mars', '--dc', 'mars', '--client-id', '1000.A', '--type', 'self'],
      { input: 'abc' },
    );
    expect(noDc.code).toBe(2);
    expect(noDc.stderr).toContain('(--dc)');
  });

  it('names the known clients when a command is given an unknown one', async () => {
    expect((await addClient('Alpha', secret(), ['--type', 'self'])).code).toBe(0);
    const result = await cli.run(['refresh', '--client', 'Beta']);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `tokenbench: no client named "Beta"; the clients are "Alpha". See 'tokenbench client list'.`,
    ]);
    const byOtherCase = await cli.run(['status', '--client', 'alpha', '--json']);
    expect(byOtherCase.code).toBe(0);
  });
});
