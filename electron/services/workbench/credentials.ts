import type { DataCenter } from '../../../shared/dc/catalog';
import type { ClientCredentials } from '../../../shared/oauth/requests';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import { UNKNOWN_USER, type ClientRecord } from '../../../shared/workspace/model';
import { secretAccount } from '../vault/account';
import type { WorkbenchContext } from './context';
import { grantsProfile } from '../../../shared/scopes/catalog';

/** The client id and its secret from the keychain, read only for the one request that needs it. */
export async function clientCredentials(
  ctx: WorkbenchContext,
  client: ClientRecord,
): Promise<Ok<ClientCredentials> | Failure> {
  const secret = await ctx.vault.get(secretAccount({ kind: 'client-secret', clientRef: client.id }));
  if (!secret.ok) return secret;
  if (secret.value === null) {
    return fail(
      'client_secret_missing',
      `Client "${client.name}" has no secret in the keychain. Edit the client and paste its secret from the Zoho API console.`,
    );
  }
  return ok({ clientId: client.zohoClientId, clientSecret: secret.value });
}

/** Checks the keychain before spending a grant code or a limit slot on tokens it could not keep. */
export async function keychainReady(ctx: WorkbenchContext): Promise<Failure | null> {
  const probe = await ctx.vault.probe();
  return probe.ok ? null : probe;
}

export interface KnownUser {
  readonly id: string;
  readonly label: string | null;
}

/**
 * Zoho's token answer does not say whose tokens they are, but the per-user limits need it. With
 * AaaServer.profile.Read granted, `/oauth/user/info` tells (an API call, not a token, so it costs no
 * limit). Otherwise the user stays `unknown`, and all such tokens share one per-client bucket: the
 * guard then over-counts, which errs on the safe side.
 */
export async function identifyUser(
  ctx: WorkbenchContext,
  dc: DataCenter,
  accessToken: string,
  scopes: readonly string[],
): Promise<KnownUser> {
  if (!grantsProfile(scopes)) return { id: UNKNOWN_USER, label: null };
  const who = await ctx.accounts.userInfo(dc, accessToken);
  if (!who.ok || who.value.zuid === null) return { id: UNKNOWN_USER, label: null };
  return { id: who.value.zuid, label: who.value.email ?? who.value.displayName };
}
