import type { ApiEnvironment } from '../dc/catalog';

/**
 * What the workspace holds: clients, environments, token metadata and settings. None of it is a
 * secret. Secret values (client secrets, refresh and access tokens, secret environment variables)
 * live in the OS keychain; records carry only a fingerprint (architecture.md, "Secrets").
 */

import type { FailureFacts } from '../result';
import type { TokenIdentity } from './identity';

/**
 * Zoho's API console registers each kind apart: server-based (a redirect URI), Self Client (codes
 * made in the console) and Non-browser applications (the device flow, no redirect URI).
 */
export type ClientType = 'server' | 'self' | 'device';
export type RevokeEndpoint = 'sdk' | 'basic';

export interface ClientRecord {
  /** Tokenbench's own id (`cl_…`), stable across renames. */
  readonly id: string;
  readonly name: string;
  /** The DC the client is registered in (zoho-oauth.md, "Multi-DC"). */
  readonly dcId: string;
  /** Zoho's client id (`1000.…`): not a secret, shown in full. */
  readonly zohoClientId: string;
  readonly type: ClientType;
  /** Server clients only; Zoho compares it exactly, trailing slash included. */
  readonly redirectUri: string | null;
  readonly multiDc: boolean;
  readonly pkce: boolean;
  readonly revokeEndpoint: RevokeEndpoint;
  /** Last characters of the client secret, or null while no secret is stored. */
  readonly secretFingerprint: string | null;
  readonly createdAt: number;
}

/** A JSON value, as Postman environments may carry numbers, booleans or objects. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface EnvVariable {
  readonly key: string;
  /** null for a secret variable: its value is in the keychain. */
  readonly value: JsonValue;
  readonly secret: boolean;
  /** Postman's type as imported (`default`, `secret`, `text`, ...), kept for a faithful export. */
  readonly type: string;
  readonly enabled: boolean;
  /** Last characters of a secret value, for display. */
  readonly fingerprint: string | null;
}

export interface EnvironmentRecord {
  readonly id: string;
  /**
   * The id Postman gave the environment, kept from an import so exports carry it back; null for an
   * environment made here (its exports derive one from `id`: shared/postman/export.ts postmanIdOf).
   */
  readonly postmanId: string | null;
  readonly name: string;
  /** The client whose tokens this environment's variables follow, if any. */
  readonly clientRef: string | null;
  /** The DC in view; switching it re-points `accounts-url` and `api-domain`. */
  readonly dcId: string | null;
  /**
   * Which of the DC's API domains `api-domain` holds: production (`www.zohoapis.<tld>`), developer
   * or sandbox, as Zoho's SDKs pick an Environment. Tokens are the same for all three.
   */
  readonly apiEnvironment: ApiEnvironment;
  /** Refresh the access token before it expires (with backoff; never into Access Denied). */
  readonly autoRefresh: boolean;
  readonly variables: readonly EnvVariable[];
  readonly updatedAt: number;
}

/**
 * Which tokens an environment's Zoho variables hold: one lineage, that is one user, one refresh
 * token (or none, for an online consent) and one DC. `access-token`, `refresh-token`, `api-domain`,
 * `accounts-url` and `expiry-time` are always written together from one lineage, never mixed.
 */
export interface EnvTokenLineage {
  readonly environmentId: string;
  readonly clientRef: string;
  /** The DC that issued the tokens (the user's DC for a multi-DC consent). */
  readonly dcId: string;
  readonly userId: string;
  readonly accessTokenId: string;
  readonly refreshTokenId: string | null;
  readonly writtenAt: number;
}

/** Zoho's variable names in its Postman collections (Kaizen #79, seed 001). */
export const ZOHO_VARIABLES = [
  'client-id',
  'client-secret',
  'redirect-uri',
  'accounts-url',
  'access-token',
  'refresh-token',
  'api-domain',
  'expiry-time',
] as const;
export type ZohoVariable = (typeof ZOHO_VARIABLES)[number];

/** Which of Zoho's variables hold secrets and so never leave the keychain unasked. */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'client-secret',
  'access-token',
  'refresh-token',
]);

/** What Tokenbench knows about a token besides its ledger state. Never the value. */
export interface TokenMeta {
  /** Tokenbench's own id (`rt_…`, `at_…`), used as the ledger id and the keychain account. */
  readonly id: string;
  readonly kind: 'access' | 'refresh';
  /** The ClientRecord id. */
  readonly clientRef: string;
  readonly dcId: string;
  /** Zoho user id when known (who-am-I), else `unknown`: the per-user rule then counts per client. */
  readonly userId: string;
  readonly userLabel: string | null;
  readonly scopes: readonly string[];
  readonly apiDomain: string | null;
  /** Last characters of the value, so support staff can match a pasted token. */
  readonly fingerprint: string;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  /** The last failure seen for this token (code, plain words, Zoho's own answer), for the inspector. */
  readonly lastError: (FailureFacts & { readonly at: number }) | null;
  readonly lastCheckedAt: number | null;
  /** Absent when Tokenbench saw the DC issue the token; set for a token imported from elsewhere. */
  readonly origin?: TokenOrigin;
  /** Absent for tokens of a user's consent (web, self-client code, device); set for client credentials. */
  readonly grant?: TokenGrant;
  /**
   * Who the token acts for (user, CRM org), looked up when it was issued; absent for tokens issued
   * before Tokenbench looked, or imported (shared/workspace/identity.ts).
   */
  readonly identity?: TokenIdentity;
}

/**
 * A token granted without a user's consent: client credentials (Zoho, "Self Client - Client
 * credentials flow") give one access token, no refresh token, acting in an organization.
 */
export interface TokenGrant {
  readonly type: 'client-credentials';
  /** The `soid` sent (`ZohoCRM.600123434`); null when none was needed. */
  readonly soid: string | null;
}

/**
 * A token minted outside Tokenbench (by a Zoho SDK on a server) and imported from its token store.
 * Zoho's answer said when it was issued, but the SDKs keep only `expiry_time`, so `createdAt` is an
 * estimate and this says which kind (docs/zoho-formats.md, "What an imported token is known by").
 */
export interface TokenOrigin {
  readonly source: 'zoho-sdk-filestore';
  /** The SDK's own row id (the FileStore's `id` column). */
  readonly sdkRowId: string | null;
  readonly importedAt: number;
  /**
   * `inferred-from-expiry`: an access token, `expiry_time` minus Zoho's one-hour lifetime.
   * `unknown`: a refresh token; `createdAt` is then only a bound the ledger needs (see the doc).
   */
  readonly createdAt: 'inferred-from-expiry' | 'unknown';
}

export const UNKNOWN_USER = 'unknown';

/** The last `count` characters of a secret, prefixed so nobody mistakes it for the value. */
export function fingerprint(secret: string, count = 4): string {
  return `…${secret.slice(-count)}`;
}
