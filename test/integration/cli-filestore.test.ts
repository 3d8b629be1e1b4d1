import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SdkTokenRow } from '../../shared/filestore';
import type { ImportOutcome } from '../../shared/ipc/import-outcome';
import type { TokenRow } from '../../shared/ipc/views';
import type { EnvironmentRecord } from '../../shared/workspace/model';
import { CliWorkspace, leaks } from '../support/cli-harness';
import { sdkRead, sdkWrite, type SdkName } from '../support/sdk-filestore';

/**
 * The FileStore paths through the real `tokenbench` and Zoho's own SDKs: SDK → Tokenbench (the SDK's
 * FileStore writes, `env import` reads) and Tokenbench → SDK (`env export --format filestore` writes,
 * the SDK's FileStore reads). No network: the SDKs' store classes only, on made-up tokens.
 */
let cli: CliWorkspace;
beforeEach(() => {
  cli = new CliWorkspace();
});
afterEach(() => cli.close());

const hex = (n: number) => randomBytes(n).toString('hex');
const MINUTE = 60_000;

/** A row as an 8.0 SDK saves it after a refresh; ids are left to the SDK. */
function sdkRow(over: Partial<SdkTokenRow> = {}): SdkTokenRow {
  return {
    id: null,
    userName: 'ada@example.com:20050123',
    clientId: `1000.${hex(12).toUpperCase()}`,
    clientSecret: hex(21),
    refreshToken: `1000.${hex(16)}.${hex(16)}`,
    accessToken: `1000.${hex(16)}.${hex(16)}`,
    grantToken: null,
    expiryTime: String(Date.now() + 40 * MINUTE),
    redirectUrl: 'https://crm.example.com/oauth/callback',
    apiDomain: 'https://www.zohoapis.eu',
    ...over,
  };
}

const secretsOf = (rows: readonly SdkTokenRow[]) =>
  rows
    .flatMap((r) => [r.clientSecret, r.refreshToken, r.accessToken, r.grantToken])
    .filter((v) => v !== null);

/** No secret of the rows in the data folder or in anything the CLI printed without being asked. */
function expectNoLeaks(rows: readonly SdkTokenRow[]): void {
  const texts = [
    ...cli.dataFiles().map((f) => ({ name: f.path, text: f.text })),
    ...cli.outputs.map((text, i) => ({ name: `output ${String(i)}`, text })),
  ];
  expect(leaks(secretsOf(rows), texts)).toEqual([]);
}

async function importFile(file: string, ...args: string[]): Promise<ImportOutcome> {
  const result = await cli.run(['env', 'import', file, '--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ImportOutcome;
}

const variable = (env: EnvironmentRecord, key: string) => env.variables.find((v) => v.key === key);

/** What the environment holds of a row, plain values from the record and secrets from the keychain. */
async function rowOf(env: EnvironmentRecord): Promise<Record<string, unknown>> {
  const keychain = await cli.keychain();
  const secret = (key: string) => keychain.get(`env-variable:${env.id}:${key}`) ?? null;
  // An empty cell is an empty variable, and the SDKs read an empty cell as null.
  const plain = (key: string) => {
    const value = variable(env, key)?.value;
    return value === undefined || value === '' ? null : value;
  };
  return {
    id: plain('sdk-row-id'),
    userName: plain('sdk-user-name'),
    clientId: plain('client-id'),
    clientSecret: secret('client-secret'),
    refreshToken: secret('refresh-token'),
    accessToken: secret('access-token'),
    grantToken: secret('grant-token'),
    expiryTime: JSON.stringify(plain('expiry-time')),
    redirectUrl: plain('redirect-uri'),
    apiDomain: plain('api-domain'),
  };
}

const SDKS: readonly SdkName[] = ['node', 'typescript', 'python'];
const SDK_WORDS: Readonly<Record<string, RegExp>> = {
  node: /Node\.js SDK's FileStore \(10 columns, LF\)/,
  typescript: /TypeScript SDK's FileStore \(10 columns, LF\)/,
  python: /Python SDK's FileStore \(10 columns, CRLF\)/,
};

describe('SDK → Tokenbench: env import reads the FileStore each SDK wrote', () => {
  it.each(SDKS)(
    '%s: one environment per row, clients by id and DC, tokens in the ledger, secrets only in the keychain',
    async (sdk) => {
      const ada = sdkRow();
      const bob = sdkRow({
        clientId: ada.clientId,
        clientSecret: ada.clientSecret,
        userName: 'bob@example.com:20050123',
      });
      const us = sdkRow({ apiDomain: 'https://www.zohoapis.com', redirectUrl: null, userName: null });
      const file = cli.inputFile(`${sdk}_sdk_tokens.csv`, '');
      await sdkWrite(sdk, file, [ada, bob, us]);
      const written = await sdkRead(sdk, file);

      const outcome = await importFile(file);
      expect(outcome).toMatchObject({ format: 'filestore', tokens: { recorded: 6, known: 0 }, notes: [] });
      expect(outcome.readAs).toMatch(SDK_WORDS[sdk] ?? /./);
      expect(outcome.environments.map((e) => [e.name, e.dcId])).toEqual([
        ['SDK row 1 · ada@example.com', 'eu'],
        ['SDK row 2 · bob@example.com', 'eu'],
        ['SDK row 3', 'us'],
      ]);
      // Ada and Bob share one client (same id, same DC); the US row's client is its own, a Self Client.
      expect(outcome.clients.map((c) => c.created)).toEqual([true, true]);
      const [euEnv, bobEnv, usEnv] = outcome.environments;
      expect(euEnv?.clientRef).toBe(bobEnv?.clientRef);
      expect(usEnv?.clientRef).not.toBe(euEnv?.clientRef);

      for (const [index, env] of outcome.environments.entries()) {
        const row = written[index];
        const { foundByRefreshToken: _, ...cells } = row ?? expect.unreachable('row missing');
        expect(await rowOf(env)).toEqual(cells);
        expect(variable(env, 'accounts-url')?.value).toBe(
          env.dcId === 'eu' ? 'https://accounts.zoho.eu' : 'https://accounts.zoho.com',
        );
        for (const key of ['client-secret', 'access-token', 'refresh-token']) {
          expect(variable(env, key)).toMatchObject({ value: null, secret: true });
        }
      }

      const clients = JSON.parse((await cli.run(['client', 'list', '--json'])).stdout) as {
        id: string;
        type: string;
        zohoClientId: string;
      }[];
      expect(clients.map((c) => [c.zohoClientId, c.type])).toEqual(
        expect.arrayContaining([
          [ada.clientId, 'server'],
          [us.clientId, 'self'],
        ]),
      );
      const keychain = await cli.keychain();
      const adaClient = clients.find((c) => c.zohoClientId === ada.clientId);
      expect(keychain.get(`client-secret:${adaClient?.id ?? ''}`)).toBe(ada.clientSecret);

      const status = JSON.parse(
        (await cli.run(['status', '--client', adaClient?.id ?? '', '--json'])).stdout,
      ) as {
        tokens: TokenRow[];
      };
      const access = status.tokens.filter((t) => t.kind === 'access');
      const refresh = status.tokens.filter((t) => t.kind === 'refresh');
      expect(access.map((t) => t.fingerprint).sort()).toEqual(
        [ada, bob].map((r) => `…${(r.accessToken ?? '').slice(-4)}`).sort(),
      );
      expect(refresh).toHaveLength(2);
      for (const t of access) {
        expect(t).toMatchObject({
          status: 'active',
          origin: { source: 'zoho-sdk-filestore', createdAt: 'inferred-from-expiry' },
        });
        expect([ada, bob].map((r) => Number(r.expiryTime))).toContain(t.expiresAt);
        expect(t.parentId).toMatch(/^rt_/);
      }
      for (const t of refresh) expect(t.origin).toMatchObject({ createdAt: 'unknown' });
      const human = await cli.run(['status', '--client', adaClient?.id ?? '']);
      expect(human.stdout).toContain('unknown (imported)');
      expect(human.stdout).toMatch(/~\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
      expectNoLeaks([ada, bob, us]);
    },
  );

  it('reads the 9 columns an older SDK (nodejs-sdk-2.0) wrote, once the DC is named', async () => {
    const rows = [sdkRow({ id: '1', userName: 'ada@example.com', apiDomain: null })];
    const file = cli.inputFile('legacy_tokens.csv', '');
    await sdkWrite('node-2.0', file, rows);
    expect(readFileSync(file, 'utf8').split('\n')[0]?.split(',')).toHaveLength(9);

    const unnamed = await cli.run(['env', 'import', file]);
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toMatch(/^tokenbench: filestore_dc_required: Line 2 has no api_domain .* --dc /);
    expect(JSON.parse((await cli.run(['env', 'list', '--json'])).stdout)).toEqual([]);

    const outcome = await importFile(file, '--dc', 'eu');
    expect(outcome.readAs).toMatch(
      /TypeScript SDK's FileStore \(9 columns, an older SDK without api_domain, LF\)/,
    );
    const [env] = outcome.environments;
    expect(env?.dcId).toBe('eu');
    expect(await rowOf(env ?? expect.unreachable())).toMatchObject({
      ...rows[0],
      // The DC's API domain fills the column the old SDK did not have.
      apiDomain: 'https://www.zohoapis.eu',
    });
    expectNoLeaks(rows);
  });

  it('imports the same file twice without counting its tokens twice', async () => {
    const rows = [sdkRow()];
    const file = cli.inputFile('tokens.csv', '');
    await sdkWrite('node', file, rows);
    expect((await importFile(file)).tokens).toEqual({ recorded: 2, known: 0 });
    const again = await importFile(file);
    expect(again.tokens).toEqual({ recorded: 0, known: 2 });
    expect(again.clients).toEqual([expect.objectContaining({ created: false })]);
    const status = JSON.parse((await cli.run(['status', '--json'])).stdout) as { tokens: TokenRow[] };
    expect(status.tokens).toHaveLength(2);
  });

  it('reads a CRLF file the Node SDK itself misreads, and says so', async () => {
    // Two users: the SDK keys rows by user, so a second row of the same user would replace the first.
    const rows = [sdkRow(), sdkRow({ userName: 'bob@example.com:20050123' })];
    const file = cli.inputFile('windows.csv', '');
    await sdkWrite('node', file, rows);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    // The Node SDK splits on "\n": the first row's api_domain now ends in a CR, which no DC matches.
    const [misread] = await sdkRead('node', file);
    expect(misread?.apiDomain).toBe(`${rows[0]?.apiDomain ?? ''}\r`);

    const outcome = await importFile(file);
    expect(outcome.readAs).toMatch(/Node\.js SDK's FileStore \(10 columns, CRLF\)/);
    expect(outcome.notes.map((n) => n.code)).toEqual(['line_ends_break_node_sdk']);
    for (const env of outcome.environments) {
      expect(variable(env, 'api-domain')?.value).toBe('https://www.zohoapis.eu');
    }
  });

  it('says what is wrong with a file that is no FileStore, or a broken row, and imports nothing', async () => {
    const header =
      'id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain';
    const cases: [string, RegExp][] = [
      ['id,name\n1,x', /filestore_bad_header: The first line is not a Zoho SDK FileStore header/],
      [`${header}\n1,a,b,c,d,e`, /filestore_bad_row: Line 2 has 6 cells where the header has 10/],
      [
        `${header}\n1,,1000.A,s,,,,,,https://www.zohoapis.com`,
        /Line 2: the row has no refresh, access or grant token/,
      ],
      [header, /filestore_empty: .* holds no tokens yet/],
      [
        `${header}\n1,,1000.A,s,r,a,,17e11,,https://www.zohoapis.com`,
        /expiry_time must be epoch milliseconds/,
      ],
      [
        `${header}\n1,,1000.A,s,r,a,,1,,https://api.example.com`,
        /filestore_unknown_dc: Line 2: api_domain https:\/\/api\.example\.com/,
      ],
      [
        'hello',
        /unknown_file_format: This file is neither a Postman environment .* nor a Zoho SDK FileStore/,
      ],
    ];
    for (const [text, message] of cases) {
      const result = await cli.run(['env', 'import', cli.inputFile('bad.csv', text)]);
      expect(result.code, text).toBe(1);
      expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    }
    expect(JSON.parse((await cli.run(['env', 'list', '--json'])).stdout)).toEqual([]);
    expect(JSON.parse((await cli.run(['client', 'list', '--json'])).stdout)).toEqual([]);
  });
});

describe('Tokenbench → SDK: env export --format filestore writes what each SDK reads', () => {
  it.each(SDKS)(
    '%s: the SDK reads back every cell it wrote, and finds the row by its refresh token',
    async (sdk) => {
      const rows = [sdkRow({ grantToken: `1000.${hex(16)}` }), sdkRow({ userName: null, redirectUrl: null })];
      const source = cli.inputFile(`source_${sdk}.csv`, '');
      await sdkWrite(sdk, source, rows);
      const original = await sdkRead(sdk, source);
      const outcome = await importFile(source);

      for (const [index, env] of outcome.environments.entries()) {
        const exported = await cli.run(
          ['env', 'export', '--env', env.id, '--format', 'filestore', '--sdk', sdk, '--include-secrets'],
          { holdsSecrets: true },
        );
        expect(exported.code, exported.stderr).toBe(0);
        const file = cli.inputFile(`export_${sdk}_${String(index)}.csv`, exported.stdout);
        const bytes = readFileSync(file, 'utf8');
        if (sdk === 'python') expect(bytes.split('\r\n')).toHaveLength(3);
        else expect(bytes).not.toContain('\r');
        expect(bytes.split(/\r?\n/)[0]).toBe(
          sdk === 'typescript'
            ? 'id,user_mail,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain'
            : sdk === 'python'
              ? 'id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_uri,api_domain'
              : 'id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain',
        );
        const [read, ...more] = await sdkRead(sdk, file);
        expect(more).toEqual([]);
        const { foundByRefreshToken, ...cells } = read ?? expect.unreachable('no row');
        const { foundByRefreshToken: _, ...before } = original[index] ?? expect.unreachable('no row');
        expect(cells).toEqual(before);
        if (sdk !== 'python') expect(foundByRefreshToken).toBe(true);
      }
      expectNoLeaks(rows);
    },
  );

  it('exports a consent-made environment for the SDK with the client filling what it lacks', async () => {
    // An environment from a Postman file that follows a client: client secret and redirect from the client.
    const clientSecret = hex(21);
    const added = await cli.run(
      [
        'client',
        'add',
        '--name',
        'CRM',
        '--dc',
        'eu',
        '--client-id',
        '1000.CRMCLIENT',
        '--redirect-uri',
        'https://crm.example.com/cb',
      ],
      { input: `${clientSecret}\n` },
    );
    expect(added.code, added.stderr).toBe(0);
    const refreshToken = `1000.${hex(16)}.${hex(16)}`;
    const postman = {
      name: 'Dev',
      values: [
        { key: 'client-id', value: '1000.CRMCLIENT', type: 'default', enabled: true },
        { key: 'refresh-token', value: refreshToken, type: 'secret', enabled: true },
        { key: 'accounts-url', value: 'https://accounts.zoho.eu', type: 'default', enabled: true },
      ],
    };
    expect((await cli.run(['env', 'import', cli.inputFile('dev.json', JSON.stringify(postman))])).code).toBe(
      0,
    );
    const exported = await cli.run(
      ['env', 'export', '--env', 'Dev', '--format', 'filestore', '--sdk', 'node', '--include-secrets'],
      { holdsSecrets: true },
    );
    const [read] = await sdkRead('node', cli.inputFile('dev.csv', exported.stdout));
    expect(read).toMatchObject({
      id: '1',
      clientId: '1000.CRMCLIENT',
      clientSecret,
      refreshToken,
      accessToken: null,
      redirectUrl: 'https://crm.example.com/cb',
      apiDomain: 'https://www.zohoapis.eu',
      foundByRefreshToken: true,
    });
    expectNoLeaks([sdkRow({ clientSecret, refreshToken, accessToken: null })]);
  });

  it('refuses a FileStore without --include-secrets (exit 2), and a value a Node SDK cannot read', async () => {
    const rows = [sdkRow({ redirectUrl: 'https://crm.example.com/cb?a=1,2' })];
    const source = cli.inputFile('comma.csv', '');
    await sdkWrite('python', source, rows);
    expect(readFileSync(source, 'utf8')).toContain('"https://crm.example.com/cb?a=1,2"');
    const [env] = (await importFile(source)).environments;
    const id = env?.id ?? '';

    const unasked = await cli.run(['env', 'export', '--env', id, '--format', 'filestore', '--sdk', 'node']);
    expect(unasked.code).toBe(2);
    expect(unasked.stderr).toMatch(/--format filestore needs --include-secrets/);
    expect(unasked.stdout).toBe('');
    const noSdk = await cli.run(['env', 'export', '--env', id, '--format', 'filestore', '--include-secrets']);
    expect(noSdk.code).toBe(2);

    const node = await cli.run([
      'env',
      'export',
      '--env',
      id,
      '--format',
      'filestore',
      '--sdk',
      'node',
      '--include-secrets',
    ]);
    expect(node.code).toBe(1);
    expect(node.stderr).toMatch(
      /filestore_unwritable_value: Row 1's redirect_url holds a comma .* export for the Python SDK/,
    );
    const python = await cli.run(
      ['env', 'export', '--env', id, '--format', 'filestore', '--sdk', 'python', '--include-secrets'],
      { holdsSecrets: true },
    );
    const [read] = await sdkRead('python', cli.inputFile('back.csv', python.stdout));
    expect(read?.redirectUrl).toBe('https://crm.example.com/cb?a=1,2');
    expectNoLeaks(rows);
  });
});
