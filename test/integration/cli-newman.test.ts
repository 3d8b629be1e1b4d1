import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EnvironmentRecord } from '../../shared/workspace/model';
import { CliWorkspace } from '../support/cli-harness';
import { useSandboxCli } from '../support/cli-sandbox';

/**
 * newman → Tokenbench → newman for real: an environment exported by `tokenbench env export`, run by
 * newman (Postman's own runner) against the sandbox DC (a refresh, then a call with
 * `Zoho-oauthtoken {{access-token}}`), and the environment newman writes (`--export-environment`)
 * imported back and compared with the original variable by variable.
 */
const env = useSandboxCli();
const NEWMAN = fileURLToPath(new URL('../../node_modules/newman/bin/newman.js', import.meta.url));
const secret = (): string => randomBytes(18).toString('hex');

interface PostmanFile {
  id: string;
  values: { key: string; value: unknown; type: string; enabled?: boolean; disabled?: boolean }[];
}

/** Zoho's refresh as its Postman collection does it, then a call with the new access token. */
const COLLECTION = {
  info: {
    name: 'Zoho refresh',
    schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
  },
  item: [
    {
      name: 'Refresh the access token',
      event: [
        {
          listen: 'test',
          script: {
            exec: [
              'const body = pm.response.json();',
              "pm.test('a new access token', () => pm.expect(body.access_token).to.be.a('string'));",
              "pm.environment.set('access-token', body.access_token);",
              "pm.environment.set('expiry-time', Date.now() + body.expires_in * 1000);",
            ],
          },
        },
      ],
      request: {
        method: 'POST',
        url: '{{accounts-url}}/oauth/v2/token',
        body: {
          mode: 'urlencoded',
          urlencoded: [
            { key: 'grant_type', value: 'refresh_token' },
            { key: 'client_id', value: '{{client-id}}' },
            { key: 'client_secret', value: '{{client-secret}}' },
            { key: 'refresh_token', value: '{{refresh-token}}' },
          ],
        },
      },
    },
    {
      name: 'Who am I',
      event: [
        {
          listen: 'test',
          script: { exec: ["pm.test('the token works', () => pm.response.to.have.status(200));"] },
        },
      ],
      request: {
        method: 'GET',
        url: '{{accounts-url}}/oauth/user/info',
        header: [{ key: 'Authorization', value: 'Zoho-oauthtoken {{access-token}}' }],
      },
    },
  ],
};

function newman(args: readonly string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [NEWMAN, ...args, '--color', 'off'], { stdio: 'pipe' });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('close', (code) => {
      resolve({ code, stdout });
    });
    child.stdin.end();
  });
}

describe('newman → Tokenbench → newman', () => {
  it('refreshes in newman with an exported environment, and what newman writes imports back whole', async () => {
    await env.addClient('self');
    const { cli, sandbox } = env;
    const us = sandbox.dcs.find((dc) => dc.id === 'sandbox-us') ?? expect.unreachable('no sandbox-us');
    const own = { apiKey: `k-${secret()}`, passphrase: `p-${secret()}` };
    const team = {
      name: 'Team CRM',
      values: [
        { key: 'client-id', value: sandbox.clients.self.clientId, type: 'default', enabled: true },
        { key: 'accounts-url', value: us.accountsUrl, type: 'default', enabled: true },
        { key: 'org-id', value: '20050123', type: 'text', enabled: true },
        { key: 'page-size', value: 200, type: 'default', enabled: true },
        // Secret by its name only, and secret by its Postman type only.
        { key: 'api_key', value: own.apiKey, type: 'default', enabled: true },
        { key: 'crm-passphrase', value: own.passphrase, type: 'secret', enabled: true },
        // Disabled as Postman writes it, and as newman writes it.
        { key: 'legacy-org', value: '1', type: 'default', enabled: false },
        { key: 'old-domain', value: 'https://old.example.com', type: 'default', disabled: true },
      ],
    };
    const imported = await cli.run([
      'env',
      'import',
      cli.inputFile('team.json', JSON.stringify(team)),
      '--json',
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    const exchanged = await cli.run(['exchange', '--client', 'self', '--env', 'Team CRM'], {
      input: await env.selfClientCode(),
    });
    expect(exchanged.code, exchanged.stderr).toBe(0);
    const before = (JSON.parse((await cli.run(['env', 'list', '--json'])).stdout) as EnvironmentRecord[])[0];
    if (before === undefined) throw new Error('the environment is missing');
    const keychainBefore = await cli.keychain();

    // Tokenbench → newman: the export alone can refresh (client-secret comes from the client).
    const exported = await cli.run(['env', 'export', '--env', 'Team CRM', '--include-secrets'], {
      holdsSecrets: true,
    });
    expect(exported.code, exported.stderr).toBe(0);
    const file = JSON.parse(exported.stdout) as PostmanFile;
    const sent = new Map(file.values.map((v) => [v.key, v]));
    expect(sent.get('client-secret')).toMatchObject({
      value: sandbox.clients.self.clientSecret,
      type: 'secret',
    });
    expect(sent.get('legacy-org')).toMatchObject({ enabled: false, disabled: true });
    const envFile = cli.inputFile('exported.postman_environment.json', exported.stdout);
    const collection = cli.inputFile('zoho-refresh.postman_collection.json', JSON.stringify(COLLECTION));
    const written = `${envFile}.after.json`;
    const run = await newman(['run', collection, '-e', envFile, '--export-environment', written]);
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    expect(run.stdout).toMatch(/assertions\s*│\s*2\s*│\s*0/);

    // What newman wrote: every type it does not know is now 'any'; disabled is 'disabled: true'.
    const back = JSON.parse(readFileSync(written, 'utf8')) as PostmanFile;
    expect(back.id).toBe(file.id);
    expect(new Set(back.values.map((v) => v.type))).toEqual(new Set(['any']));
    expect(back.values.find((v) => v.key === 'legacy-org')).toMatchObject({ disabled: true });
    const refreshed = back.values.find((v) => v.key === 'access-token')?.value;
    expect(refreshed).toEqual(expect.stringMatching(/^1000\./));

    // newman → Tokenbench: the same variables, in order, with their types, flags and secret marks.
    const again = await cli.run(['env', 'import', written, '--name', 'Team CRM after newman', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const after = JSON.parse(again.stdout) as EnvironmentRecord;
    expect(after.postmanId).toBe(file.id);
    const keychain = await cli.keychain();
    const valueOf = (record: EnvironmentRecord, store: Map<string, string>, key: string) => {
      const v = record.variables.find((x) => x.key === key);
      return v?.secret === true ? store.get(`env-variable:${record.id}:${key}`) : v?.value;
    };
    const changedByNewman = new Set(['access-token', 'expiry-time']);
    const fromClient = new Set(['client-secret']);
    expect(after.variables.map((v) => v.key)).toEqual([...before.variables.map((v) => v.key), ...fromClient]);
    for (const v of before.variables) {
      const twin = after.variables.find((x) => x.key === v.key);
      expect(twin, v.key).toMatchObject({ type: v.type, enabled: v.enabled, secret: v.secret });
      if (!changedByNewman.has(v.key)) {
        expect(valueOf(after, keychain, v.key), v.key).toEqual(valueOf(before, keychainBefore, v.key));
      }
    }
    expect(valueOf(after, keychain, 'access-token')).toBe(refreshed);
    expect(valueOf(after, keychain, 'access-token')).not.toBe(
      valueOf(before, keychainBefore, 'access-token'),
    );
    expect(valueOf(after, keychain, 'client-secret')).toBe(sandbox.clients.self.clientSecret);
    expect(Number(valueOf(after, keychain, 'expiry-time'))).toBeGreaterThan(
      Number(valueOf(before, keychainBefore, 'expiry-time')),
    );

    // Tokenbench → newman again: the re-imported environment drives newman as the first did.
    const second = await cli.run(['env', 'export', '--env', 'Team CRM after newman', '--include-secrets'], {
      holdsSecrets: true,
    });
    const secondFile = cli.inputFile('second.postman_environment.json', second.stdout);
    const rerun = await newman(['run', collection, '-e', secondFile]);
    expect(rerun.code, rerun.stdout.slice(-2000)).toBe(0);

    // Without the environment it came from, names alone keep the secrets secret.
    const fresh = new CliWorkspace();
    try {
      const alone = await fresh.run(['env', 'import', written, '--json']);
      expect(alone.code, alone.stderr).toBe(0);
      const vars = (JSON.parse(alone.stdout) as EnvironmentRecord).variables;
      for (const key of ['client-secret', 'access-token', 'refresh-token', 'api_key']) {
        expect(
          vars.find((v) => v.key === key),
          key,
        ).toMatchObject({ secret: true, value: null, type: 'any' });
      }
      expect(vars.find((v) => v.key === 'legacy-org')?.enabled).toBe(false);
    } finally {
      await fresh.close();
    }
  });
});
