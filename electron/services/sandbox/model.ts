/** The records the sandbox "Zoho" keeps. Token values are map keys only; logs never see them. */

export type SandboxClientKey = 'demo' | 'singleDc' | 'legacy' | 'self' | 'device';

export interface SandboxClient {
  readonly key: SandboxClientKey;
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * `server` has a redirect URI; `self` gets its codes from the console (POST /sandbox/self-client/code);
   * `device` is a "Non-browser application" (the device flow, /oauth/v3/device/*).
   */
  readonly type: 'server' | 'self' | 'device';
  /** The DC whose API console registered the client. */
  readonly homeDc: string;
  /** Multi-DC enabled in the API console: the client is known at every DC, not only at home. */
  readonly multiDc: boolean;
  readonly redirectUri: string | undefined;
  /** Answer `expires_in` in milliseconds plus `expires_in_sec`, like Zoho's older responses. */
  readonly legacy: boolean;
}

export interface SandboxUser {
  readonly zuid: string;
  readonly crmId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  /** The DC holding the user's data: the `location` of their redirects. */
  readonly homeDc: string;
}

/** A CRM org as `GET /crm/v8/org` answers it: one per DC and API environment (production, developer, sandbox). */
export interface SandboxOrg {
  readonly zgid: string;
  readonly crmId: string;
  readonly companyName: string;
  /** CRM's org `type`, as the SDKs' Choice lists it: Production, Developer or Sandbox. */
  readonly type: 'Production' | 'Developer' | 'Sandbox';
  readonly primary: SandboxUser;
  readonly timeZone: string;
  readonly countryCode: string;
}

export interface PkceChallenge {
  readonly value: string;
  readonly method: 'S256' | 'plain';
}

export interface GrantCode {
  readonly clientId: string;
  /** The user's home DC: the only token endpoint that accepts the code. */
  readonly dcId: string;
  readonly zuid: string;
  readonly scope: readonly string[];
  /** Undefined for self-client codes, whose exchange needs no redirect_uri (seed 002). */
  readonly redirectUri: string | undefined;
  readonly offline: boolean;
  /** prompt=consent was sent (or a self-client code): a refresh token comes even if not first. */
  readonly forceRefresh: boolean;
  readonly challenge: PkceChallenge | undefined;
  readonly expiresAt: number;
}

export interface RefreshToken {
  /** Internal id, so limiter keys never hold a token value. */
  readonly id: number;
  readonly clientId: string;
  readonly zuid: string;
  readonly dcId: string;
  readonly scope: readonly string[];
  readonly createdAt: number;
}

export interface AccessToken {
  readonly clientId: string;
  readonly zuid: string;
  readonly dcId: string;
  readonly scope: readonly string[];
  /** The refresh token it dies with; undefined for online tokens and non-first offline consents. */
  readonly refreshId: number | undefined;
  /** Whether it counts toward its refresh token's alive cap (profile.exchangeAccessTokenCounts). */
  readonly counted: boolean;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** A client-credentials token's organization (`ZohoCRM.80012340`); undefined for user-consented tokens. */
  readonly soid?: string;
}

/**
 * An organization (a CRM org, a Desk portal) the self client's owner belongs to, as client
 * credentials' `soid={service}.{zsoid}` names it (Zoho, "Self Client - Client credentials flow").
 */
export interface SandboxOrganization {
  /** The service part of the soid and of scopes (`ZohoCRM`, `Desk`), compared case-insensitively. */
  readonly service: string;
  readonly zsoid: string;
  readonly name: string;
  /** The DC that holds the organization's data. */
  readonly dcId: string;
}

export interface LogEntry {
  readonly at: string;
  readonly dc: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly outcome: string;
  /** A registered client id (public, it travels in URLs); unknown ids are not echoed. */
  readonly clientId?: string;
  /** Set when the request came to a developer or sandbox API domain. */
  readonly api?: 'developer' | 'sandbox';
}

/**
 * A device-flow authorization ("Non-browser applications", Initiation request): the device polls with
 * `deviceCode`, the user types `userCode` on the verification page. Mutable: the user's decision and
 * the last poll are written as they happen.
 */
export interface DeviceGrant {
  readonly clientId: string;
  readonly userCode: string;
  /** The DC whose accounts server issued it (the client's): its verification page knows the code. */
  readonly dcId: string;
  readonly scope: readonly string[];
  readonly offline: boolean;
  readonly forceRefresh: boolean;
  readonly expiresAt: number;
  /** When the last poll for this code reached any DC (the 30-second rule is per device code). */
  lastPollAt: number | null;
  decision: DeviceDecision;
}

export type DeviceDecision =
  | { readonly kind: 'pending' }
  | { readonly kind: 'approved'; readonly zuid: string; readonly homeDc: string }
  | { readonly kind: 'denied' };
