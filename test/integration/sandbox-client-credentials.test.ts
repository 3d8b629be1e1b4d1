import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_PATTERN, type SandboxHandle } from '../../electron/services/sandbox';
import { advance, apiGet, dcUrl, exchange, str, tokenCall, withSandbox } from '../support/sandbox-helpers';

let sandbox: SandboxHandle;

beforeEach(async () => {
  sandbox = await withSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

/** POST /oauth/v2/token with grant_type=client_credentials for the sandbox's self client. */
function clientCredentials(extra: Readonly<Record<string, string>>, client = sandbox.clients.self) {
  return tokenCall(sandbox.url, {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_type: 'client_credentials',
    ...extra,
  });
}

describe('sandbox client credentials (grant_type=client_credentials)', () => {
  it('answers missing_org_info (HTTP 200) for a CRM scope without soid: CRM has two orgs', async () => {
    const { status, body } = await clientCredentials({ scope: 'ZohoCRM.users.READ' });
    expect(status).toBe(200);
    expect(body.error).toBe('missing_org_info');
    expect(body.access_token).toBeUndefined();
  });

  it('answers an hour-long access token, api_domain and no refresh token with soid', async () => {
    const { body } = await clientCredentials({
      scope: 'ZohoCRM.users.READ,ZohoCRM.org.READ',
      soid: 'ZohoCRM.80019990',
    });
    expect(str(body.access_token)).toMatch(TOKEN_PATTERN);
    expect(body).toMatchObject({ api_domain: sandbox.url, token_type: 'Bearer', expires_in: 3600 });
    expect(body.refresh_token).toBeUndefined();
    // The token works against the API of the DC it came from.
    const users = await apiGet(sandbox.url, '/crm/v8/users?type=CurrentUser', str(body.access_token));
    expect(users.status).toBe(200);
  });

  it("answers CRM's org API with the organization the soid named", async () => {
    for (const [soid, company] of [
      ['ZohoCRM.80019990', 'Rehearsal Company US'],
      ['ZohoCRM.80012340', 'Tokenbench Sandbox US'],
    ] as const) {
      const { body } = await clientCredentials({ scope: 'ZohoCRM.org.READ', soid });
      const org = await apiGet(sandbox.url, '/crm/v8/org', str(body.access_token));
      expect(org.status).toBe(200);
      expect((org.body.org as Record<string, unknown>[])[0]).toMatchObject({
        zgid: soid.slice('ZohoCRM.'.length),
        company_name: company,
      });
    }
  });

  it('needs no soid for a product with one organization (Desk) or none (AaaServer)', async () => {
    const desk = await clientCredentials({ scope: 'Desk.tickets.READ' });
    expect(str(desk.body.access_token)).toMatch(TOKEN_PATTERN);
    const profile = await clientCredentials({ scope: 'AaaServer.profile.Read' });
    expect(str(profile.body.access_token)).toMatch(TOKEN_PATTERN);
  });

  it('answers missing_org_info for an soid of no org of the requested products', async () => {
    const wrongOrg = await clientCredentials({ scope: 'ZohoCRM.users.READ', soid: 'ZohoCRM.123' });
    expect(wrongOrg.body.error).toBe('missing_org_info');
    const otherProduct = await clientCredentials({ scope: 'ZohoCRM.users.READ', soid: 'Desk.70012340' });
    expect(otherProduct.body.error).toBe('missing_org_info');
    // The EU org is not at the US accounts server.
    const euOrg = await clientCredentials({ scope: 'ZohoCRM.users.READ', soid: 'ZohoCRM.80054320' });
    expect(euOrg.body.error).toBe('missing_org_info');
  });

  it('refuses a wrong secret, a non-self client, a bad scope and another DC', async () => {
    const self = sandbox.clients.self;
    const secret = await clientCredentials({ scope: 'AaaServer.profile.Read', client_secret: 'nope' });
    expect(secret.body.error).toBe('invalid_client_secret');
    const demo = await clientCredentials({ scope: 'AaaServer.profile.Read' }, sandbox.clients.demo);
    expect(demo.body.error).toBe('unauthorized_client');
    const scope = await clientCredentials({ scope: 'not a scope' });
    expect(scope.body.error).toBe('invalid_scope');
    const eu = await tokenCall(dcUrl(sandbox, 'sandbox-eu'), {
      client_id: self.clientId,
      client_secret: self.clientSecret,
      grant_type: 'client_credentials',
      scope: 'AaaServer.profile.Read',
    });
    expect(eu.body.error).toBe('invalid_client');
  });

  it("takes one of the client's 10 grants per 10 minutes, shared with the console's codes", async () => {
    for (let i = 0; i < 10; i += 1) {
      const { body } = await clientCredentials({ scope: 'AaaServer.profile.Read' });
      expect(str(body.access_token)).toMatch(TOKEN_PATTERN);
    }
    const denied = await clientCredentials({ scope: 'AaaServer.profile.Read' });
    expect(denied.body).toMatchObject({ error: 'Access Denied', status: 'failure' });
    // The self-client code shares the rule: the console is refused too.
    const code = await fetch(`${sandbox.url}/sandbox/self-client/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: sandbox.clients.self.clientId,
        scope: 'AaaServer.profile.Read',
        validMinutes: 3,
      }),
    });
    expect(((await code.json()) as { error?: string }).error).toBe('Access Denied');
    await advance(sandbox, 600);
    const later = await clientCredentials({ scope: 'AaaServer.profile.Read' });
    expect(str(later.body.access_token)).toMatch(TOKEN_PATTERN);
  });

  it('expires the token after an hour', async () => {
    const { body } = await clientCredentials({ scope: 'AaaServer.profile.Read' });
    const token = str(body.access_token);
    expect((await apiGet(sandbox.url, '/oauth/user/info', token)).status).toBe(200);
    await advance(sandbox, 3600);
    expect((await apiGet(sandbox.url, '/oauth/user/info', token)).status).toBe(401);
  });
});

describe("sandbox API console's self-client codes (GET/POST /api-console/self-client)", () => {
  const path = '/api-console/self-client';

  async function create(
    fields: Readonly<Record<string, string>>,
    moreBoxes: readonly string[] = [],
  ): Promise<Response> {
    const form = new URLSearchParams({
      client_id: sandbox.clients.self.clientId,
      scope: 'AaaServer.profile.Read',
      minutes: '3',
      description: 'rehearsal',
      user_zuid: '60012345',
      ...fields,
    });
    for (const scope of moreBoxes) form.append('scope', scope);
    return fetch(`${sandbox.url}${path}`, { method: 'POST', body: form });
  }

  const codeOf = (html: string): string => /id="code"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? '';

  it('is linked from the landing page and offers 3, 5, 7 and 10 minutes', async () => {
    const landing = await (await fetch(`${sandbox.url}/`)).text();
    expect(landing).toContain(`${path}?client_id=${encodeURIComponent(sandbox.clients.self.clientId)}`);
    const page = await (await fetch(`${sandbox.url}${path}`)).text();
    for (const minutes of ['3', '5', '7', '10']) expect(page).toContain(`value="${minutes}"`);
    // Like the console's Client Secret tab: what `tokenbench client add --type self` needs.
    expect(page).toContain(sandbox.clients.self.clientSecret);
    expect(landing).not.toContain(sandbox.clients.self.clientSecret);
  });

  it('creates a code that exchanges without redirect_uri, once, for a refresh token', async () => {
    const res = await create({ minutes: '5', other_scopes: 'ZohoCRM.users.READ' }, ['ZohoCRM.org.READ']);
    expect(res.status).toBe(200);
    const html = await res.text();
    const code = codeOf(html);
    expect(code).toMatch(TOKEN_PATTERN);
    expect(html).toContain('valid 5 minutes');
    expect(html).toContain('rehearsal');
    const self = sandbox.clients.self;
    const tokens = await exchange(sandbox, code, { redirect_uri: '' }, sandbox.url, self);
    expect(str(tokens.refresh_token)).toMatch(TOKEN_PATTERN);
    expect(tokens.scope).toBe('AaaServer.profile.Read,ZohoCRM.org.READ,ZohoCRM.users.READ');
    expect((await exchange(sandbox, code, { redirect_uri: '' }, sandbox.url, self)).error).toBe(
      'invalid_code',
    );
  });

  it('expires the code after the chosen duration, not before', async () => {
    const early = codeOf(await (await create({ minutes: '7' })).text());
    const late = codeOf(await (await create({ minutes: '7' })).text());
    expect(early).toMatch(TOKEN_PATTERN);
    expect(late).toMatch(TOKEN_PATTERN);
    const self = sandbox.clients.self;
    await advance(sandbox, 7 * 60 - 1);
    expect(
      str((await exchange(sandbox, early, { redirect_uri: '' }, sandbox.url, self)).access_token),
    ).toMatch(TOKEN_PATTERN);
    await advance(sandbox, 1);
    expect((await exchange(sandbox, late, { redirect_uri: '' }, sandbox.url, self)).error).toBe(
      'invalid_code',
    );
  });

  it('says what to fix for a bad duration or no scope, keeping what was typed', async () => {
    const bad = await create({ minutes: '4', description: 'kept text' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Choose a duration of 3, 5, 7 or 10 minutes.');
    expect(html).toContain('value="kept text"');
    const noScope = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: sandbox.clients.self.clientId,
        minutes: '3',
        user_zuid: '60012345',
      }),
    });
    expect(await noScope.text()).toContain('Enter valid scopes');
  });
});
