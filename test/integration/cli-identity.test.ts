import { describe, expect, it } from 'vitest';
import type { TokenOutcome, TokenRow } from '../../shared/ipc/views';
import type { ScopeInfo } from '../../shared/scopes/catalog';
import { robotBrowser } from '../support/robot-browser';
import { ADA, EMIL } from '../support/sandbox-helpers';
import { useSandboxCli } from '../support/cli-sandbox';

const env = useSandboxCli();

/** `tokenbench authorize` for the demo client, Accepted by `user` in the robot browser. */
async function authorize(user: string, scopes: string, json = false) {
  const robot = robotBrowser({ userZuid: user, decision: 'accept' });
  const args = ['authorize', '--client', 'demo', '--scope', scopes, '--no-open', ...(json ? ['--json'] : [])];
  const running = env.cli.start(args);
  running.child.stdin.end();
  await robot.open(await running.line(/^http/, json ? 'stderr' : 'stdout'));
  const result = await running.done;
  expect(result.code, result.stderr).toBe(0);
  return result;
}

async function statusTokens(): Promise<TokenRow[]> {
  const status = await env.cli.run(['status', '--client', 'demo', '--json']);
  expect(status.code, status.stderr).toBe(0);
  return (JSON.parse(status.stdout) as { tokens: TokenRow[] }).tokens;
}

describe('tokens record who they act for (issue 10 part 4)', () => {
  it("records the user and the CRM org of each DC's consent, keeps them through a refresh, and shows them", async () => {
    await env.addClient('demo');
    const scopes = 'AaaServer.profile.Read,ZohoCRM.org.READ,ZohoCRM.modules.ALL';
    const issued = await authorize(ADA, scopes);
    expect(issued.stdout).toMatch(/user\s+ada\.lovelace@sandbox-us\.example \(Ada Lovelace\)/);
    expect(issued.stdout).toMatch(/CRM org\s+Tokenbench Sandbox US \(Production\) · id 8001234000000000017/);
    const eu = JSON.parse((await authorize(EMIL, scopes, true)).stdout) as TokenOutcome;
    expect(eu.dcId).toBe('sandbox-eu');
    expect(eu.accessToken.identity?.org).toMatchObject({
      state: 'known',
      value: { name: 'Tokenbench Sandbox EU', type: 'Production', zgid: '80054320' },
    });
    const refreshed = await env.cli.run([
      'refresh',
      '--client',
      'demo',
      '--refresh-token',
      (await statusTokens()).find((t) => t.kind === 'refresh' && t.userId === ADA)?.id ?? '',
    ]);
    expect(refreshed.code, refreshed.stderr).toBe(0);

    const tokens = await statusTokens();
    const ada = tokens.filter((t) => t.userId === ADA);
    expect(ada).toHaveLength(3);
    for (const token of ada) {
      expect(token.identity?.user).toEqual({
        state: 'known',
        value: { zuid: ADA, email: 'ada.lovelace@sandbox-us.example', displayName: 'Ada Lovelace' },
      });
      expect(token.identity?.org).toMatchObject({
        state: 'known',
        value: { id: '8001234000000000017', name: 'Tokenbench Sandbox US', zgid: '80012340' },
      });
    }
    const table = await env.cli.run(['status', '--client', 'demo']);
    expect(table.stdout).toMatch(/CRM ORG/);
    expect(table.stdout).toMatch(/ada\.lovelace@sandbox-us\.example\s+Tokenbench Sandbox US/);
    expect(table.stdout).toMatch(/emil\.artin@sandbox-eu\.example\s+Tokenbench Sandbox EU/);
    expect(table.stdout).toMatch(
      /refresh tokens, ada\.lovelace@sandbox-us\.example \(Tokenbench Sandbox US\)/,
    );
  });

  it('says "unknown" and which scope is missing when the scopes do not allow asking, and issues anyway', async () => {
    await env.addClient('demo');
    const issued = await authorize(ADA, 'ZohoCRM.modules.ALL');
    expect(issued.stdout).toMatch(/user\s+unknown user \(the token lacks AaaServer\.profile\.Read\)/);
    expect(issued.stdout).toMatch(/CRM org\s+unknown \(the token lacks ZohoCRM\.org\.READ\)/);
    const [token] = (await statusTokens()).filter((t) => t.kind === 'access');
    expect(token?.identity).toMatchObject({
      user: { state: 'unknown', reason: 'scope_missing', need: 'AaaServer.profile.Read' },
      org: { state: 'unknown', reason: 'scope_missing', need: 'ZohoCRM.org.READ' },
    });
    const books = await authorize(ADA, 'AaaServer.profile.Read,ZohoBooks.invoices.READ');
    expect(books.stdout).toMatch(/CRM org\s+none \(not a CRM token\)/);
  });

  it('tokenbench scopes finds a Books scope by its purpose, as the picker does', async () => {
    const found = await env.cli.run(['scopes', '--search', 'invoice', '--json']);
    expect(found.code, found.stderr).toBe(0);
    const scopes = JSON.parse(found.stdout) as ScopeInfo[];
    expect(scopes.map((s) => s.scope)).toContain('ZohoBooks.invoices.CREATE');
    expect(new Set(scopes.map((s) => s.product))).toEqual(new Set(['Books']));
    const desk = await env.cli.run(['scopes', '--product', 'desk']);
    expect(desk.stdout).toMatch(/Desk\.tickets\.READ\s+Desk/);
    const bad = await env.cli.run(['scopes', '--product', 'Excel']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--product "Excel" is not one of Accounts, CRM, Books/);
  });
});
