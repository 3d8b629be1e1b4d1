import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry, SandboxHandle } from '../../electron/services/sandbox';
import {
  apiGet,
  consentCode,
  dcUrl,
  EMIL,
  exchange,
  refresh,
  str,
  tokenCall,
  withSandbox,
} from '../support/sandbox-helpers';

let sandbox: SandboxHandle;
beforeEach(async () => {
  sandbox = await withSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

async function readLog(): Promise<LogEntry[]> {
  const { body } = await apiGet(sandbox.url, '/sandbox/log');
  return body.entries as LogEntry[];
}

describe('sandbox request log', () => {
  it('records method, path, DC and outcome of each request', async () => {
    const cb = await consentCode(sandbox, { user: EMIL });
    await exchange(sandbox, cb.code, {}, sandbox.url);
    await exchange(sandbox, cb.code, {}, dcUrl(sandbox, 'sandbox-eu'));
    const log = await readLog();
    expect(log.map((e) => [e.method, e.path, e.dc, e.outcome])).toEqual([
      ['POST', '/oauth/v2/auth', 'sandbox-us', 'redirect code (sandbox-eu)'],
      ['POST', '/oauth/v2/token', 'sandbox-us', 'invalid_client'],
      ['POST', '/oauth/v2/token', 'sandbox-eu', 'success (access + refresh)'],
    ]);
    expect(log[0]?.clientId).toBe(sandbox.demoClient.clientId);
  });

  it('never holds a secret, code or token value, even one sent in a wrong place', async () => {
    const secrets = Object.values(sandbox.clients).map((c) => c.clientSecret);
    const cb = await consentCode(sandbox);
    secrets.push(cb.code);
    const tokens = await exchange(sandbox, cb.code);
    const at = str(tokens.access_token);
    const rt = str(tokens.refresh_token);
    secrets.push(at, rt);
    const again = str((await refresh(sandbox, rt)).access_token);
    secrets.push(again);
    await apiGet(sandbox.url, '/oauth/user/info', at);
    await apiGet(sandbox.url, `/oauth/user/info/${at}`, at);
    await fetch(`${sandbox.url}/${encodeURIComponent(rt)}?token=${rt}`);
    await tokenCall(sandbox.url, {
      grant_type: 'refresh_token',
      client_id: sandbox.demoClient.clientSecret,
      refresh_token: rt,
    });
    await fetch(`${sandbox.url}/oauth/v2/token/revoke?token=${rt}`, { method: 'POST' });

    const log = JSON.stringify(await readLog());
    const info = JSON.stringify((await apiGet(sandbox.url, '/sandbox/info')).body);
    expect(log.length).toBeGreaterThan(200);
    for (const secret of secrets) {
      expect(log).not.toContain(secret);
      expect(info).not.toContain(secret);
    }
  });
});
