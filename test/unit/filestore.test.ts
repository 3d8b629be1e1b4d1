import { describe, expect, it } from 'vitest';
import { ZOHO_DCS } from '../../shared/dc/catalog';
import {
  cellText,
  dcOfApiDomain,
  parseFileStore,
  rowFromVariables,
  rowVariables,
  sdkUser,
  writeFileStore,
  type SdkTokenRow,
} from '../../shared/filestore';

const NODE =
  'id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain';
const TS = NODE.replace('user_name', 'user_mail');
const PY = NODE.replace('redirect_url', 'redirect_uri');

const ROW: SdkTokenRow = {
  id: '1',
  userName: 'ada@example.com:20050123',
  clientId: '1000.ABC',
  clientSecret: 'cs',
  refreshToken: '1000.rt',
  accessToken: '1000.at',
  grantToken: null,
  expiryTime: '1767603600000',
  redirectUrl: 'https://crm.example.com/cb',
  apiDomain: 'https://www.zohoapis.eu',
};
const LINE =
  '1,ada@example.com:20050123,1000.ABC,cs,1000.rt,1000.at,,1767603600000,https://crm.example.com/cb,https://www.zohoapis.eu';

function parsed(text: string) {
  const result = parseFileStore(text);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

describe('reading a FileStore', () => {
  it('tells the three dialects apart by their header and line ends', () => {
    expect(parsed(`${NODE}\n${LINE}`).dialect).toEqual({ sdk: 'node', columns: 10, lineEnd: '\n' });
    expect(parsed(`${TS}\n${LINE}`).dialect).toEqual({ sdk: 'typescript', columns: 10, lineEnd: '\n' });
    expect(parsed(`${PY}\r\n${LINE}\r\n`).dialect).toEqual({ sdk: 'python', columns: 10, lineEnd: '\r\n' });
    for (const text of [`${NODE}\n${LINE}`, `${TS}\n${LINE}`, `${PY}\r\n${LINE}\r\n`]) {
      expect(parsed(text).rows).toEqual([{ line: 2, row: ROW }]);
    }
  });

  it('reads the nine columns of older SDKs, api_domain then null', () => {
    const old = parsed(`${TS.replace(',api_domain', '')}\n${LINE.replace(',https://www.zohoapis.eu', '')}`);
    expect(old.dialect.columns).toBe(9);
    expect(old.rows[0]?.row).toEqual({ ...ROW, apiDomain: null });
  });

  it("reads Python's quoted cells, a BOM, blank lines, and CRLF in a Node file", () => {
    const quoted = `${PY}\r\n1,,1000.A,"s,1","say ""hi""",a,,1,"https://x.example/cb?a=1,2",https://www.zohoapis.com\r\n`;
    expect(parsed(quoted).rows[0]?.row).toMatchObject({
      clientSecret: 's,1',
      refreshToken: 'say "hi"',
      redirectUrl: 'https://x.example/cb?a=1,2',
    });
    expect(parsed(`\uFEFF${NODE}\n\n${LINE}\n\n`).rows).toHaveLength(1);
    expect(parsed(`${NODE}\r\n${LINE}\r\n`).dialect).toEqual({ sdk: 'node', columns: 10, lineEnd: '\r\n' });
  });

  it('refuses, naming the line, what it would otherwise read wrong', () => {
    const failure = (text: string) => {
      const result = parseFileStore(text);
      return result.ok ? 'ok' : `${result.code}: ${result.message}`;
    };
    expect(failure('id,user,client\n1,2,3')).toMatch(/^filestore_bad_header/);
    expect(failure(`${NODE}\n${LINE},extra`)).toMatch(
      /^filestore_bad_row: Line 2 has 11 cells where the header has 10/,
    );
    expect(failure(`${PY}\r\n1,"unclosed,x`)).toMatch(/Line 2 opens a quoted value that never closes/);
    expect(failure(`${NODE}\n${LINE}\n2,,1000.A,s,,,,,,`)).toMatch(
      /Line 3: the row has no refresh, access or grant token/,
    );
    expect(failure(NODE)).toMatch(/^filestore_empty/);
  });
});

describe('writing a FileStore', () => {
  it("writes each SDK's bytes: Node and TypeScript LF without a last line end, Python CRLF throughout", () => {
    expect(writeFileStore([ROW], 'node')).toEqual({ ok: true, value: `${NODE}\n${LINE}` });
    expect(writeFileStore([ROW], 'typescript')).toEqual({ ok: true, value: `${TS}\n${LINE}` });
    expect(writeFileStore([ROW], 'python')).toEqual({ ok: true, value: `${PY}\r\n${LINE}\r\n` });
  });

  it('quotes for Python only where its csv writer would, and refuses what a Node SDK would split', () => {
    const odd = { ...ROW, redirectUrl: 'https://x.example/cb?a=1,2', clientSecret: 'a"b' };
    const python = writeFileStore([odd], 'python');
    expect(python.ok && python.value).toContain(',"a""b",');
    expect(python.ok && python.value).toContain(',"https://x.example/cb?a=1,2",');
    const node = writeFileStore([odd], 'node');
    expect(node).toMatchObject({ ok: false, code: 'filestore_unwritable_value' });
    expect(!node.ok && node.message).toMatch(/Row 1's redirect_url holds a comma/);
  });

  it('reads back what it writes, in every dialect', () => {
    for (const sdk of ['node', 'typescript', 'python'] as const) {
      const text = writeFileStore([ROW, { ...ROW, id: '2', userName: null, grantToken: '1000.g' }], sdk);
      expect(text.ok && parsed(text.value).rows.map((r) => r.row)).toEqual([
        ROW,
        { ...ROW, id: '2', userName: null, grantToken: '1000.g' },
      ]);
    }
  });
});

describe('rows and environments', () => {
  const eu = ZOHO_DCS.find((dc) => dc.id === 'eu') ?? expect.unreachable();

  it("maps a row onto Zoho's variables, secrets for the keychain only, and back", () => {
    const { variables, secrets } = rowVariables({ ...ROW, grantToken: '1000.g' }, eu);
    expect(variables.map((v) => [v.key, v.secret, v.value])).toEqual([
      ['client-id', false, '1000.ABC'],
      ['client-secret', true, null],
      ['redirect-uri', false, 'https://crm.example.com/cb'],
      ['accounts-url', false, 'https://accounts.zoho.eu'],
      ['access-token', true, null],
      ['refresh-token', true, null],
      ['api-domain', false, 'https://www.zohoapis.eu'],
      ['expiry-time', false, 1767603600000],
      ['sdk-row-id', false, '1'],
      ['sdk-user-name', false, 'ada@example.com:20050123'],
      ['grant-token', true, null],
    ]);
    expect(secrets.map((s) => s.key)).toEqual([
      'client-secret',
      'access-token',
      'refresh-token',
      'grant-token',
    ]);
    const values = new Map<string, string>(secrets.map((s) => [s.key, s.value]));
    for (const v of variables) {
      const cell = cellText(v.value);
      if (!v.secret && cell !== null) values.set(v.key, cell);
    }
    expect(rowFromVariables((key) => values.get(key) ?? null, {})).toEqual({ ...ROW, grantToken: '1000.g' });
  });

  it('finds the DC and API environment of production, sandbox and developer API domains, and nothing else', () => {
    const found = (apiDomain: string) => {
      const hit = dcOfApiDomain(ZOHO_DCS, apiDomain);
      return hit === undefined ? undefined : [hit.dc.id, hit.environment];
    };
    expect(found('https://www.zohoapis.com.au')).toEqual(['au', 'production']);
    expect(found('https://sandbox.zohoapis.eu')).toEqual(['eu', 'sandbox']);
    expect(found('https://developer.zohoapis.in/')).toEqual(['in', 'developer']);
    expect(found('https://www.zohoapis.eu.evil.example')).toBeUndefined();
  });

  it('splits the 8.0 user column into email and org id', () => {
    expect(sdkUser('ada@example.com:20050123')).toEqual({ email: 'ada@example.com', orgId: '20050123' });
    expect(sdkUser('ada@example.com')).toEqual({ email: 'ada@example.com', orgId: null });
    expect(sdkUser(null)).toBeNull();
  });
});
