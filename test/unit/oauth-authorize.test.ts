import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ZOHO_DCS, type DataCenter } from '../../shared/dc/catalog';
import { buildAuthorizationRequest, pkceChallenge, type CryptoPort } from '../../shared/oauth/authorize';
import { nodeCrypto } from '../../electron/services/node-crypto';

const us = ZOHO_DCS[0] as DataCenter;
const input = {
  dc: us,
  clientId: '1000.ABC',
  redirectUri: 'http://127.0.0.1:53682/callback',
  scopes: ['ZohoCRM.modules.ALL', 'AaaServer.profile.Read'],
  accessType: 'offline' as const,
  promptConsent: true,
  pkce: false,
};

describe('the authorization request', () => {
  it('asks the DC accounts server for a code with comma-separated scopes and a fresh state', async () => {
    const pending = await buildAuthorizationRequest(input, nodeCrypto);
    const url = new URL(pending.url);
    expect(url.origin + url.pathname).toBe('https://accounts.zoho.com/oauth/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: '1000.ABC',
      scope: 'ZohoCRM.modules.ALL,AaaServer.profile.Read',
      redirect_uri: 'http://127.0.0.1:53682/callback',
      access_type: 'offline',
      prompt: 'consent',
      state: pending.state,
    });
    expect(pending.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pending.codeVerifier).toBeNull();
  });

  it('leaves prompt out unless consent is forced', async () => {
    const pending = await buildAuthorizationRequest({ ...input, promptConsent: false }, nodeCrypto);
    expect(new URL(pending.url).searchParams.has('prompt')).toBe(false);
  });

  it('never reuses a state between two requests', async () => {
    const a = await buildAuthorizationRequest(input, nodeCrypto);
    const b = await buildAuthorizationRequest(input, nodeCrypto);
    expect(a.state).not.toBe(b.state);
  });

  it('sends an S256 challenge derived from a 43-character verifier when PKCE is on', async () => {
    const pending = await buildAuthorizationRequest({ ...input, pkce: true }, nodeCrypto);
    const verifier = pending.codeVerifier ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expected = createHash('sha256').update(verifier).digest('base64url');
    const params = new URL(pending.url).searchParams;
    expect(params.get('code_challenge')).toBe(expected);
    expect(params.get('code_challenge_method')).toBe('S256');
  });

  it('computes the RFC 7636 appendix B challenge', async () => {
    const rfcVerifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(await pkceChallenge(rfcVerifier, nodeCrypto)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('encodes random bytes as base64url without padding, whatever their length', async () => {
    const fixed = (bytes: number[]): CryptoPort => ({
      ...nodeCrypto,
      randomBytes: () => Uint8Array.from(bytes),
    });
    const pending = await buildAuthorizationRequest(input, fixed([0xfb, 0xff, 0xbf, 0x00]));
    expect(pending.state).toBe(Buffer.from([0xfb, 0xff, 0xbf, 0x00]).toString('base64url'));
  });
});
