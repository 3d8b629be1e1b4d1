import { newClientId, newClientSecret } from './ids';
import type { SandboxClient, SandboxClientKey, SandboxUser } from './model';

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

export function displayName(u: SandboxUser): string {
  return `${u.firstName} ${u.lastName}`;
}

interface ClientSpec {
  readonly name: string;
  readonly type: 'server' | 'self';
  readonly multiDc: boolean;
  readonly legacy: boolean;
}

const SPECS: Readonly<Record<SandboxClientKey, ClientSpec>> = {
  demo: { name: 'Tokenbench Demo', type: 'server', multiDc: true, legacy: false },
  singleDc: { name: 'Single-DC Demo', type: 'server', multiDc: false, legacy: false },
  legacy: { name: 'Legacy Format Demo', type: 'server', multiDc: true, legacy: true },
  self: { name: 'Self Client', type: 'self', multiDc: false, legacy: false },
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
      clientId: creds?.clientId ?? newClientId(),
      clientSecret: creds?.clientSecret ?? newClientSecret(),
      homeDc: US,
      redirectUri: spec.type === 'server' ? redirectUri : undefined,
    };
  };
  return { demo: make('demo'), singleDc: make('singleDc'), legacy: make('legacy'), self: make('self') };
}
