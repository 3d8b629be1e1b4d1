import {
  fingerprint,
  type EnvVariable,
  type EnvironmentRecord,
  type TokenMeta,
} from '../../../shared/workspace/model';
import { apiDomainOf } from '../../../shared/dc/catalog';
import { secretAccount } from '../vault/account';
import type { WorkbenchContext } from './context';
import type { IssuedTokens } from './issue';

/**
 * After a consent or refresh, the environments that follow the client get Zoho's variables
 * (Kaizen #79's Postman names): `access-token`, `refresh-token`, `api-domain`, `accounts-url`,
 * `expiry-time` (epoch milliseconds, as Zoho's SDKs store it). Token values go to the keychain.
 * Returns the environment named by the caller, else the first one updated.
 */
export async function writeTokenVariables(
  ctx: WorkbenchContext,
  issued: IssuedTokens,
  refresh: TokenMeta | null,
  access: TokenMeta,
): Promise<string | null> {
  const targets = ctx.store.environments
    .list()
    .filter((env) =>
      issued.environmentId === null ? env.clientRef === issued.client.id : env.id === issued.environmentId,
    );
  for (const env of targets) {
    const secrets: [string, string][] = [['access-token', issued.tokens.accessToken]];
    if (refresh !== null && issued.tokens.refreshToken !== null)
      secrets.push(['refresh-token', issued.tokens.refreshToken]);
    // The keychain first: a record must never point at a value that was not stored.
    for (const [key, value] of secrets) {
      const saved = await ctx.vault.set(
        secretAccount({ kind: 'env-variable', environmentId: env.id, key }),
        value,
      );
      if (!saved.ok) return null;
    }
    const plain: Record<string, string | number> = {
      'api-domain': apiDomainFor(env, issued, access),
      'accounts-url': issued.dc.accountsUrl,
      'expiry-time': access.expiresAt ?? access.createdAt,
    };
    ctx.store.environments.setVariables(env.id, merge(env, secrets, plain));
    ctx.emit('environments:changed', { environmentId: env.id });
  }
  return targets[0]?.id ?? null;
}

/**
 * Zoho answers the production `api_domain` whatever the caller works on; an environment set to the
 * DC's developer or sandbox API domain keeps calling that one (the SDKs' DEVELOPER()/SANDBOX()
 * environments use the same tokens on those domains).
 */
function apiDomainFor(env: EnvironmentRecord, issued: IssuedTokens, access: TokenMeta): string {
  const chosen = env.apiEnvironment === 'production' ? null : apiDomainOf(issued.dc, env.apiEnvironment);
  return chosen ?? access.apiDomain ?? issued.dc.apiDomain;
}

function merge(
  env: EnvironmentRecord,
  secrets: [string, string][],
  plain: Record<string, string | number>,
): EnvVariable[] {
  const updates = new Map<string, EnvVariable>();
  for (const [key, value] of secrets) {
    updates.set(key, {
      key,
      value: null,
      secret: true,
      type: 'secret',
      enabled: true,
      fingerprint: fingerprint(value),
    });
  }
  for (const [key, value] of Object.entries(plain)) {
    updates.set(key, { key, value, secret: false, type: 'default', enabled: true, fingerprint: null });
  }
  const kept = env.variables.map((v) => {
    const update = updates.get(v.key);
    updates.delete(v.key);
    // An imported variable keeps its Postman type and enabled flag; only its value changes.
    return update === undefined
      ? v
      : { ...update, type: v.secret === update.secret ? v.type : update.type, enabled: v.enabled };
  });
  return [...kept, ...updates.values()];
}
