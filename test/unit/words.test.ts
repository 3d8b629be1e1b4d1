import { describe, expect, it } from 'vitest';
import type { GuardRefusal } from '../../shared/ipc/views';
import type { ProposalAnswer } from '../../shared/limits/ledger-types';
import { KAIZEN_43, LIMIT_PROFILES, TEN_ALIVE, type LimitProfile } from '../../shared/limits/profile';
import { explainFailure, failureSentence } from '../../shared/words/failures';
import { capMeaning, guardExplanation, guardMessage, profileDisagreement } from '../../shared/words/limits';
import { ordinal } from '../../shared/words/time';

/** shared/words: every sentence from data, the numbers from the profile in force. */
const AT = Date.UTC(2026, 0, 5, 9, 0, 0);

function evictionRefusal(profile: LimitProfile): GuardRefusal {
  const answer: ProposalAnswer = {
    verdict: 'allowed-with-evictions',
    evictions: [{ kind: 'access-token', accessTokenId: 'at_1', refreshTokenId: 'rt_1' }],
    notChecked: [],
  };
  return {
    answer,
    allowedAt: null,
    at: AT,
    tokens: { at_1: { fingerprint: '…a1b2', environments: ['Nightly job'] } },
    profile,
  };
}

describe('the words of the limit guard', () => {
  it('counts like people do', () => {
    const n = [1, 2, 3, 4, 11, 12, 13, 16, 21, 22, 23, 101, 111, 112];
    expect(n.map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '16th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
      '112th',
    ]);
  });

  it('names the cap and the creation over it from the profile in force', () => {
    expect(guardExplanation(evictionRefusal(KAIZEN_43))).toBe(
      'Zoho would silently delete access token …a1b2, used by environment Nightly job (the 16th live access token evicts the oldest).',
    );
    expect(guardExplanation(evictionRefusal(TEN_ALIVE))).toContain('(the 11th live access token evicts');
    const refusal = evictionRefusal(TEN_ALIVE);
    expect(
      capMeaning(
        refusal,
        refusal.answer.verdict === 'allowed-with-evictions' ? refusal.answer.evictions : [],
      ),
    ).toMatch(/^Zoho keeps at most 10 live access tokens per refresh token: the 11th deletes the oldest/);
    const stricter: LimitProfile = { ...KAIZEN_43, refresh: { ...KAIZEN_43.refresh, maxAlive: 3 } };
    const rt: GuardRefusal = {
      ...evictionRefusal(stricter),
      answer: {
        verdict: 'allowed-with-evictions',
        evictions: [{ kind: 'refresh-token', refreshTokenId: 'rt_1', accessTokenIds: ['at_1'] }],
        notChecked: [],
      },
    };
    expect(guardExplanation(rt)).toContain('with its 1 live access token (the 4th refresh token evicts');
  });

  it('offers the override each shell has', () => {
    const refusal = evictionRefusal(KAIZEN_43);
    expect(guardMessage(refusal, 'api')).toMatch(/ Run it anyway with force\.$/);
    expect(guardMessage(refusal, 'cli')).toMatch(/ Run it again with --force to do it anyway\.$/);
  });

  it("says where Zoho's pages disagree and where the guard draws the line", () => {
    expect(profileDisagreement(LIMIT_PROFILES, TEN_ALIVE)).toBe(
      `Zoho's pages disagree on live access tokens per refresh token: ${KAIZEN_43.source} says 15; ${TEN_ALIVE.source} says 10. Under “${TEN_ALIVE.name}” the guard warns before the 11th live access token of a refresh token and the 21st refresh token of a user.`,
    );
  });
});

describe('the words of a failure', () => {
  const zoho = { error: 'invalid_code', description: null, status: 200 };

  it('reads invalid_code by what was asked: a refresh, a pasted code, a PKCE sign-in', () => {
    const base = { code: 'invalid_code', message: 'm', zoho };
    expect(explainFailure({ ...base, request: { kind: 'refresh' } }).title).toBe(
      'Refresh token not accepted',
    );
    expect(explainFailure({ ...base, request: { kind: 'code-exchange' } }).cause).toMatch(/expired/);
    const pkce = explainFailure({ ...base, request: { kind: 'code-exchange', pkce: true, codeAgeMs: 420 } });
    expect(pkce.title).toBe('Grant code not accepted (PKCE)');
    expect(pkce.cause).toContain('Tokenbench sent this code once, 0.4 s after the redirect brought it.');
    expect(pkce.cause).not.toMatch(/expired/);
    expect(pkce.label).toBe('invalid_code');
  });

  it('explains client credentials: missing_org_info, a non-self client, the shared grant rule', () => {
    const asked = { kind: 'client-credentials' } as const;
    const said = (error: string) => ({ error, description: null, status: 200 });
    const org = explainFailure({
      code: 'missing_org_info',
      message: 'm',
      zoho: said('missing_org_info'),
      request: asked,
    });
    expect(org.title).toBe('Organization not named');
    expect(org.fix).toContain('soid={service}.{zsoid}');
    expect(org.label).toBe('missing_org_info');
    const self = explainFailure({
      code: 'unauthorized_client',
      message: 'm',
      zoho: said('unauthorized_client'),
      request: asked,
    });
    expect(self.cause).toContain('Self Clients only');
    const limit = explainFailure({
      code: 'access_denied_limit',
      message: 'm',
      zoho: said('Access Denied'),
      request: asked,
    });
    expect(limit.cause).toContain('10 per 10 minutes');
    expect(limit.fix).toContain('it lasts an hour');
    const client = explainFailure({
      code: 'invalid_client',
      message: 'm',
      zoho: said('invalid_client'),
      request: asked,
    });
    expect(client.fix).toContain('a Self Client answers only at its own DC');
  });

  it("labels a failure with Zoho's word as sent, and quotes Zoho's answer field by field", () => {
    const denied = {
      error: 'Access Denied',
      description: 'You have made too many requests continuously. Please try again after some time.',
      status: 200,
    };
    const failure = { code: 'access_denied_limit', message: 'm', zoho: denied };
    expect(explainFailure(failure).label).toBe('Access Denied');
    expect(failureSentence(failure)).toMatch(
      /Zoho answered error "Access Denied", error_description "You have made too many requests continuously\. Please try again after some time\.", HTTP 200\.$/,
    );
    expect(failureSentence({ code: 'timeout', message: 'No answer.' })).toBe('No answer.');
    // A Zoho error added to shared/words/zoho-errors.ts alone is explained everywhere.
    const malformed = { error: 'invalid_request', description: 'Malformed body', status: 400 };
    expect(explainFailure({ code: 'x', message: 'm', zoho: malformed })).toMatchObject({
      title: 'Request not understood',
      label: 'invalid_request',
    });
    expect(explainFailure({ code: 'cancelled', message: 'x' })).toMatchObject({
      title: 'Cancelled',
      fromZoho: false,
    });
  });
});
