import type { DataCenter } from '../dc/catalog';
import { base64Url } from './base64';

/** Randomness and hashing are passed in, so the steps stay pure and testable (oauth4webapi style). */
export interface CryptoPort {
  /** Cryptographically strong random bytes. */
  randomBytes(length: number): Uint8Array;
  sha256(data: Uint8Array): Promise<Uint8Array>;
}

export type AccessType = 'online' | 'offline';

export interface AuthorizationRequestInput {
  readonly dc: DataCenter;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly accessType: AccessType;
  /** `prompt=consent`: without it Zoho gives a refresh token only on the first consent. */
  readonly promptConsent: boolean;
  /** PKCE S256 (RFC 7636): required for mobile/desktop clients, optional per client elsewhere. */
  readonly pkce: boolean;
}

/** What the flow must remember until the redirect comes back. The verifier is a secret. */
export interface PendingAuthorization {
  readonly url: string;
  readonly state: string;
  readonly codeVerifier: string | null;
  readonly redirectUri: string;
  readonly dcId: string;
  readonly clientId: string;
}

/** RFC 7636 §4.2: code_challenge = BASE64URL(SHA256(ASCII(code_verifier))). */
export async function pkceChallenge(verifier: string, crypto: CryptoPort): Promise<string> {
  return base64Url(await crypto.sha256(new TextEncoder().encode(verifier)));
}

/** Builds `{accounts}/oauth/v2/auth?...` (zoho-oauth.md, "Authorization request"). */
export async function buildAuthorizationRequest(
  input: AuthorizationRequestInput,
  crypto: CryptoPort,
): Promise<PendingAuthorization> {
  // 32 random bytes: RFC 6749 §10.10 asks for state that cannot be guessed; RFC 7636 §4.1 wants
  // a verifier of 43-128 characters, and 32 bytes give 43.
  const state = base64Url(crypto.randomBytes(32));
  const codeVerifier = input.pkce ? base64Url(crypto.randomBytes(32)) : null;
  const url = new URL('/oauth/v2/auth', input.dc.accountsUrl);
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', input.clientId);
  params.set('scope', input.scopes.join(','));
  params.set('redirect_uri', input.redirectUri);
  params.set('access_type', input.accessType);
  if (input.promptConsent) params.set('prompt', 'consent');
  params.set('state', state);
  if (codeVerifier !== null) {
    params.set('code_challenge', await pkceChallenge(codeVerifier, crypto));
    params.set('code_challenge_method', 'S256');
  }
  return {
    url: url.toString(),
    state,
    codeVerifier,
    redirectUri: input.redirectUri,
    dcId: input.dc.id,
    clientId: input.clientId,
  };
}
