import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/services/sandbox';
import { tokenHandlers } from '../../electron/services/workbench/handlers/tokens';
import { ADA, selfClientCode, withSandbox } from '../support/sandbox-helpers';
import { addSandboxClient, workbenchFixture, type Fixture } from '../support/workbench-fixture';
import { freeRedirectUri } from '../support/ports';

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

describe('who a token acts for, against the sandbox', () => {
  it('is recorded at issue in the SQLite file, and "Check now" fills it for a token issued before', async () => {
    const client = await addSandboxClient(fixture.ctx, sandbox, 'self');
    const scope = 'AaaServer.profile.Read,ZohoCRM.org.ALL,ZohoCRM.modules.ALL';
    const { code } = await selfClientCode(sandbox, { userZuid: ADA, scope });
    const issued = await handlers['tokens:exchange-code']({ clientRef: client.id, code, force: false });
    if (!issued.ok) throw new Error(issued.message);
    const { accessToken, refreshToken } = issued.value;
    const stored = fixture.ctx.store.tokens.get(accessToken.id);
    expect(stored?.identity?.org).toMatchObject({
      state: 'known',
      value: { name: 'Tokenbench Sandbox US', type: 'Production', apiDomain: sandbox.url },
    });

    // A workspace from before the lookup: the rows have no identity (identity_json NULL).
    for (const id of [accessToken.id, refreshToken?.id ?? '']) {
      const { identity: _dropped, ...older } = fixture.ctx.store.tokens.get(id) ?? accessToken;
      fixture.ctx.store.tokens.upsert(older);
      expect(fixture.ctx.store.tokens.get(id)?.identity).toBeUndefined();
    }
    const checked = await handlers['tokens:check']({ tokenId: accessToken.id });
    expect(checked.ok).toBe(true);
    for (const id of [accessToken.id, refreshToken?.id ?? '']) {
      expect(fixture.ctx.store.tokens.get(id)?.identity).toMatchObject({
        user: { state: 'known', value: { zuid: ADA, email: 'ada.lovelace@sandbox-us.example' } },
        org: { state: 'known', value: { id: '8001234000000000017' } },
      });
    }
  });

  it('asks each part its scopes allow: without AaaServer.profile.Read the user is unknown, the org known', async () => {
    const client = await addSandboxClient(fixture.ctx, sandbox, 'self');
    const { code } = await selfClientCode(sandbox, {
      userZuid: ADA,
      scope: 'ZohoCRM.org.READ,ZohoCRM.modules.ALL',
    });
    const issued = await handlers['tokens:exchange-code']({ clientRef: client.id, code, force: false });
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    expect(issued.value.accessToken.identity).toMatchObject({
      user: { state: 'unknown', reason: 'scope_missing', need: 'AaaServer.profile.Read' },
      org: { state: 'known' },
    });
  });
});
