import { describe, expect, it } from 'vitest';
import { classifyCrmOrgResponse } from '../../shared/oauth/other-responses';
import { buildCrmOrgRequest } from '../../shared/oauth/requests';
import { identityPlan, type TokenIdentity } from '../../shared/workspace/identity';
import { laneWho, orgWords, userWords } from '../../shared/words/identity';

const known: TokenIdentity = {
  at: 1,
  user: {
    state: 'known',
    value: { zuid: '60012345', email: 'ada@example.test', displayName: 'Ada Lovelace' },
  },
  org: {
    state: 'known',
    value: {
      id: '80012340',
      zgid: '8001234',
      name: 'Acme',
      type: 'Production',
      apiDomain: 'https://www.zohoapis.com',
    },
  },
};

describe('who a token acts for', () => {
  it('asks only what the scopes allow, and says which scope is missing', () => {
    expect(identityPlan(['AaaServer.profile.READ', 'ZohoCRM.org.read'])).toEqual({ user: 'ask', org: 'ask' });
    expect(identityPlan(['ZohoCRM.modules.ALL'])).toEqual({
      user: { state: 'unknown', reason: 'scope_missing', need: 'AaaServer.profile.Read' },
      org: { state: 'unknown', reason: 'scope_missing', need: 'ZohoCRM.org.READ' },
    });
    expect(identityPlan(['ZohoBooks.invoices.READ']).org).toEqual({ state: 'unknown', reason: 'not_crm' });
  });

  it('names the user and the org, or why they are unknown', () => {
    expect(userWords({ userId: '60012345', userLabel: 'ada@example.test', identity: known })).toBe(
      'ada@example.test (Ada Lovelace)',
    );
    expect(orgWords(known)).toBe('Acme (Production) · id 80012340');
    const unknown = identityPlan(['ZohoCRM.modules.ALL']);
    const identity: TokenIdentity = {
      at: 1,
      user: unknown.user === 'ask' ? known.user : unknown.user,
      org: unknown.org === 'ask' ? known.org : unknown.org,
    };
    expect(userWords({ userId: 'unknown', userLabel: null, identity })).toBe(
      'unknown user (the token lacks AaaServer.profile.Read)',
    );
    expect(orgWords(identity)).toBe('unknown (the token lacks ZohoCRM.org.READ)');
    expect(orgWords(undefined)).toBe('not looked up');
    expect(laneWho({ userId: '60012345', userLabel: null, identity: known, dcId: 'us' })).toBe(
      'ada@example.test · Acme · US',
    );
  });

  it("reads CRM's Organization API answer, and its refusal as Zoho's word", () => {
    const request = buildCrmOrgRequest('https://www.zohoapis.eu', 'tok');
    expect(request).toMatchObject({ method: 'GET', url: 'https://www.zohoapis.eu/crm/v8/org' });
    const body = JSON.stringify({
      org: [{ id: '2019230000000452658', company_name: 'Zylker', zgid: '74822955', type: 'Production' }],
    });
    expect(classifyCrmOrgResponse({ status: 200, body })).toEqual({
      ok: true,
      value: { id: '2019230000000452658', zgid: '74822955', name: 'Zylker', type: 'Production' },
    });
    const refused = classifyCrmOrgResponse({
      status: 401,
      body: JSON.stringify({
        code: 'OAUTH_SCOPE_MISMATCH',
        message: 'invalid oauth scope to access this URL',
        status: 'error',
      }),
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.zoho?.error).toBe('OAUTH_SCOPE_MISMATCH');
    expect(classifyCrmOrgResponse({ status: 200, body: '{"org":[]}' }).ok).toBe(false);
  });
});
