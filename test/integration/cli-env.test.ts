import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnvironmentRecord } from '../../shared/workspace/model';
import { CliWorkspace, leaks } from '../support/cli-harness';

let cli: CliWorkspace;
beforeEach(() => {
  cli = new CliWorkspace();
});
afterEach(() => cli.close());

const lines = (text: string): string[] => text.trimEnd().split('\n');
const secret = (): string => randomBytes(21).toString('hex');

describe('tokenbench env', () => {
  function zohoEnvironment(values: {
    clientSecret: string;
    accessToken: string;
    refreshToken: string;
  }): string {
    const v = (key: string, value: unknown, type = 'default') => ({ key, value, type, enabled: true });
    return JSON.stringify({
      id: '5f0c6a7e-0000-4000-8000-000000000001',
      name: 'Zoho CRM (EU)',
      values: [
        v('client-id', '1000.ABCDEF'),
        v('client-secret', values.clientSecret, 'secret'),
        v('redirect-uri', 'http://127.0.0.1:53682/callback'),
        v('accounts-url', 'https://accounts.zoho.eu'),
        v('access-token', values.accessToken, 'secret'),
        v('refresh-token', values.refreshToken, 'secret'),
        v('api-domain', 'https://www.zohoapis.eu'),
        v('expiry-time', 1767603600000),
      ],
      _postman_variable_scope: 'environment',
      _postman_exported_at: '2026-01-05T09:00:00.000Z',
      _postman_exported_using: 'Postman/11.0',
    });
  }

  it("imports Zoho's 8-variable environment with its secrets in the keychain, and exports it back", async () => {
    const values = {
      clientSecret: secret(),
      accessToken: `1000.${secret()}`,
      refreshToken: `1000.${secret()}`,
    };
    const file = cli.inputFile('zoho.postman_environment.json', zohoEnvironment(values));
    const imported = await cli.run(['env', 'import', file, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const env = JSON.parse(imported.stdout) as EnvironmentRecord;
    expect(env).toMatchObject({ name: 'Zoho CRM (EU)', dcId: 'eu' });
    expect(env.variables.map((v) => v.key)).toHaveLength(8);
    const keychain = await cli.keychain();
    expect(keychain.get(`env-variable:${env.id}:client-secret`)).toBe(values.clientSecret);
    expect(keychain.get(`env-variable:${env.id}:access-token`)).toBe(values.accessToken);
    expect(keychain.get(`env-variable:${env.id}:refresh-token`)).toBe(values.refreshToken);

    const plain = await cli.run(['env', 'export', '--env', 'Zoho CRM (EU)', '--format', 'postman']);
    expect(plain.code).toBe(0);
    const exported = JSON.parse(plain.stdout) as { values: { key: string; value: unknown; type: string }[] };
    const byKey = new Map(exported.values.map((v) => [v.key, v]));
    expect(byKey.get('client-secret')).toMatchObject({ value: '', type: 'secret' });
    expect(byKey.get('access-token')?.value).toBe('');
    expect(byKey.get('expiry-time')?.value).toBe(1767603600000);
    expect(byKey.get('accounts-url')?.value).toBe('https://accounts.zoho.eu');

    const full = await cli.run(['env', 'export', '--env', env.id, '--include-secrets'], {
      holdsSecrets: true,
    });
    const withSecrets = JSON.parse(full.stdout) as { values: { key: string; value: unknown }[] };
    expect(withSecrets.values.find((v) => v.key === 'refresh-token')?.value).toBe(values.refreshToken);

    const named = await cli.run(['env', 'import', file, '--name', 'Second copy']);
    expect(named.stdout).toMatch(
      /^Imported environment "Second copy" \(env_\w+\): 8 variables, 3 secret values in the keychain; client none, DC eu\.$/m,
    );
    const texts = [
      ...cli.dataFiles().map((f) => ({ name: f.path, text: f.text })),
      ...cli.outputs.map((text, i) => ({ name: `output ${i}`, text })),
    ];
    expect(leaks(Object.values(values), texts)).toEqual([]);
  });

  it('keeps variables named like secrets in the keychain whatever their type, and reads a file with a BOM', async () => {
    const values = {
      access_token: `1000.${secret()}`,
      client_secret: secret(),
      password: secret(),
      api_key: secret(),
      Authorization: `Zoho-oauthtoken 1000.${secret()}`,
      'Session-Cookie': secret(),
    };
    const types = ['default', 'any', 'default', 'any', 'text', 'default'];
    const file = {
      id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      name: 'Team collection',
      values: [
        ...Object.entries(values).map(([key, value], i) => ({ key, value, type: types[i], enabled: true })),
        { key: 'org_id', value: '20050123', type: 'default', enabled: true },
      ],
    };
    // Windows editors start UTF-8 files with a byte order mark.
    const path = cli.inputFile('team.postman_environment.json', `\uFEFF${JSON.stringify(file)}`);
    const imported = await cli.run(['env', 'import', path, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const env = JSON.parse(imported.stdout) as EnvironmentRecord;
    expect(env.variables.map((v) => [v.key, v.secret, v.value])).toEqual([
      ...Object.keys(values).map((key) => [key, true, null]),
      ['org_id', false, '20050123'],
    ]);
    const keychain = await cli.keychain();
    for (const [key, value] of Object.entries(values)) {
      expect(keychain.get(`env-variable:${env.id}:${key}`)).toBe(value);
    }

    const plain = await cli.run(['env', 'export', '--env', 'Team collection']);
    const exported = JSON.parse(plain.stdout) as {
      id: string;
      values: { key: string; value: unknown; type: string }[];
    };
    expect(exported.id).toBe(file.id);
    for (const key of Object.keys(values)) {
      expect(exported.values.find((v) => v.key === key)).toMatchObject({ value: '', type: 'secret' });
    }
    const texts = [
      ...cli.dataFiles().map((f) => ({ name: f.path, text: f.text })),
      ...cli.outputs.map((text, i) => ({ name: `output ${i}`, text })),
    ];
    expect(leaks(Object.values(values), texts)).toEqual([]);
  });

  it('says which environments exist when one is misnamed, and when a file cannot be read', async () => {
    const missing = await cli.run(['env', 'export', '--env', 'Prod']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no environment named "Prod"; there are no environments yet');
    const unreadable = await cli.run(['env', 'import', join(cli.home, 'nope.json')]);
    expect(unreadable.code).toBe(1);
    expect(lines(unreadable.stderr)).toEqual([
      expect.stringMatching(/^tokenbench: file_unreadable: Cannot read .*nope\.json \(no such file\)\.$/),
    ]);
    const notPostman = cli.inputFile('not-postman.json', '{"hello": 1}');
    const invalid = await cli.run(['env', 'import', notPostman]);
    expect(invalid.code).toBe(1);
    expect(lines(invalid.stderr)).toHaveLength(1);
  });
});

describe('a damaged workspace and a missing keychain', () => {
  it('reports a quarantined workspace once on stderr and goes on', async () => {
    writeFileSync(join(cli.home, 'workspace.db'), 'this is not a SQLite database, it was cut short');
    const first = await cli.run(['dc', 'list']);
    expect(first.code).toBe(0);
    expect(lines(first.stderr)).toEqual([
      expect.stringMatching(
        /^tokenbench: Your workspace file was damaged .* moved to .*workspace\.db\.corrupt-/,
      ),
    ]);
    const second = await cli.run(['dc', 'list']);
    expect(second).toMatchObject({ code: 0, stderr: '' });
  });

  it("exits 1 with the vault's message when no keychain answers", async () => {
    const result = await cli.run(
      ['client', 'add', '--name', 'x', '--dc', 'eu', '--client-id', '1000.A', '--type', 'self'],
      { input: secret(), env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tokenbench-bus' } },
    );
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^tokenbench: keychain_unavailable: The system keychain is not available: .*Nothing was saved in plain text\./,
      ),
    ]);
    expect(JSON.parse((await cli.run(['client', 'list', '--json'])).stdout)).toEqual([]);
  });
});
