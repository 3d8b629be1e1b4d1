import type { ClientCredentials } from '../../../shared/oauth/requests';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { ClientRecord } from '../../../shared/workspace/model';
import { secretAccount } from '../vault/account';
import type { WorkbenchContext } from './context';

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
