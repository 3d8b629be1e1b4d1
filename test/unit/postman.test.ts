import { describe, expect, it } from 'vitest';
import {
  exportPostmanEnvironment,
  fillPlaceholders,
  findPlaceholders,
  importPostmanEnvironment,
  isSecretName,
  postmanIdOf,
  type PostmanImport,
} from '../../shared/postman';
import { ZOHO_VARIABLES, type EnvironmentRecord, type EnvVariable } from '../../shared/workspace/model';

const ACCESS = '1000.aaaa1111bbbb2222cccc3333dddd4444.eeee5555ffff6666aaaa7777bbbb8888';
const REFRESH = '1000.1111aaaa2222bbbb3333cccc4444dddd.5555eeee6666ffff7777aaaa8888bbbb';
const SECRET = 'f00dfeedcafe0123456789abcdef0123456789abcd';

/** Zoho's environment from Kaizen #79 (seed 001), as Postman exports it after a token exchange. */
const zohoEnvironment = {
  id: '5f1c0b8e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
  name: 'Zoho CRM',
  values: [
    { key: 'client-id', value: '1000.8CZ4SXA1DLBGRD9UHYQ2T5OXXXXXX', type: 'default', enabled: true },
    { key: 'client-secret', value: SECRET, type: 'default', enabled: true },
    { key: 'redirect-uri', value: 'http://127.0.0.1:53682/callback', type: 'default', enabled: true },
    { key: 'accounts-url', value: 'https://accounts.zoho.eu', type: 'default', enabled: true },
    { key: 'access-token', value: ACCESS, type: 'default', enabled: true },
    { key: 'refresh-token', value: REFRESH, type: 'default', enabled: true },
    { key: 'api-domain', value: 'https://www.zohoapis.eu', type: 'default', enabled: true },
    { key: 'expiry-time', value: '1700003600000', type: 'default', enabled: true },
  ],
  _postman_variable_scope: 'environment',
  _postman_exported_at: '2024-05-01T10:00:00.000Z',
  _postman_exported_using: 'Postman/11.1.0',
};

function imported(file: unknown): PostmanImport {
  const result = importPostmanEnvironment(JSON.stringify(file));
  if (!result.ok) throw new Error(`import failed: ${result.code} ${result.message}`);
  return result.value;
}

function importError(text: string) {
  const result = importPostmanEnvironment(text);
  if (result.ok) throw new Error('import unexpectedly succeeded');
  return result;
}

const withValues = (values: unknown) => ({ name: 'Test', values });
const variable = (v: EnvVariable | undefined) => v ?? expect.unreachable('variable missing');

describe("importing Zoho's Postman environment (Kaizen #79)", () => {
  const result = imported(zohoEnvironment);

  it("keeps the environment's name, Postman id and all eight variables in order", () => {
    expect(result.name).toBe('Zoho CRM');
    expect(result.postmanId).toBe(zohoEnvironment.id);
    expect(result.variables.map((v) => v.key)).toEqual([...ZOHO_VARIABLES]);
  });

  it('routes the client secret and both tokens to the keychain list and blanks them in the record', () => {
    expect(result.secrets).toEqual([
      { key: 'client-secret', value: SECRET },
      { key: 'access-token', value: ACCESS },
      { key: 'refresh-token', value: REFRESH },
    ]);
    for (const key of ['client-secret', 'access-token', 'refresh-token']) {
      const v = variable(result.variables.find((x) => x.key === key));
      expect(v).toMatchObject({ value: null, secret: true, type: 'default', enabled: true });
      expect(v.fingerprint).toMatch(/^….{4}$/);
    }
    expect(JSON.stringify(result.variables)).not.toContain(SECRET.slice(0, 12));
    expect(JSON.stringify(result.variables)).not.toContain(ACCESS.slice(0, 20));
  });

  it('keeps non-secret values as they were', () => {
    const clientId = variable(result.variables[0]);
    expect(clientId).toEqual({
      key: 'client-id',
      value: '1000.8CZ4SXA1DLBGRD9UHYQ2T5OXXXXXX',
      type: 'default',
      enabled: true,
      secret: false,
      fingerprint: null,
    });
  });

  it('offers client hints from client-id, redirect-uri, accounts-url, api-domain and expiry-time', () => {
    expect(result.hints).toEqual({
      zohoClientId: '1000.8CZ4SXA1DLBGRD9UHYQ2T5OXXXXXX',
      redirectUri: 'http://127.0.0.1:53682/callback',
      accountsUrl: 'https://accounts.zoho.eu',
      apiDomain: 'https://www.zohoapis.eu',
      expiryTime: 1_700_003_600_000,
    });
  });
});

describe('importing the variations Postman files come in', () => {
  it('accepts the older "type":"text" and keeps that type', () => {
    const result = imported(
      withValues([{ key: 'api-domain', value: 'https://www.zohoapis.com', type: 'text' }]),
    );
    expect(result.variables[0]).toMatchObject({ type: 'text', secret: false });
  });

  it('keeps numbers, booleans, objects and null as they were', () => {
    const values = [
      { key: 'n', value: 42, type: 'default', enabled: true },
      { key: 'b', value: false, type: 'default', enabled: true },
      { key: 'o', value: { a: [1, 'x'] }, type: 'any', enabled: true },
      { key: 'z', value: null, type: 'default', enabled: true },
    ];
    expect(imported(withValues(values)).variables.map((v) => v.value)).toEqual([
      42,
      false,
      { a: [1, 'x'] },
      null,
    ]);
  });

  it('treats a missing enabled as enabled, a missing type as default and a missing value as empty', () => {
    expect(imported(withValues([{ key: 'k' }])).variables[0]).toMatchObject({
      value: '',
      type: 'default',
      enabled: true,
    });
  });

  it('keeps disabled variables, disabled', () => {
    expect(imported(withValues([{ key: 'k', value: 'v', enabled: false }])).variables[0]?.enabled).toBe(
      false,
    );
  });

  it('ignores extra keys it does not know', () => {
    const file = { ...withValues([{ key: 'k', value: 'v', description: 'hi' }]), color: 'blue' };
    expect(imported(file).variables).toHaveLength(1);
  });

  it('treats any variable of type secret as a secret, whatever its name', () => {
    const result = imported(withValues([{ key: 'crm-password', value: 'hunter22', type: 'secret' }]));
    expect(result.secrets).toEqual([{ key: 'crm-password', value: 'hunter22' }]);
    expect(result.variables[0]).toMatchObject({ value: null, secret: true, type: 'secret' });
  });

  it('keeps an empty secret as an empty secret slot: secret, no fingerprint, nothing for the keychain', () => {
    const result = imported(withValues([{ key: 'access-token', value: '', type: 'default' }]));
    expect(result.secrets).toEqual([]);
    expect(result.variables[0]).toMatchObject({ value: null, secret: true, fingerprint: null });
  });

  it('stores a non-text secret as its JSON text', () => {
    expect(imported(withValues([{ key: 'pin', value: 1234, type: 'secret' }])).secrets).toEqual([
      { key: 'pin', value: '1234' },
    ]);
  });

  it('gives no hints for disabled or empty Zoho variables', () => {
    const values = [
      { key: 'client-id', value: '1000.X', enabled: false },
      { key: 'accounts-url', value: '  ' },
      { key: 'expiry-time', value: 'soon' },
    ];
    expect(imported(withValues(values)).hints).toEqual({
      zohoClientId: null,
      redirectUri: null,
      accountsUrl: null,
      apiDomain: null,
      expiryTime: null,
    });
  });
});

describe('refusing files that are not Postman environments, saying what and where', () => {
  it('garbage is not JSON', () => {
    const error = importError('{"name": "Zoho", values: [');
    expect(error.code).toBe('postman_not_json');
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.message).toMatch(/Export the environment again/);
  });

  it('says where the JSON breaks without quoting the file, which may hold secrets', () => {
    const error = importError('{\n  "client-secret": f00dfeedcafe\n}');
    expect(error.message).toMatch(/near line 2, column \d+/);
    expect(error.message).not.toContain('f00dfeedcafe');
  });

  it('values that are not a list', () => {
    const error = importError(JSON.stringify(withValues({ key: 'k' })));
    expect(error.code).toBe('postman_bad_shape');
    expect(error.message).toMatch(/^values must be a list, not an object\./);
  });

  it('a variable without a key names its position', () => {
    const values = [{ key: 'a' }, { key: 'b' }, { key: 'c' }, { value: 'orphan' }];
    expect(importError(JSON.stringify(withValues(values))).message).toMatch(/^values\[3\]\.key is missing\./);
  });

  it('a key or enabled flag of the wrong kind', () => {
    expect(importError(JSON.stringify(withValues([{ key: 7 }]))).message).toMatch(
      /^values\[0\]\.key must be text, not a number/,
    );
    expect(importError(JSON.stringify(withValues([{ key: 'k', enabled: 'yes' }]))).message).toMatch(
      /^values\[0\]\.enabled must be true or false, not text/,
    );
  });

  it('a JSON array or a file without name and values', () => {
    expect(importError('[]').message).toMatch(/^The file must be an object, not a list/);
    expect(importError('{}').message).toMatch(/^name is missing \(and 1 more problem\)/);
  });

  it('a collection picked by mistake', () => {
    const collection = {
      info: { name: 'Zoho CRM API', schema: 'https://schema.getpostman.com/v2.1.0' },
      item: [],
    };
    expect(importError(JSON.stringify(collection)).code).toBe('postman_not_environment');
  });

  it('two variables with the same key', () => {
    const error = importError(JSON.stringify(withValues([{ key: 'k' }, { key: 'x' }, { key: 'k' }])));
    expect(error.code).toBe('postman_duplicate_key');
    expect(error.message).toMatch(/values\[2\]\.key "k" repeats values\[0\]/);
  });
});

function record(variables: readonly EnvVariable[]): EnvironmentRecord {
  return {
    id: 'env_1',
    postmanId: null,
    name: 'Zoho CRM',
    clientRef: null,
    dcId: 'eu',
    apiEnvironment: 'production',
    autoRefresh: false,
    variables,
    updatedAt: 0,
  };
}

const exportOptions = {
  newId: () => 'generated-id',
  now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
  version: '0.1.0',
};

describe('exporting to Postman', () => {
  const zoho = imported(zohoEnvironment);
  const env = record(zoho.variables);

  it('writes a Postman v2.1 environment with scope, time, tool and a fresh id', () => {
    const file = JSON.parse(exportPostmanEnvironment(env, exportOptions)) as Record<string, unknown>;
    expect(file).toMatchObject({
      id: 'generated-id',
      name: 'Zoho CRM',
      _postman_variable_scope: 'environment',
      _postman_exported_at: '2025-01-02T03:04:05.000Z',
      _postman_exported_using: 'Tokenbench/0.1.0',
    });
  });

  it('keeps the id Postman gave the environment on import', () => {
    const text = exportPostmanEnvironment({ ...env, postmanId: zoho.postmanId }, exportOptions);
    expect(JSON.parse(text)).toMatchObject({ id: zohoEnvironment.id });
  });

  it('without secrets: secret variables are typed secret and empty, and no secret is in the file', () => {
    const text = exportPostmanEnvironment(env, exportOptions);
    for (const secret of [SECRET, ACCESS, REFRESH]) expect(text).not.toContain(secret);
    const values = (JSON.parse(text) as { values: { key: string }[] }).values;
    expect(values.find((v) => v.key === 'refresh-token')).toEqual({
      key: 'refresh-token',
      value: '',
      type: 'secret',
      enabled: true,
    });
  });

  it('with the secrets the user chose: only those are filled in', () => {
    const secretValues = new Map([['refresh-token', REFRESH]]);
    const text = exportPostmanEnvironment(env, { ...exportOptions, secretValues });
    const values = (JSON.parse(text) as { values: { key: string; value: unknown }[] }).values;
    expect(values.find((v) => v.key === 'refresh-token')?.value).toBe(REFRESH);
    expect(values.find((v) => v.key === 'access-token')?.value).toBe('');
    expect(text).not.toContain(SECRET);
  });

  it('round trip keeps keys, order, types, enabled flags and non-secret values', () => {
    const original = imported(
      withValues([
        { key: 'client-id', value: '1000.X', type: 'text', enabled: true },
        { key: 'count', value: 3, type: 'default', enabled: false },
        { key: 'flags', value: { debug: true }, type: 'any' },
        { key: 'nothing', value: null },
        { key: 'password', value: 'p4ss', type: 'secret', enabled: false },
      ]),
    );
    const text = exportPostmanEnvironment(record(original.variables), exportOptions);
    const again = importPostmanEnvironment(text);
    expect(again.ok && again.value.variables).toEqual(
      original.variables.map((v) => ({ ...v, fingerprint: null })),
    );
  });

  it('round trip with secrets included gives the same secrets back; Zoho secrets come back typed secret', () => {
    const secretValues = new Map(zoho.secrets.map((s) => [s.key, s.value]));
    const again = imported(JSON.parse(exportPostmanEnvironment(env, { ...exportOptions, secretValues })));
    expect(again.secrets).toEqual(zoho.secrets);
    expect(again.variables).toEqual(zoho.variables.map((v) => (v.secret ? { ...v, type: 'secret' } : v)));
  });
});

describe('secrets by name, BOM, disabled and the trip through newman', () => {
  it('treats a variable as secret by its name, whatever its case and separators', () => {
    for (const key of [
      'access_token',
      'AccessToken',
      'CLIENT-SECRET',
      'password',
      'x-api-key',
      'Authorization',
      'cookie',
    ]) {
      expect(isSecretName(key), key).toBe(true);
    }
    for (const key of ['org_id', 'api-domain', 'expiry-time', 'client-id', 'redirect-uri', 'page-size']) {
      expect(isSecretName(key), key).toBe(false);
    }
    const result = imported(
      withValues([
        { key: 'api_key', value: 'k1', type: 'any' },
        { key: 'org_id', value: '2005', type: 'any' },
      ]),
    );
    expect(result.secrets).toEqual([{ key: 'api_key', value: 'k1' }]);
    expect(result.variables.map((v) => [v.key, v.secret, v.type])).toEqual([
      ['api_key', true, 'any'],
      ['org_id', false, 'any'],
    ]);
  });

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    const result = importPostmanEnvironment(
      `\uFEFF${JSON.stringify(withValues([{ key: 'k', value: 'v' }]))}`,
    );
    expect(result.ok).toBe(true);
  });

  it("reads newman's disabled: true, and writes it beside enabled: false", () => {
    const result = imported(
      withValues([
        { key: 'a', value: '1', disabled: true },
        { key: 'b', value: '2' },
      ]),
    );
    expect(result.variables.map((v) => v.enabled)).toEqual([false, true]);
    const text = exportPostmanEnvironment(record(result.variables), exportOptions);
    const values = (JSON.parse(text) as { values: Record<string, unknown>[] }).values;
    expect(values[0]).toEqual({ key: 'a', value: '1', type: 'default', enabled: false, disabled: true });
    expect(values[1]).not.toHaveProperty('disabled');
  });

  it("gives back the types newman erased to 'any' and the ones the export made 'secret', by Postman id", () => {
    const original = imported(
      withValues([
        { key: 'org', value: '1', type: 'text' },
        { key: 'pass', value: 'p', type: 'secret' },
        { key: 'api_key', value: 'k', type: 'default' },
        { key: 'added-by-a-script', value: 'x', type: 'any' },
      ]),
    ).variables;
    const fromNewman = JSON.stringify({
      id: 'f00d',
      name: 'E',
      values: [
        { key: 'org', value: '1', type: 'any' },
        { key: 'pass', value: 'p', type: 'any' },
        { key: 'api_key', value: 'k', type: 'secret' },
        { key: 'added-by-a-script', value: 'x', type: 'any' },
        { key: 'new', value: 'n', type: 'any' },
      ],
    });
    const back = importPostmanEnvironment(fromNewman, (id) => (id === 'f00d' ? original : []));
    expect(back.ok && back.value.variables.map((v) => [v.key, v.type, v.secret])).toEqual([
      ['org', 'text', false],
      ['pass', 'secret', true],
      ['api_key', 'default', true],
      ['added-by-a-script', 'any', false],
      ['new', 'any', false],
    ]);
    const unknown = importPostmanEnvironment(fromNewman);
    expect(unknown.ok && unknown.value.variables.map((v) => [v.key, v.secret])).toEqual([
      ['org', false],
      ['pass', false],
      ['api_key', true],
      ['added-by-a-script', false],
      ['new', false],
    ]);
  });

  it('exports under the Postman id it came with, else one made from its own id, the same each time', () => {
    expect(postmanIdOf({ id: 'env_0123456789abcdef0123456789abcdef', postmanId: null })).toBe(
      '01234567-89ab-cdef-0123-456789abcdef',
    );
    expect(postmanIdOf({ id: 'env_0123456789abcdef0123456789abcdef', postmanId: 'kept' })).toBe('kept');
  });

  it('fills client-id, accounts-url and client-secret for a refresh, never over a value the environment has', () => {
    const vars = imported(
      withValues([
        { key: 'client-id', value: '', type: 'default' },
        { key: 'accounts-url', value: 'https://accounts.zoho.eu', type: 'default' },
      ]),
    ).variables;
    const refresh = { clientId: '1000.C', accountsUrl: 'https://accounts.zoho.com', clientSecret: null };
    const plain = JSON.parse(exportPostmanEnvironment(record(vars), { ...exportOptions, refresh })) as {
      values: { key: string; value: unknown; type: string }[];
    };
    expect(plain.values.map((v) => [v.key, v.value, v.type])).toEqual([
      ['client-id', '1000.C', 'default'],
      ['accounts-url', 'https://accounts.zoho.eu', 'default'],
      ['client-secret', '', 'secret'],
    ]);
    const full = exportPostmanEnvironment(record(vars), {
      ...exportOptions,
      refresh: { ...refresh, clientSecret: SECRET },
    });
    expect(JSON.parse(full)).toMatchObject({
      values: expect.arrayContaining([
        { key: 'client-secret', value: SECRET, type: 'secret', enabled: true },
      ]),
    });
  });
});

describe('filling {{variable}} placeholders', () => {
  const vars = [
    { key: 'api-domain', value: 'https://www.zohoapis.eu', enabled: true },
    { key: 'access-token', value: 'AT', enabled: true },
    { key: 'old', value: 'gone', enabled: false },
    { key: 'limit', value: 200, enabled: true },
    { key: 'loop', value: '{{loop}}', enabled: true },
    { key: 'secret-not-loaded', value: null, enabled: true },
  ];

  it('replaces known enabled variables, numbers as text', () => {
    expect(fillPlaceholders('{{api-domain}}/crm/v8/Leads?per_page={{limit}}', vars)).toBe(
      'https://www.zohoapis.eu/crm/v8/Leads?per_page=200',
    );
    expect(fillPlaceholders('Zoho-oauthtoken {{access-token}}', vars)).toBe('Zoho-oauthtoken AT');
  });

  it('leaves unknown, disabled and unloaded variables as written', () => {
    expect(fillPlaceholders('{{nope}} {{old}} {{$guid}} {{secret-not-loaded}}', vars)).toBe(
      '{{nope}} {{old}} {{$guid}} {{secret-not-loaded}}',
    );
  });

  it('does not expand a value that holds a placeholder (one pass, no loops)', () => {
    expect(fillPlaceholders('a{{loop}}b', vars)).toBe('a{{loop}}b');
  });

  it('lists the placeholders a text uses, once each', () => {
    expect(findPlaceholders('{{a}}/{{b}}?x={{a}}')).toEqual(['a', 'b']);
  });
});
