import { describe, expect, it } from 'vitest';
import type { LimitStatus, TokenOutcome, TokenRow } from '../../shared/ipc/views';
import type { EnvironmentRecord } from '../../shared/workspace/model';
import { ADA } from '../support/sandbox-helpers';
import type { CliResult } from '../support/cli-harness';
import { lines, useSandboxCli } from '../support/cli-sandbox';

const env = useSandboxCli();
const json = (result: CliResult): unknown => JSON.parse(result.stdout);

describe('tokenbench exchange, refresh, revoke and status', () => {
  it('exchanges a self-client code once; the second try exits 1 naming invalid_code', async () => {
    await env.addClient('self');
    const envFile = {
      name: 'Self env',
      values: [{ key: 'access-token', value: '', type: 'secret', enabled: true }],
    };
    const file = env.cli.inputFile('self.postman_environment.json', JSON.stringify(envFile));
    expect((await env.cli.run(['env', 'import', file])).code).toBe(0);
    const code = await env.selfClientCode();
    const first = await env.cli.run(['exchange', '--client', 'self', '--env', 'Self env', '--json'], {
      input: code,
    });
    expect(first.code, first.stderr).toBe(0);
    const outcome = json(first) as TokenOutcome;
    expect(outcome.refreshToken?.userId).toBe(ADA);
    const envs = json(await env.cli.run(['env', 'list', '--json'])) as EnvironmentRecord[];
    const variable = envs[0]?.variables.find((v) => v.key === 'access-token');
    expect(variable).toMatchObject({ secret: true, fingerprint: outcome.accessToken.fingerprint });

    const asJson = await env.cli.run(['exchange', '--client', 'self', '--json'], { input: code });
    expect(asJson.code).toBe(1);
    expect(json(asJson)).toMatchObject({ ok: false, code: 'invalid_code', zohoError: 'invalid_code' });
    const again = await env.cli.run(['exchange', '--client', 'self'], { input: `${code}\n` });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(lines(again.stderr)).toEqual([
      expect.stringMatching(/^tokenbench: invalid_code: .*Generate a new grant code/),
    ]);
  });

  it('refreshes until the guard refuses (exit 3, with when), --force meets Access Denied, then revokes', async () => {
    await env.addClient('self');
    const outcome = json(
      await env.cli.run(['exchange', '--client', 'self', '--json'], { input: await env.selfClientCode() }),
    ) as TokenOutcome;
    const rt = outcome.refreshToken?.id ?? '';
    // The exchange's access token counts toward the refresh token's 10 per 10 minutes (the
    // profile's exchangeAccessTokenCounts), so 9 refreshes fit and the 10th would be the 11th token.
    const allowed =
      env.sandbox.profile.access.perWindow - (env.sandbox.profile.exchangeAccessTokenCounts ? 1 : 0);
    for (let i = 0; i < allowed; i++) {
      const args =
        i === 0 ? ['refresh', '--client', 'self', '--refresh-token', rt] : ['refresh', '--client', 'self'];
      const refreshed = await env.cli.run(args);
      expect(refreshed.code, refreshed.stderr).toBe(0);
      expect(refreshed.stdout).toContain(rt);
    }
    const refused = await env.cli.run(['refresh', '--client', 'self']);
    expect(refused.code).toBe(3);
    expect(lines(refused.stderr)).toEqual([
      expect.stringMatching(
        /^tokenbench: limit_guard: Zoho would answer Access Denied: 10 of 10 access tokens .* Allowed again at \d\d:\d\d:\d\d \(in \d+ min.*\)\. Run it again with --force/,
      ),
    ]);

    const forced = await env.cli.run(['refresh', '--client', 'self', '--force']);
    expect(forced.code).toBe(1);
    expect(lines(forced.stderr)).toEqual([
      expect.stringMatching(/^tokenbench: Access Denied: .*Wait until the rolling window frees a slot/),
    ]);

    const status = json(await env.cli.run(['status', '--client', 'self', '--json'])) as {
      tokens: TokenRow[];
      limits: LimitStatus;
    };
    expect(status.tokens.filter((t) => t.kind === 'access' && t.status === 'active')).toHaveLength(10);
    const usage = status.limits.clients[0]?.refreshTokens[0];
    expect(usage).toMatchObject({ refreshTokenId: rt, access: { used: 10, allowed: 10 } });
    expect(usage?.access.allowedAt).toBeGreaterThan(Date.now());
    const table = await env.cli.run(['status']);
    expect(table.stdout).toMatch(
      /^ID\s+KIND\s+STATUS\s+FINGERPRINT\s+DC\s+USER\s+CRM ORG\s+CREATED\s+EXPIRES IN/,
    );
    expect(table.stdout).toMatch(
      new RegExp(`access tokens, ${rt}\\s+10/10\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+10/15`),
    );

    const revoked = await env.cli.run(['revoke', '--client', 'self', '--refresh-token', rt, '--json']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(json(revoked) as { revoked: string; accessTokens: string[] }).toMatchObject({ revoked: rt });
    const after = json(await env.cli.run(['status', '--json'])) as { tokens: TokenRow[] };
    expect(after.tokens.find((t) => t.id === rt)?.status).toBe('revoked');
    expect([...(await env.cli.keychain()).keys()].filter((k) => k.startsWith('refresh-token:'))).toEqual([]);
    const gone = await env.cli.run(['refresh', '--client', 'self']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('no_refresh_token');
  }, 120_000);

  it('refuses a refresh token of another client, or an unknown id, with exit 2 and the live ids', async () => {
    await env.addClient('self');
    await env.addClient('demo');
    const outcome = json(
      await env.cli.run(['exchange', '--client', 'self', '--json'], { input: await env.selfClientCode() }),
    ) as TokenOutcome;
    const rt = outcome.refreshToken?.id ?? '';
    const wrongClient = await env.cli.run(['revoke', '--client', 'demo', '--refresh-token', rt]);
    expect(wrongClient.code).toBe(2);
    expect(wrongClient.stderr).toContain('client "demo" has no refresh token');
    const unknown = await env.cli.run(['refresh', '--client', 'self', '--refresh-token', 'rt_nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `its live refresh tokens are ${rt} (${outcome.refreshToken?.fingerprint ?? ''})`,
    );
  });
});
