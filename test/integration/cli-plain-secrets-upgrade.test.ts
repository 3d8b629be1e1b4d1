import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceStore } from '../../electron/services/store';
import type { EnvironmentRecord, EnvVariable } from '../../shared/workspace/model';
import { CliWorkspace, leaks } from '../support/cli-harness';

/**
 * Issue 8 item 2, for workspaces that predate it: variables named like secrets that an older version
 * kept in plain text in workspace.db move to the keychain at the next start of any shell (here the
 * CLI), leave no copy in the file, and move once: a variable the user marks plain afterwards stays so.
 */
let cli: CliWorkspace;
beforeEach(() => {
  cli = new CliWorkspace();
});
afterEach(() => cli.close());

const secret = (): string => randomBytes(21).toString('hex');
const plain = (key: string, value: string): EnvVariable => ({
  key,
  value,
  secret: false,
  type: 'default',
  enabled: true,
  fingerprint: null,
});

/** Writes the workspace as a version before secret names counted left it. */
function olderWorkspace(variables: EnvVariable[]): void {
  const opened = openWorkspaceStore({ home: cli.home });
  if (!opened.ok) throw new Error(opened.message);
  opened.value.store.environments.upsert({
    id: 'env_upgrade',
    postmanId: null,
    name: 'Team collection',
    clientRef: null,
    dcId: null,
    apiEnvironment: 'production',
    autoRefresh: false,
    variables,
    updatedAt: 1,
  } satisfies EnvironmentRecord);
  opened.value.store.close();
}

const fileTexts = () => cli.dataFiles().map((f) => ({ name: f.path, text: f.text }));

describe('a workspace from before secrets by name', () => {
  it('moves plain variables named like secrets to the keychain once, and leaves no copy in the file', async () => {
    const values = {
      password: secret(),
      api_key: secret(),
      Authorization: `Zoho-oauthtoken 1000.${secret()}`,
    };
    olderWorkspace([...Object.entries(values).map(([k, v]) => plain(k, v)), plain('org_id', '20050123')]);
    expect(leaks(Object.values(values), fileTexts())).not.toEqual([]);

    const listed = await cli.run(['env', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const env = (JSON.parse(listed.stdout) as EnvironmentRecord[])[0];
    expect(env?.variables.map((v) => [v.key, v.secret, v.value])).toEqual([
      ...Object.keys(values).map((key) => [key, true, null]),
      ['org_id', false, '20050123'],
    ]);
    const keychain = await cli.keychain();
    for (const [key, value] of Object.entries(values))
      expect(keychain.get(`env-variable:env_upgrade:${key}`)).toBe(value);
    expect(
      leaks(Object.values(values), [
        ...fileTexts(),
        ...cli.outputs.map((text, i) => ({ name: `output ${i}`, text })),
      ]),
    ).toEqual([]);

    const exported = await cli.run(['env', 'export', '--env', 'Team collection', '--include-secrets'], {
      holdsSecrets: true,
    });
    const back = JSON.parse(exported.stdout) as { values: { key: string; value: unknown }[] };
    for (const [key, value] of Object.entries(values))
      expect(back.values.find((v) => v.key === key)?.value).toBe(value);

    // The user marks one plain again (the variables bar's Type select): the next start keeps it so.
    const opened = openWorkspaceStore({ home: cli.home });
    if (!opened.ok) throw new Error(opened.message);
    opened.value.store.environments.updateVariables('env_upgrade', {
      password: { value: values.password, secret: false, fingerprint: null },
    });
    opened.value.store.close();
    const again = await cli.run(['env', 'list', '--json']);
    const password = (JSON.parse(again.stdout) as EnvironmentRecord[])[0]?.variables.find(
      (v) => v.key === 'password',
    );
    expect(password).toMatchObject({ secret: false, value: values.password });
  });
});
