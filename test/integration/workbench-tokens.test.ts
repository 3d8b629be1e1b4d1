import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuardRefusal } from '../../shared/ipc/views';
import type { ClientRecord } from '../../shared/workspace/model';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { secretAccount } from '../../electron/services/vault/account';
import { flowsOf } from '../../electron/services/workbench/flows';
import { tokenHandlers } from '../../electron/services/workbench/handlers/tokens';
import { ADA, selfClientCode, tokenEndpointCalls, withSandbox } from '../support/sandbox-helpers';
import { addSandboxClient, workbenchFixture, type Fixture } from '../support/workbench-fixture';
import { freeRedirectUri } from '../support/ports';

const MINUTE = 60_000;
let sandbox: SandboxHandle;
let fixture: Fixture;
let handlers: ReturnType<typeof tokenHandlers>;

beforeEach(async () => {
  sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
  fixture = workbenchFixture(sandbox, () => Promise.resolve(undefined));
  handlers = tokenHandlers(fixture.ctx);
});

afterEach(async () => {
  await fixture.close();
  await sandbox.close();
});

async function selfClientTokens(): Promise<{
  client: ClientRecord;
  refreshTokenId: string;
  accessTokenId: string;
}> {
  const client = await addSandboxClient(fixture.ctx, sandbox, 'self');
  const { code, expiresAt } = await selfClientCode(sandbox, { userZuid: ADA });
  const result = await handlers['tokens:exchange-code']({
    clientRef: client.id,
    code,
    codeExpiresAt: expiresAt,
    force: false,
  });
  if (!result.ok) throw new Error(result.message);
  return {
    client,
    refreshTokenId: result.value.refreshToken?.id ?? '',
    accessTokenId: result.value.accessToken.id,
  };
}

describe('a self-client grant code', () => {
  it('is exchanged for a refresh and an access token of the chosen user', async () => {
    const { refreshTokenId, accessTokenId } = await selfClientTokens();
    const rt = fixture.ctx.store.tokens.get(refreshTokenId);
    expect(rt).toMatchObject({ kind: 'refresh', userId: ADA, dcId: 'sandbox-us' });
    expect(fixture.ctx.ledger.ledger.tokenAt(accessTokenId, fixture.ctx.now())?.parentId).toBe(
      refreshTokenId,
    );
  });

  it('used twice answers invalid_code with the fix', async () => {
    const client = await addSandboxClient(fixture.ctx, sandbox, 'self');
    const { code } = await selfClientCode(sandbox, { userZuid: ADA });
    expect((await handlers['tokens:exchange-code']({ clientRef: client.id, code, force: false })).ok).toBe(
      true,
    );
    const again = await handlers['tokens:exchange-code']({ clientRef: client.id, code, force: false });
    expect(again).toMatchObject({ ok: false, code: 'invalid_code' });
    if (!again.ok) expect(again.message).toMatch(/new grant code/);
  });

  it('past its validity is refused before anything is sent', async () => {
    const client = await addSandboxClient(fixture.ctx, sandbox, 'self');
    const { code, expiresAt } = await selfClientCode(sandbox, { userZuid: ADA });
    sandbox.clock.advance(3 * MINUTE);
    const before = await tokenEndpointCalls(sandbox);
    const result = await handlers['tokens:exchange-code']({
      clientRef: client.id,
      code,
      codeExpiresAt: expiresAt,
      force: false,
    });
    expect(result).toMatchObject({ ok: false, code: 'grant_code_expired' });
    expect(await tokenEndpointCalls(sandbox)).toBe(before);
  });

  it('with a wrong client secret answers invalid_client_secret, HTTP 200 and all', async () => {
    const client = await addSandboxClient(fixture.ctx, sandbox, 'self');
    await fixture.ctx.vault.set(
      secretAccount({ kind: 'client-secret', clientRef: client.id }),
      'not-the-secret',
    );
    const { code } = await selfClientCode(sandbox, { userZuid: ADA });
    const result = await handlers['tokens:exchange-code']({ clientRef: client.id, code, force: false });
    expect(result).toMatchObject({ ok: false, code: 'invalid_client_secret' });
    if (!result.ok) expect(result.message).not.toContain('not-the-secret');
  });
});

describe('refresh', () => {
  it('makes a new access token under the newest live refresh token', async () => {
    const { client, refreshTokenId, accessTokenId } = await selfClientTokens();
    const result = await handlers['tokens:refresh']({ clientRef: client.id, force: false });
    expect(result).toMatchObject({ ok: true, value: { refreshToken: null } });
    if (!result.ok) return;
    expect(result.value.accessToken.id).not.toBe(accessTokenId);
    expect(result.value.accessToken.parentId).toBe(refreshTokenId);
  });

  it('sends exactly one request however many callers ask at once', async () => {
    const { client } = await selfClientTokens();
    const before = await tokenEndpointCalls(sandbox);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        flowsOf(fixture.ctx).refresher.refresh({ clientRef: client.id, force: false }),
      ),
    );
    expect(await tokenEndpointCalls(sandbox)).toBe(before + 1);
    const ids = new Set(results.map((r) => (r.ok ? r.value.accessToken.id : r.code)));
    expect(ids.size).toBe(1);
  });

  it('refuses the 11th access token in ten minutes, says when it is allowed, and allows it then', async () => {
    const { client } = await selfClientTokens();
    // The exchange's access token counts: 1 + 9 refreshes = 10 in the window.
    for (let i = 0; i < 9; i++) {
      sandbox.clock.advance(10_000);
      const r = await handlers['tokens:refresh']({ clientRef: client.id, force: false });
      expect(r.ok, `refresh ${i + 1}`).toBe(true);
    }
    const refused = await handlers['tokens:refresh']({ clientRef: client.id, force: false });
    expect(refused).toMatchObject({ ok: false, code: 'limit_guard' });
    if (refused.ok) return;
    expect(refused.message).toMatch(/Access Denied.*10 of 10 access tokens.*Allowed again at/);
    const { allowedAt } = (refused as unknown as { detail: GuardRefusal }).detail;
    expect(allowedAt).not.toBeNull();
    sandbox.clock.advance((allowedAt ?? 0) - sandbox.clock.now());
    expect((await handlers['tokens:refresh']({ clientRef: client.id, force: false })).ok).toBe(true);
  });

  it('forced into the limit meets Access Denied and then waits out the window', async () => {
    const { client } = await selfClientTokens();
    for (let i = 0; i < 9; i++) await handlers['tokens:refresh']({ clientRef: client.id, force: false });
    const forced = await handlers['tokens:refresh']({ clientRef: client.id, force: true });
    expect(forced).toMatchObject({ ok: false, code: 'access_denied_limit', zohoError: 'Access Denied' });
    sandbox.clock.advance(9 * MINUTE);
    const stillBlocked = await handlers['tokens:refresh']({ clientRef: client.id, force: false });
    expect(stillBlocked).toMatchObject({ ok: false, code: 'limit_guard' });
  });

  it('warns before the 16th live access token evicts the oldest, and the eviction is real', async () => {
    const { client, accessTokenId } = await selfClientTokens();
    for (let i = 0; i < 14; i++) {
      sandbox.clock.advance(MINUTE + 1);
      const r = await handlers['tokens:refresh']({ clientRef: client.id, force: false });
      expect(r.ok, `refresh ${i + 1}`).toBe(true);
    }
    sandbox.clock.advance(MINUTE + 1);
    const warned = await handlers['tokens:refresh']({ clientRef: client.id, force: false });
    expect(warned).toMatchObject({ ok: false, code: 'limit_guard' });
    if (!warned.ok)
      expect(warned.message).toContain(fixture.ctx.store.tokens.get(accessTokenId)?.fingerprint ?? '?');
    const forced = await handlers['tokens:refresh']({ clientRef: client.id, force: true });
    expect(forced).toMatchObject({ ok: true, value: { evicted: [accessTokenId] } });
    expect(fixture.ctx.ledger.ledger.tokenAt(accessTokenId, fixture.ctx.now())?.status).toBe('evicted');
    const check = await handlers['tokens:check']({ tokenId: accessTokenId });
    expect(check).toMatchObject({ ok: true, value: { who: null, error: { code: 'invalid_token' } } });
  });
});

describe('refresh at a full access-token cap', () => {
  it('is safe again when the oldest live access token expires, and then evicts nothing', async () => {
    const { client, accessTokenId } = await selfClientTokens();
    for (let i = 0; i < 14; i++) {
      sandbox.clock.advance(MINUTE + 1);
      expect((await handlers['tokens:refresh']({ clientRef: client.id, force: false })).ok).toBe(true);
    }
    sandbox.clock.advance(MINUTE + 1);
    const warned = await handlers['tokens:refresh']({ clientRef: client.id, force: false });
    expect(warned).toMatchObject({
      ok: false,
      code: 'limit_guard',
      detail: { answer: { verdict: 'allowed-with-evictions' } },
    });
    const { allowedAt } = (warned as unknown as { detail: GuardRefusal }).detail;
    expect(allowedAt).toBe(fixture.ctx.store.tokens.get(accessTokenId)?.expiresAt);
    sandbox.clock.advance((allowedAt ?? 0) - sandbox.clock.now());
    const after = await handlers['tokens:refresh']({ clientRef: client.id, force: false });
    expect(after).toMatchObject({ ok: true, value: { evicted: [] } });
  });
});

describe('revoke', () => {
  it('kills the refresh token and its access tokens at Zoho, in the ledger and in the keychain', async () => {
    const { refreshTokenId, accessTokenId } = await selfClientTokens();
    expect(await handlers['tokens:check']({ tokenId: accessTokenId })).toMatchObject({
      ok: true,
      value: { who: { zuid: ADA } },
    });
    expect(await handlers['tokens:revoke']({ refreshTokenId })).toEqual({ ok: true, value: null });
    const at = fixture.ctx.now();
    expect(fixture.ctx.ledger.ledger.tokenAt(refreshTokenId, at)?.status).toBe('revoked');
    expect(fixture.ctx.ledger.ledger.tokenAt(accessTokenId, at)?.status).toBe('revoked');
    const value = await fixture.ctx.vault.get(
      secretAccount({ kind: 'refresh-token', tokenId: refreshTokenId }),
    );
    expect(value).toEqual({ ok: true, value: null });
  });

  it('a refresh token revoked elsewhere answers invalid_code and stops counting as live', async () => {
    const { client, refreshTokenId } = await selfClientTokens();
    const value = await fixture.ctx.vault.get(
      secretAccount({ kind: 'refresh-token', tokenId: refreshTokenId }),
    );
    await fetch(`${sandbox.url}/oauth/v2/token/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: value.ok ? (value.value ?? '') : '' }),
    });
    const result = await handlers['tokens:refresh']({ clientRef: client.id, refreshTokenId, force: false });
    expect(result).toMatchObject({ ok: false, code: 'invalid_code' });
    expect(fixture.ctx.ledger.ledger.tokenAt(refreshTokenId, fixture.ctx.now())?.status).toBe('revoked');
  });
});
