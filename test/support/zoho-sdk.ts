/**
 * Zoho's own Node SDK 8.0 as a server uses its DBStore: the real third-party client of a token
 * store. Loaded on demand: the SDK imports every CRM module at once, which takes seconds.
 */
import type { MariaDb } from './mariadb';

export interface SdkToken {
  readonly id: string | null;
  readonly userName: string | null;
  readonly clientId: string | null;
  readonly refreshToken: string | null;
  readonly accessToken: string | null;
  readonly expiresIn: string | null;
  readonly apiDomain: string | null;
}

/** What the SDK's DBStore.findToken reads for a user signature, as its getToken would before a call. */
export async function sdkFindToken(
  db: MariaDb,
  user: string,
  password: string,
  userName: string,
): Promise<SdkToken> {
  const sdk = await import('@zohocrm/nodejs-sdk-8.0');
  const store = new sdk.DBStore('127.0.0.1', 'zohooauth', 'oauthtoken', user, password, String(db.port));
  const asked = new sdk.OAuthToken(
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    new sdk.UserSignature(userName),
    false,
  );
  const found = await store.findToken(asked);
  return {
    id: found.getId(),
    userName: found.getUserSignature()?.getName() ?? null,
    clientId: found.getClientId(),
    refreshToken: found.getRefreshToken(),
    accessToken: found.getAccessToken(),
    expiresIn: found.getExpiresIn(),
    apiDomain: found.getAPIDomain(),
  };
}

export interface SdkSave {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly userName: string;
}

/** Saves a token as the SDK does after an exchange (its own generateId picks the row id). */
export async function sdkSaveToken(
  db: MariaDb,
  user: string,
  password: string,
  token: SdkSave,
): Promise<void> {
  const sdk = await import('@zohocrm/nodejs-sdk-8.0');
  const store = new sdk.DBStore('127.0.0.1', 'zohooauth', 'oauthtoken', user, password, String(db.port));
  const oauth = new sdk.OAuthToken(
    token.clientId,
    token.clientSecret,
    null,
    token.refreshToken,
    'https://crm.example.com/oauth/callback',
    null,
    null,
    new sdk.UserSignature(token.userName),
    false,
  );
  await store.saveToken(oauth);
}
