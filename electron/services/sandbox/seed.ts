import { newClientId, newClientSecret } from './ids';
import { API_ENVIRONMENTS, type ApiEnvironment } from '../../../shared/dc/catalog';
import type { SandboxClient, SandboxClientKey, SandboxOrg, SandboxOrganization, SandboxUser } from './model';

export const US = 'sandbox-us';
export const EU = 'sandbox-eu';

export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export interface FixedCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export type FixedClients = Partial<Record<SandboxClientKey, FixedCredentials>>;

/** The sandbox's users: ZUIDs are fixed so screenshots and docs stay stable across starts. */
export const SANDBOX_USERS: readonly SandboxUser[] = [
  user('60012345', 'Ada', 'Lovelace', 'ada.lovelace@sandbox-us.example', US),
  user('60012346', 'Grace', 'Hopper', 'grace.hopper@sandbox-us.example', US),
  user('70054321', 'Emil', 'Artin', 'emil.artin@sandbox-eu.example', EU),
];

function user(zuid: string, firstName: string, lastName: string, email: string, homeDc: string): SandboxUser {
  return { zuid, crmId: `${zuid}0000001`, firstName, lastName, email, homeDc };
}

/**
 * The organizations the self client's owner belongs to, per product, for client credentials' `soid`.
 * CRM in sandbox-us has two (its production org, zgid as `/crm/v8/org` answers it, and a second
 * company), so a CRM scope without `soid` answers missing_org_info there; Desk has one portal, so no
 * `soid` is needed for it (see README, "Client credentials"). AaaServer has no organizations.
 */
export const SANDBOX_ORGANIZATIONS: readonly SandboxOrganization[] = [
  { service: 'ZohoCRM', zsoid: '80012340', name: 'Tokenbench Sandbox US', dcId: US },
  { service: 'ZohoCRM', zsoid: '80019990', name: 'Rehearsal Company US', dcId: US },
  { service: 'Desk', zsoid: '70012340', name: 'Tokenbench Help Desk', dcId: US },
  { service: 'ZohoCRM', zsoid: '80054320', name: 'Tokenbench Sandbox EU', dcId: EU },
];

const ORG_TYPES = { production: 'Production', developer: 'Developer', sandbox: 'Sandbox' } as const;

/**
 * The CRM org a DC's API domain serves: the production org at www, its developer edition and its
 * sandbox copy at the developer and sandbox domains (each its own org, as at Zoho). Fixed ids, so
 * an SDK's `findUser` (`email:zgid`) is the same on every start.
 */
export function sandboxOrg(dcId: string, api: ApiEnvironment, users: readonly SandboxUser[]): SandboxOrg {
  const eu = dcId === EU;
  const primary = users.find((u) => u.homeDc === dcId) ?? users[0];
  if (primary === undefined) throw new Error('the sandbox has no users');
  const zgid = `${eu ? '8005432' : '8001234'}${String(API_ENVIRONMENTS.indexOf(api))}`;
  const type = ORG_TYPES[api];
  return {
    zgid,
    crmId: `${zgid}00000000017`,
    companyName: `Tokenbench Sandbox ${eu ? 'EU' : 'US'}${api === 'production' ? '' : ` (${type})`}`,
    type,
    primary,
    timeZone: timeZoneOf(dcId),
    countryCode: eu ? 'DE' : 'US',
  };
}

export function timeZoneOf(dcId: string): string {
  return dcId === EU ? 'Europe/Berlin' : 'America/New_York';
}

export function displayName(u: SandboxUser): string {
  return `${u.firstName} ${u.lastName}`;
}

interface ClientSpec {
  readonly name: string;
  readonly type: SandboxClient['type'];
  readonly multiDc: boolean;
  readonly legacy: boolean;
}

const SPECS: Readonly<Record<SandboxClientKey, ClientSpec>> = {
  demo: { name: 'Tokenbench Demo', type: 'server', multiDc: true, legacy: false },
  singleDc: { name: 'Single-DC Demo', type: 'server', multiDc: false, legacy: false },
  legacy: { name: 'Legacy Format Demo', type: 'server', multiDc: true, legacy: true },
  self: { name: 'Self Client', type: 'self', multiDc: false, legacy: false },
  // Multi-DC, so a user of the other DC can approve it and the device follows other_dc there.
  device: { name: 'Device Demo', type: 'device', multiDc: true, legacy: false },
};

/** All clients are registered in sandbox-us; fresh random credentials per start unless fixed. */
export function makeClients(
  redirectUri: string,
  fixed: FixedClients = {},
): Readonly<Record<SandboxClientKey, SandboxClient>> {
  const make = (key: SandboxClientKey): SandboxClient => {
    const spec = SPECS[key];
    const creds = fixed[key];
    return {
      key,
      ...spec,
      // Zoho's examples give non-browser clients (and their device codes) the prefix 1004.
      clientId: creds?.clientId ?? newClientId(spec.type === 'device' ? '1004' : '1000'),
      clientSecret: creds?.clientSecret ?? newClientSecret(),
      homeDc: US,
      redirectUri: spec.type === 'server' ? redirectUri : undefined,
    };
  };
  return {
    demo: make('demo'),
    singleDc: make('singleDc'),
    legacy: make('legacy'),
    self: make('self'),
    device: make('device'),
  };
}
