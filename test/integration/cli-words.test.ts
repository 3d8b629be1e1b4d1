import { describe, expect, it } from 'vitest';
import type { ArgsOf, ChannelName, ValueOf } from '../../shared/ipc/contract';
import type { GuardRefusal } from '../../shared/ipc/views';
import { dispatch } from '../../electron/services/workbench/handlers';
import { createWorkbench, type Workbench } from '../../electron/services/workbench/workbench';
import { createKeytarVault } from '../../electron/services/vault/keytar-vault';
import type { CliResult } from '../support/cli-harness';
import { lines, useSandboxCli } from '../support/cli-sandbox';
import { ADA, selfClientCode } from '../support/sandbox-helpers';

/**
 * What the CLI says is made from the failure's data, never from a sentence (issue 7, item 8): the
 * limit profile's own numbers in the guard's line, and Zoho's `error` and `error_description` quoted
 * exactly as the sandbox sent them. History is made by the same services in this process, on the
 * same data folder and keychain, on a clock some minutes behind; then the real `tokenbench` runs.
 */
const env = useSandboxCli();
const MINUTE = 60_000;
const ZOHO_DESCRIPTION = 'You have made too many requests continuously. Please try again after some time.';
const json = (result: CliResult): unknown => JSON.parse(result.stdout);

/** The workbench over the CLI's own folder and keychain service, with a clock `offset()` away. */
function sameWorkspace(offset: () => number): Workbench {
  const opened = createWorkbench({
    home: env.cli.home,
    vault: createKeytarVault({ service: env.cli.service }),
    now: () => Date.now() + offset(),
    openBrowser: () => Promise.resolve(undefined),
    clipboard: { writeText: () => Promise.reject(new Error('no clipboard in this test')) },
  });
  if (!opened.ok) throw new Error(opened.message);
  return opened.value;
}

async function call<C extends ChannelName>(wb: Workbench, channel: C, args: ArgsOf<C>): Promise<ValueOf<C>> {
  const result = await dispatch(wb.handlers, channel, args);
  if (!result.ok) throw new Error(`${channel}: ${result.code}: ${result.message}`);
  return result.value as ValueOf<C>;
}

/** A self-client code exchanged, then `refreshes` refreshes; the oldest access token stays in "Nightly job". */
async function makeHistory(wb: Workbench, refreshes: number): Promise<{ oldest: string }> {
  const client = (await call(wb, 'clients:list', {})).find((c) => c.name === 'self');
  if (client === undefined) throw new Error('the CLI added no client "self"');
  const { code } = await selfClientCode(env.sandbox, { userZuid: ADA });
  const exchanged = await call(wb, 'tokens:exchange-code', { clientRef: client.id, code });
  for (let i = 0; i < refreshes; i++) await call(wb, 'tokens:refresh', { clientRef: client.id });
  const nightly = await call(wb, 'environments:save', {
    name: 'Nightly job',
    clientRef: client.id,
    dcId: 'sandbox-us',
    autoRefresh: false,
  });
  const ref = { kind: 'token', tokenId: exchanged.accessToken.id } as const;
  const { value } = await call(wb, 'secrets:reveal', { ref });
  await call(wb, 'environments:set-variable', {
    environmentId: nightly.id,
    key: 'access-token',
    value,
    secret: true,
  });
  return { oldest: exchanged.accessToken.fingerprint };
}

describe('the words of tokenbench, from data', () => {
  it('names the caps of the profile in force: under "10 live access tokens" the 11th, not the 16th', async () => {
    await env.addClient('self');
    let offset = -20 * MINUTE;
    const wb = sameWorkspace(() => offset);
    let oldest: string;
    try {
      await call(wb, 'limits:set-profile', { id: 'ten-alive' });
      // Twenty minutes ago: the exchange and 9 refreshes, 10 live access tokens, the most this
      // profile keeps. Their rate window has passed since; their hour of life has not.
      ({ oldest } = await makeHistory(wb, 9));
      offset = 0;
    } finally {
      await wb.close();
    }

    const refused = await env.cli.run(['refresh', '--client', 'self']);
    expect(refused.code).toBe(3);
    expect(lines(refused.stderr)).toEqual([
      `tokenbench: limit_guard: Zoho would silently delete access token ${oldest}, used by environment Nightly job (the 11th live access token evicts the oldest). Run it again with --force to do it anyway.`,
    ]);

    const asJson = await env.cli.run(['refresh', '--client', 'self', '--json']);
    expect(asJson.code).toBe(3);
    const failure = json(asJson) as { code: string; detail: GuardRefusal };
    expect(failure.code).toBe('limit_guard');
    expect(failure.detail.profile).toMatchObject({ id: 'ten-alive', access: { maxAlive: 10 } });
    expect(Object.values(failure.detail.tokens)).toContainEqual({
      fingerprint: oldest,
      environments: ['Nightly job'],
    });

    const status = await env.cli.run(['status', '--client', 'self']);
    expect(status.stdout).toContain('Limits: 10 live access tokens');
    expect(status.stdout).toMatch(/\s10\/10\s*$/m);
  }, 60_000);

  it("quotes Zoho's error and error_description as Zoho sent them, in the line and in --json", async () => {
    await env.addClient('self');
    const wb = sameWorkspace(() => 0);
    try {
      await makeHistory(wb, 9); // 10 access tokens in the window: the rate is full
    } finally {
      await wb.close();
    }
    const forced = await env.cli.run(['refresh', '--client', 'self', '--force']);
    expect(forced.code).toBe(1);
    // One line: the words, Zoho's own, and where the whole exchange is (the traffic console).
    const [line = '', ...more] = lines(forced.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(/ The exchange, raw: tokenbench log --id \d+\.$/);
    expect(line.replace(/ The exchange, raw: tokenbench log --id \d+\.$/, '')).toBe(
      `tokenbench: Access Denied: Token limit exceeded: Wait until the rolling window frees a slot (the limit meters show when), and reuse live access tokens instead of making new ones. Zoho answered error "Access Denied", error_description "${ZOHO_DESCRIPTION}", HTTP 200.`,
    );

    const asJson = await env.cli.run(['refresh', '--client', 'self', '--force', '--json']);
    expect(asJson.code).toBe(1);
    expect(json(asJson)).toMatchObject({
      ok: false,
      code: 'access_denied_limit',
      zoho: { error: 'Access Denied', description: ZOHO_DESCRIPTION, status: 200 },
      request: { kind: 'refresh' },
    });
  }, 60_000);
});
