import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenStoreRecord } from '../../shared/stores/model';
import type { StoreRowsPage } from '../../shared/stores/views';
import { CliWorkspace, leaks, type CliResult } from '../support/cli-harness';
import { mariadbSkipReason, startMariaDb, type MariaDb } from '../support/mariadb';
import { checksum, insertRows, sdkRow, secretsOf, zohoToken, type SdkRow } from '../support/store-rows';
import { sdkSaveToken } from '../support/zoho-sdk';

/**
 * `tokenbench store` as a child process against a real MariaDB holding the Zoho SDK's table: rows
 * listed as tokens a page at a time, read-only by default, and every bad store (unreachable, wrong
 * table, wrong credentials, rows that are not tokens) refused with one clear line and nothing
 * changed: no store recorded, no password in the keychain, the table as it was.
 */
const skip = mariadbSkipReason !== undefined;
const title = `tokenbench store against MariaDB${skip ? ` (SKIPPED: ${String(mariadbSkipReason)})` : ''}`;

const lines = (text: string): string[] => text.trimEnd().split('\n');

describe.skipIf(skip)(title, () => {
  let db: MariaDb;
  let reader: string;
  let cli: CliWorkspace;
  let rows: SdkRow[];
  const seen: { name: string; text: string }[] = [];

  beforeAll(async () => {
    db = await startMariaDb();
    reader = await db.addUser('reader', 'SELECT');
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    cli = new CliWorkspace();
    await db.query('DELETE FROM zohooauth.oauthtoken');
    rows = [1, 2, 3, 4, 5].map((id) => sdkRow(id));
    await insertRows(db, rows);
  });
  afterEach(async () => {
    seen.push(...cli.dataFiles().map((f) => ({ name: f.path, text: f.text })));
    seen.push(...cli.outputs.map((text, i) => ({ name: `output ${String(i)}`, text })));
    expect(leaks([...secretsOf(rows), reader], seen)).toEqual([]);
    await cli.close();
  });

  const add = (name: string, password: string, extra: readonly string[] = []): Promise<CliResult> =>
    cli.run(
      [
        'store',
        'add',
        '--name',
        name,
        '--host',
        '127.0.0.1',
        '--port',
        String(db.port),
        '--user',
        'reader',
        ...extra,
      ],
      { input: password },
    );

  /** Nothing recorded, no password in the keychain, the table unchanged. */
  async function expectNothingChanged(before: string): Promise<void> {
    const listed = await cli.run(['store', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
    expect([...(await cli.keychain()).keys()].filter((a) => a.startsWith('store-password:'))).toEqual([]);
    expect(await checksum(db)).toBe(before);
  }

  it('lists the rows as tokens a page at a time, read-only by default, never printing a value', async () => {
    const added = await add('CRM prod', reader);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^Added token store "CRM prod" \(reader@127\.0\.0\.1:\d+\/zohooauth\.oauthtoken\), read-only; its password is in the /,
    );
    const [store] = JSON.parse((await cli.run(['store', 'list', '--json'])).stdout) as TokenStoreRecord[];
    expect(store).toMatchObject({ name: 'CRM prod', writable: false, hasPassword: true, user: 'reader' });
    expect((await cli.keychain()).get(`store-password:${store?.id ?? ''}`)).toBe(reader);

    const first = await cli.run(['store', 'show', 'CRM prod', '--limit', '3']);
    expect(first.code, first.stderr).toBe(0);
    const out = lines(first.stdout);
    expect(out[0]).toMatch(/^Token store "CRM prod" \(.*\), read-only$/);
    expect(out[1]).toMatch(/^ROW\s+USER\s+CLIENT ID\s+REFRESH\s+IN TOKENBENCH\s+ACCESS TOKEN EXPIRES$/);
    expect(out.slice(2, 5)).toEqual(
      rows
        .slice(0, 3)
        .map((r): unknown =>
          expect.stringMatching(
            new RegExp(
              `^${r.id}\\s+${r.user_name ?? ''}\\s+${r.client_id ?? ''}\\s+…${(r.refresh_token ?? '').slice(-4)}\\s+minted elsewhere\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(in 4\\d min`,
            ),
          ),
        ),
    );
    expect(out[5]).toBe('More rows: tokenbench store show "CRM prod" --after 3');
    const rest = JSON.parse(
      (await cli.run(['store', 'show', 'CRM prod', '--after', '3', '--json'])).stdout,
    ) as StoreRowsPage;
    expect(rest.rows.map((r) => r.rowId)).toEqual(['4', '5']);
    expect(rest.nextAfter).toBeNull();
    expect(rest.rows[0]).toMatchObject({ known: null, problems: [], hasClientSecret: true });
  });

  it("reads the rows Zoho's own SDK DBStore saved as tokens", async () => {
    await db.query('DELETE FROM zohooauth.oauthtoken');
    const sdkUser = 'sdkwriter';
    const writer = await db.addUser(sdkUser, 'SELECT, INSERT, UPDATE');
    const saved = ['ada@example.com:70000123', 'grace@example.com:70000123'].map((userName) => ({
      clientId: '1000.SDKCLIENT',
      clientSecret: 'e'.repeat(42),
      refreshToken: zohoToken(),
      userName,
    }));
    rows = saved.map((t, i) =>
      sdkRow(i + 1, { refresh_token: t.refreshToken, client_secret: t.clientSecret }),
    );
    for (const token of saved) await sdkSaveToken(db, sdkUser, writer, token);
    expect((await add('SDK store', reader)).code).toBe(0);
    const page = JSON.parse(
      (await cli.run(['store', 'show', 'SDK store', '--json'])).stdout,
    ) as StoreRowsPage;
    expect(page.rows.map((r) => [r.rowId, r.user, r.clientId, r.refreshFingerprint, r.problems])).toEqual(
      saved.map((t, i) => [String(i + 1), t.userName, t.clientId, `…${t.refreshToken.slice(-4)}`, []]),
    );
  }, 60_000);

  it('refuses a store it cannot reach, and adds nothing', async () => {
    const before = await checksum(db);
    const refused = await cli.run(
      ['store', 'add', '--name', 'Gone', '--host', '127.0.0.1', '--port', '1', '--user', 'reader'],
      { input: reader },
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(lines(refused.stderr)).toEqual([
      expect.stringMatching(
        /^tokenbench: store_unreachable: Tokenbench could not reach the database of token store "Gone" \(reader@127\.0\.0\.1:1\/zohooauth\.oauthtoken\) at 127\.0\.0\.1:1 \(ECONNREFUSED\)\. Check that the database server runs there .*nothing was changed\.$/,
      ),
    ]);
    await expectNothingChanged(before);
  });

  it('refuses wrong credentials, and adds nothing', async () => {
    const before = await checksum(db);
    const refused = await add('CRM prod', 'not-the-password');
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toEqual([
      expect.stringMatching(
        /^tokenbench: store_access_denied: The database refused user "reader" for token store "CRM prod" .*Access denied for user 'reader'.*Check the user name and password .*nothing was changed\.$/,
      ),
    ]);
    expect(refused.stderr).not.toContain('not-the-password');
    await expectNothingChanged(before);
  });

  it('refuses a wrong table (missing, or not the SDK columns) and a missing database, and adds nothing', async () => {
    await db.query('CREATE TABLE IF NOT EXISTS zohooauth.accounts (id INT PRIMARY KEY, email VARCHAR(255))');
    const before = await checksum(db);
    const missing = await add('A', reader, ['--table', 'oauth_tokens']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^tokenbench: store_table_missing: There is no table "oauth_tokens" in database "zohooauth" .*The SDK's default is "oauthtoken"; give the table your server's SDK uses\. Nothing was changed\.\n$/,
    );
    const other = await add('B', reader, ['--table', 'accounts']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(
      /^tokenbench: store_wrong_table: Table zohooauth\.accounts of token store "B" .* is not a Zoho SDK token table: it has no column user_name, client_id, client_secret, refresh_token, access_token, grant_token, expiry_time, redirect_url\. .*Nothing was changed\.\n$/,
    );
    const noDb = await add('C', reader, ['--database', 'crm_tokens']);
    expect(noDb.code).toBe(1);
    // MariaDB answers a database the user may not see as access denied, not as missing.
    expect(noDb.stderr).toMatch(/^tokenbench: store_(database_missing|access_denied): .*crm_tokens.*\n$/);
    const badName = await add('D', reader, ['--table', 'oauthtoken; DROP TABLE x']);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/the table must be 1 to 64 letters, digits, _ or \$/);
    await expectNothingChanged(before);
  });

  it('refuses a table whose rows are not tokens, naming the rows and why, and adds nothing', async () => {
    await insertRows(db, [
      sdkRow(6, { refresh_token: 'hello', access_token: null }),
      sdkRow(7, { expiry_time: 'tomorrow' }),
      sdkRow(8, { client_id: 'crm-app' }),
    ]);
    const before = await checksum(db);
    const refused = await add('CRM prod', reader);
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toEqual([
      'tokenbench: store_rows_not_tokens: 3 of the first 8 rows of reader@127.0.0.1:' +
        `${String(db.port)}/zohooauth.oauthtoken are not Zoho SDK tokens (row 6: refresh_token is not a Zoho token (1000.….…); ` +
        'row 7: expiry_time is not epoch milliseconds; row 8: client_id is not a Zoho client id (1000.…)). ' +
        "Point Tokenbench at the table your server's SDK keeps its tokens in, or fix those rows; nothing was changed.",
    ]);
    await expectNothingChanged(before);
  });

  it('a store that goes bad after it was added says why on show, and stays as it was', async () => {
    expect((await add('CRM prod', reader)).code).toBe(0);
    await insertRows(db, [sdkRow(9, { refresh_token: 'not-a-token' })]);
    const flagged = await cli.run(['store', 'show', 'CRM prod', '--after', '5']);
    expect(flagged.code).toBe(0);
    expect(flagged.stdout).toMatch(/\n9\s+.*not a token: refresh_token is not a Zoho token \(1000\.….…\)/);

    await db.query('RENAME TABLE zohooauth.oauthtoken TO zohooauth.oauthtoken_old');
    try {
      const gone = await cli.run(['store', 'show', 'CRM prod']);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toMatch(/^tokenbench: store_table_missing: There is no table "oauthtoken"/);
    } finally {
      await db.query('RENAME TABLE zohooauth.oauthtoken_old TO zohooauth.oauthtoken');
    }
    const listed = JSON.parse((await cli.run(['store', 'list', '--json'])).stdout) as TokenStoreRecord[];
    expect(listed.map((s) => s.name)).toEqual(['CRM prod']);
  });
});
