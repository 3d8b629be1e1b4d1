import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import type { StoreRowsPage } from '../../shared/stores/views';
import { lines, useSandboxCli } from '../support/cli-sandbox';
import { mariadbSkipReason, startMariaDb, type MariaDb } from '../support/mariadb';
import { robotBrowser } from '../support/robot-browser';
import {
  ADA,
  advance,
  grantTokens,
  refresh,
  selfClientCode,
  str,
  tokenCall,
} from '../support/sandbox-helpers';
import { checksum, insertRows, sdkRow, type SdkRow } from '../support/store-rows';
import { sdkFindToken } from '../support/zoho-sdk';
import { AUTHORIZE_DEMO } from '../support/cli-consent';

/**
 * A server's token store beside the CLI's own tokens, against the sandbox DC and a real MariaDB:
 * handing a token over (read-only refused, the replaced row named before anything is written, the
 * row then read by Zoho's own SDK DBStore), and the limit guard naming a store-held refresh token
 * that an exchange would make Zoho delete, proven by the sandbox deleting exactly that one.
 */
const skip = mariadbSkipReason !== undefined;
const title = `tokenbench store with the sandbox and MariaDB${skip ? ` (SKIPPED: ${String(mariadbSkipReason)})` : ''}`;

const ADA_EMAIL = 'ada.lovelace@sandbox-us.example';
/** What the SDK's findUser writes: email, then the CRM org id. */
const ADA_SDK_USER = `${ADA_EMAIL}:70000123`;

const env = useSandboxCli();

describe.skipIf(skip)(title, () => {
  let db: MariaDb;
  let reader: string;
  let writer: string;

  beforeAll(async () => {
    db = await startMariaDb();
    reader = await db.addUser('reader', 'SELECT');
    writer = await db.addUser('writer', 'SELECT, INSERT, UPDATE');
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const addStore = (user: 'reader' | 'writer', extra: readonly string[] = []) =>
    env.cli.run(
      [
        'store',
        'add',
        '--name',
        'CRM prod',
        '--host',
        '127.0.0.1',
        '--port',
        String(db.port),
        '--user',
        user,
        ...extra,
      ],
      { input: user === 'reader' ? reader : writer },
    );

  /** The self client in the CLI, with one refresh token of Ada's made by `tokenbench exchange`. */
  async function adasToken(): Promise<TokenOutcome> {
    await env.addClient('self');
    // The grant code goes in on standard input, never in argv.
    const made = await env.cli.run(['exchange', '--client', 'self', '--json'], {
      input: await env.selfClientCode(),
    });
    expect(made.code, made.stderr).toBe(0);
    return JSON.parse(made.stdout) as TokenOutcome;
  }

  /** A refresh token of Ada's minted at the sandbox by someone else (a server), as the SDK would store it. */
  async function mintedElsewhere(): Promise<string> {
    const self = env.sandbox.clients.self;
    const { code } = await selfClientCode(env.sandbox, { userZuid: ADA, scope: 'ZohoCRM.modules.ALL' });
    const { body } = await tokenCall(env.sandbox.url, {
      grant_type: 'authorization_code',
      client_id: self.clientId,
      client_secret: self.clientSecret,
      code,
    });
    return str(body.refresh_token);
  }

  it('hands a token over only to a writable store, naming the row it replaces; the SDK then reads it', async () => {
    await db.query('DELETE FROM zohooauth.oauthtoken');
    const self = env.sandbox.clients.self;
    const theirs: SdkRow[] = [
      sdkRow(1, { user_name: ADA_SDK_USER, client_id: self.clientId, client_secret: self.clientSecret }),
      sdkRow(2, { client_id: self.clientId }),
    ];
    await insertRows(db, theirs);
    const outcome = await adasToken();
    const rt = outcome.refreshToken;
    if (rt === null) throw new Error('the exchange made no refresh token');

    expect((await addStore('writer')).code).toBe(0);
    const before = await checksum(db);
    const readOnly = await env.cli.run(['store', 'hand-over', 'CRM prod', '--client', 'self', '--yes']);
    expect(readOnly.code).toBe(1);
    expect(lines(readOnly.stderr)).toEqual([
      'tokenbench: store_read_only: Token store "CRM prod" is read-only in Tokenbench, so nothing was written. A server depends on its rows: allow writes to it first (the Stores tab, or tokenbench store add --writable), then hand the token over again.',
    ]);
    expect(await checksum(db)).toBe(before);

    expect((await env.cli.run(['store', 'remove', 'CRM prod'])).code).toBe(0);
    expect((await addStore('writer', ['--writable'])).code).toBe(0);
    const asked = await env.cli.run(['store', 'hand-over', 'CRM prod', '--client', 'self']);
    expect(asked.code).toBe(1);
    const plan = lines(asked.stdout);
    expect(plan[0]).toBe(`Hand refresh token ${rt.fingerprint} (${rt.id}) to token store "CRM prod":`);
    expect(plan[1]).toBe(
      `  replaces  row 1: user ${ADA_SDK_USER}, refresh token …${(theirs[0]?.refresh_token ?? '').slice(-4)} (minted elsewhere; it stays live at Zoho until revoked)`,
    );
    expect(plan[2]).toBe(`  user      ${ADA_SDK_USER}`);
    expect(plan[3]).toMatch(new RegExp(`^  access    ${outcome.accessToken.fingerprint}, expires `));
    expect(plan[4]).toBe(
      '  writes    user_name, client_id, client_secret, refresh_token, access_token, grant_token, expiry_time, redirect_url, api_domain',
    );
    expect(lines(asked.stderr)).toEqual([
      'tokenbench: not_confirmed: Nothing was written. Run it again with --yes to replace row 1.',
    ]);
    expect(await checksum(db)).toBe(before);

    const done = await env.cli.run(['store', 'hand-over', 'CRM prod', '--client', 'self', '--yes']);
    expect(done.code, done.stderr).toBe(0);
    expect(lines(done.stdout).at(-1)).toBe(
      `Wrote row 1: user ${ADA_SDK_USER}, refresh token ${rt.fingerprint} (Tokenbench's ${rt.id}, active) in "CRM prod".`,
    );
    const keychain = await env.cli.keychain();
    const found = await sdkFindToken(db, 'writer', writer, ADA_SDK_USER);
    expect(found).toEqual({
      id: '1',
      userName: ADA_SDK_USER,
      clientId: self.clientId,
      refreshToken: keychain.get(`refresh-token:${rt.id}`),
      accessToken: keychain.get(`access-token:${outcome.accessToken.id}`),
      expiresIn: String(outcome.accessToken.expiresAt),
      apiDomain: outcome.accessToken.apiDomain,
    });
    const [secret] = await db.query<{ client_secret: string }>(
      "SELECT client_secret FROM zohooauth.oauthtoken WHERE id = '1'",
    );
    expect(secret?.client_secret).toBe(self.clientSecret);
    const [other] = await db.query<{ refresh_token: string }>(
      "SELECT refresh_token FROM zohooauth.oauthtoken WHERE id = '2'",
    );
    expect(other?.refresh_token).toBe(theirs[1]?.refresh_token);

    const page = JSON.parse(
      (await env.cli.run(['store', 'show', 'CRM prod', '--json'])).stdout,
    ) as StoreRowsPage;
    expect(page.rows[0]).toMatchObject({
      rowId: '1',
      refreshFingerprint: rt.fingerprint,
      known: { tokenId: rt.id, status: 'active', userId: ADA, userLabel: ADA_EMAIL, confirmed: true },
    });
  }, 90_000);

  it('refuses an exchange that would evict a refresh token a server holds, naming the store and row', async () => {
    await db.query('DELETE FROM zohooauth.oauthtoken');
    const self = env.sandbox.clients.self;
    // 19 of Ada's refresh tokens minted by a server before Tokenbench made its own: Zoho's 20.
    // Zoho allows 10 refresh tokens (and grant codes) per 10 minutes, so the sandbox clock moves on.
    const elsewhere: string[] = [];
    for (let i = 0; i < 19; i++) {
      if (i === 9) await advance(env.sandbox, 601);
      elsewhere.push(await mintedElsewhere());
    }
    await advance(env.sandbox, 601);
    await adasToken();
    await insertRows(
      db,
      elsewhere.map((token, i) =>
        sdkRow(i + 1, { user_name: ADA_SDK_USER, client_id: self.clientId, refresh_token: token }),
      ),
    );
    expect((await addStore('reader')).code).toBe(0);
    const code = await env.selfClientCode();

    const refused = await env.cli.run(['exchange', '--client', 'self'], { input: code });
    expect(refused.code).toBe(3);
    const oldest = `…${(elsewhere[0] ?? '').slice(-4)}`;
    expect(lines(refused.stderr)).toEqual([
      `tokenbench: limit_guard: If ${ADA_EMAIL} is the one who signs in, Zoho would silently delete refresh token ${oldest}, held by token store "CRM prod" (row 1): the server using it would fail at its next refresh (${ADA_EMAIL} has 20 live refresh tokens, 19 of them minted elsewhere and held by token stores, whose age Tokenbench cannot know, so it takes them for the oldest; the 21st deletes the oldest). Run it again with --force to do it anyway.`,
    ]);
    // The guard stopped it before the code was spent: the sandbox still has Ada's 20.
    expect(await refresh(env.sandbox, elsewhere[0] ?? '', env.sandbox.url, self)).toHaveProperty(
      'access_token',
    );

    const forced = await env.cli.run(['exchange', '--client', 'self', '--force'], { input: code });
    expect(forced.code, forced.stderr).toBe(0);
    // Zoho deleted the server's oldest refresh token, the one the guard named, and no other.
    expect(await refresh(env.sandbox, elsewhere[0] ?? '', env.sandbox.url, self)).toEqual({
      error: 'invalid_code',
    });
    expect(await refresh(env.sandbox, elsewhere[1] ?? '', env.sandbox.url, self)).toHaveProperty(
      'access_token',
    );
  }, 90_000);

  it('refuses a consent that would evict a refresh token a server holds, before the browser opens', async () => {
    await db.query('DELETE FROM zohooauth.oauthtoken');
    const demo = env.sandbox.demoClient;
    await env.addClient('demo');
    // 19 of Ada's refresh tokens for the demo client, minted by a server's consents, 10 per 10 minutes.
    const elsewhere: string[] = [];
    for (let i = 0; i < 19; i++) {
      if (i === 9) await advance(env.sandbox, 601);
      const tokens = await grantTokens(env.sandbox, {
        user: ADA,
        prompt: 'consent',
        scope: 'ZohoCRM.modules.ALL',
      });
      elsewhere.push(str(tokens.refresh_token));
    }
    await advance(env.sandbox, 601);
    await insertRows(
      db,
      elsewhere.map((token, i) =>
        sdkRow(i + 1, { user_name: ADA_SDK_USER, client_id: demo.clientId, refresh_token: token }),
      ),
    );
    const authorize = (extra: readonly string[] = []) => {
      const running = env.cli.start([...AUTHORIZE_DEMO, ...extra]);
      running.child.stdin.end();
      return running;
    };
    // Tokenbench's own consent for Ada: the 20th.
    const first = authorize();
    await robotBrowser({ userZuid: ADA, decision: 'accept' }).open(await first.line(/^http/));
    expect((await first.done).code).toBe(0);
    expect((await addStore('reader')).code).toBe(0);

    const refused = await authorize().done;
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(lines(refused.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^tokenbench: limit_guard: If ${ADA_EMAIL.replace(/\./g, '\\.')} is the one who signs in, Zoho would silently delete refresh token …${(elsewhere[0] ?? '').slice(-4)}, held by token store "CRM prod" \\(row 1\\): the server using it would fail at its next refresh`,
        ),
      ),
    ]);

    const forced = authorize(['--force']);
    await robotBrowser({ userZuid: ADA, decision: 'accept' }).open(await forced.line(/^http/));
    expect((await forced.done).code).toBe(0);
    expect(await refresh(env.sandbox, elsewhere[0] ?? '')).toEqual({ error: 'invalid_code' });
    expect(await refresh(env.sandbox, elsewhere[1] ?? '')).toHaveProperty('access_token');
  }, 120_000);
});
