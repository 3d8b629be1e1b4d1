import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { createKeytarVault } from '../../electron/services/vault/keytar-vault';
import { dispatch } from '../../electron/services/workbench/handlers';
import { createWorkbench } from '../../electron/services/workbench/workbench';
import type { ExchangeDetail } from '../../shared/traffic/exchange';
import type { CliResult } from '../support/cli-harness';
import { issuedSecrets, issuedSecretsDir, leaks } from '../support/cli-harness';
import { useSandboxCli } from '../support/cli-sandbox';

/**
 * The traffic console through the CLI against the sandbox (issue 10 part 5): an exchange, a refresh
 * and a refused exchange are recorded by one `tokenbench` process and read back by another, raw and
 * redacted; the HAR it writes passes the HAR 1.2 schema (har-validator) and holds no issued secret.
 */
const env = useSandboxCli();
const json = (result: CliResult): unknown => JSON.parse(result.stdout);
const harValidator = createRequire(import.meta.url)('har-validator') as {
  har(data: unknown): Promise<unknown>;
};

interface LogJson {
  readonly total: number;
  readonly exchanges: readonly ExchangeDetail[];
}

async function exchangeAndRefresh(): Promise<{ outcome: TokenOutcome; refusedId: number }> {
  await env.addClient('self');
  const code = await env.selfClientCode();
  const first = await env.cli.run(['exchange', '--client', 'self', '--json'], { input: code });
  expect(first.code, first.stderr).toBe(0);
  const refreshed = await env.cli.run(['refresh', '--client', 'self']);
  expect(refreshed.code, refreshed.stderr).toBe(0);
  // The same code again: Zoho's invalid_code, and the failure names the exchange behind it.
  const again = await env.cli.run(['exchange', '--client', 'self', '--json'], { input: code });
  expect(again.code).toBe(1);
  const failure = json(again) as { code: string; exchangeId?: number };
  expect(failure.code).toBe('invalid_code');
  expect(failure.exchangeId).toEqual(expect.any(Number));
  return { outcome: json(first) as TokenOutcome, refusedId: failure.exchangeId ?? 0 };
}

describe('tokenbench log', () => {
  it('--json lists the exchange, the refresh and the refusal, raw and redacted, newest first', async () => {
    const { refusedId } = await exchangeAndRefresh();
    const log = await env.cli.run(['log', '--json']);
    expect(log.code, log.stderr).toBe(0);
    const { total, exchanges } = json(log) as LogJson;
    expect(total).toBe(exchanges.length);
    const kinds = exchanges.map((e) => `${e.kind}:${e.outcome}`);
    expect(kinds[0]).toBe('exchange:error');
    expect(kinds).toContain('refresh:ok');
    expect(kinds).toContain('exchange:ok');
    expect(exchanges.every((e) => e.clientName === 'self')).toBe(true);

    const refused = exchanges.find((e) => e.id === refusedId);
    expect(refused).toMatchObject({
      kind: 'exchange',
      outcome: 'error',
      zohoError: 'invalid_code',
      status: 200,
    });
    expect(refused?.response?.body).toContain('"error":"invalid_code"');
    const sent = new URLSearchParams(refused?.request.body ?? '');
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.get('client_secret')).toMatch(/^\[redacted …\w{4}\]$/);
    expect(sent.get('code')).toMatch(/^\[redacted …\w{4}\]$/);

    const refresh = exchanges.find((e) => e.kind === 'refresh');
    expect(refresh?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/token$/);
    expect(refresh?.durationMs).toEqual(expect.any(Number));
    const answer = JSON.parse(refresh?.response?.body ?? '{}') as Record<string, unknown>;
    expect(answer.access_token).toMatch(/^\[redacted …\w{4}\]$/);
    expect(refresh?.response?.headers.map(([k]) => k)).toContain('content-type');

    const secrets = new Set([...(await env.cli.keychain()).values(), env.sandbox.clients.self.clientSecret]);
    expect(secrets.size).toBeGreaterThan(2);
    expect(leaks(secrets, [{ name: 'log --json', text: log.stdout }])).toEqual([]);
  });

  it('filters by client, kind and outcome; prints a table and one exchange raw', async () => {
    const { refusedId } = await exchangeAndRefresh();
    const refreshes = json(
      await env.cli.run(['log', '--client', 'self', '--kind', 'refresh', '--json']),
    ) as LogJson;
    expect(refreshes.total).toBe(1);
    expect(refreshes.exchanges[0]?.kind).toBe('refresh');
    const errors = json(await env.cli.run(['log', '--outcome', 'error', '--json'])) as LogJson;
    expect(errors.exchanges.map((e) => e.id)).toEqual([refusedId]);

    const table = await env.cli.run(['log', '--limit', '2']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/ID\s+TIME\s+KIND/);
    expect(table.stdout).toContain('Error: invalid_code');
    expect(table.stdout).toMatch(/2 of \d+ shown/);

    const raw = await env.cli.run(['log', '--id', String(refusedId)]);
    expect(raw.code, raw.stderr).toBe(0);
    expect(raw.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/oauth\/v2\/token$/m);
    expect(raw.stdout).toContain('HTTP 200');
    expect(raw.stdout).toContain('"error":"invalid_code"');

    const wrong = await env.cli.run(['log', '--kind', 'frob']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--kind must be exchange or refresh');
    const gone = await env.cli.run(['log', '--id', '99999']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('exchange_not_found');
  });

  it('--har writes HTTP Archive 1.2 that the HAR schema accepts, with no issued secret in it', async () => {
    const { outcome } = await exchangeAndRefresh();
    // In the data folder, which the suite's leak scan searches too.
    const file = join(env.cli.home, 'traffic.har');
    const written = await env.cli.run(['log', '--har', file, '--limit', '50']);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toMatch(/Wrote [3-9] exchanges to .*traffic\.har/);
    const text = readFileSync(file, 'utf8');
    const har = JSON.parse(text) as { log: { version: string; entries: { request: { method: string } }[] } };
    await expect(harValidator.har(har)).resolves.toBeTruthy();
    // The validator is not a yes-man: a broken archive is refused.
    await expect(harValidator.har({ log: { version: '1.2', entries: [{}] } })).rejects.toThrow();
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.length).toBeGreaterThanOrEqual(3);
    expect(text).toContain(outcome.accessToken.fingerprint.slice(-4));

    const secrets = new Set([
      ...(await env.cli.keychain()).values(),
      ...issuedSecrets(issuedSecretsDir()),
      env.sandbox.clients.self.clientSecret,
    ]);
    expect(secrets.size).toBeGreaterThan(3);
    expect(leaks(secrets, [{ name: file, text }])).toEqual([]);
  });

  it('one record for every shell: the app sees what the CLI sent, and the CLI what the app sent', async () => {
    await exchangeAndRefresh();
    // The app's (and browser mode's) composition, on the same data folder and keychain service.
    const opened = createWorkbench({
      home: env.cli.home,
      vault: createKeytarVault({ service: env.cli.service }),
      openBrowser: () => Promise.resolve(undefined),
      clipboard: { writeText: () => Promise.reject(new Error('no clipboard in this test')) },
      autoRefresh: false,
    });
    if (!opened.ok) throw new Error(opened.message);
    const app = opened.value;
    try {
      const seen = await dispatch(app.handlers, 'traffic:list', { kind: 'refresh' });
      if (!seen.ok) throw new Error(seen.message);
      const fromCli = seen.value as { total: number };
      expect(fromCli.total).toBe(1);
      const client = await dispatch(app.handlers, 'clients:list', {});
      const ref = client.ok ? (client.value as { id: string }[])[0]?.id : undefined;
      const refreshed = await dispatch(app.handlers, 'tokens:refresh', { clientRef: ref ?? '' });
      expect(refreshed.ok).toBe(true);
    } finally {
      await app.close();
    }
    const log = json(await env.cli.run(['log', '--kind', 'refresh', '--json'])) as LogJson;
    expect(log.total).toBe(2);
    expect(log.exchanges.every((e) => e.outcome === 'ok' && e.clientName === 'self')).toBe(true);
  });
});
