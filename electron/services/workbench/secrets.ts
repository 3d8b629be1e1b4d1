import type { ParsedArgsOf } from '../../../shared/ipc/contract';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import { CLIPBOARD_UNAVAILABLE_MESSAGE } from '../system-clipboard';
import { secretAccount, type SecretAccount } from '../vault/account';
import { tokenAccount } from './clients';
import type { WorkbenchContext } from './context';
import { notFound, variableAccount } from './environments';

export type SecretInput = ParsedArgsOf<'secrets:reveal'>['ref'];

/** Where the clipboard is: Electron's in the app, the host's own for the web host and tests. */
export interface ClipboardPort {
  writeText(text: string): void | Promise<void>;
}

/** Where a secret lives, or the plain value of a variable that is not secret. */
type Located =
  { readonly account: SecretAccount; readonly missing: string } | { readonly plain: string } | Failure;

/**
 * Resolves the page's reference against the store before any keychain account is made: an id the
 * workspace does not know is a plain "not found", and a token's kind (access or refresh) comes from
 * its metadata, not from the page.
 */
function locate(ctx: WorkbenchContext, ref: SecretInput): Located {
  switch (ref.kind) {
    case 'client-secret': {
      const client = ctx.store.clients.get(ref.clientRef);
      if (client === undefined) return fail('client_not_found', `No client "${ref.clientRef}".`);
      return {
        account: secretAccount({ kind: 'client-secret', clientRef: client.id }),
        missing: `No client secret is stored for "${client.name}". Edit the client and paste the secret from the Zoho API console.`,
      };
    }
    case 'token': {
      const meta = ctx.store.tokens.get(ref.tokenId);
      if (meta === undefined) return fail('token_not_found', `No token "${ref.tokenId}" in this workspace.`);
      return {
        account: tokenAccount(meta),
        missing: `The value of ${meta.kind} token ${meta.fingerprint} is not in the keychain (its client was removed, or the keychain was reset). Run the consent again, or refresh, for a new one.`,
      };
    }
    case 'env-variable':
      return locateVariable(ctx, ref.environmentId, ref.key);
  }
}

function locateVariable(ctx: WorkbenchContext, environmentId: string, key: string): Located {
  const env = ctx.store.environments.get(environmentId);
  if (env === undefined) return notFound(environmentId);
  const variable = env.variables.find((v) => v.key === key);
  if (variable === undefined) {
    return fail('variable_not_found', `Environment "${env.name}" has no variable "${key}".`);
  }
  if (!variable.secret) {
    return { plain: typeof variable.value === 'string' ? variable.value : JSON.stringify(variable.value) };
  }
  return {
    account: variableAccount(env.id, key),
    missing: `Variable "${key}" of "${env.name}" has no value in the keychain. Set it in the environment editor.`,
  };
}

/** One secret, read on an explicit request (reveal or copy), never in a list. */
export async function readSecret(ctx: WorkbenchContext, ref: SecretInput): Promise<Ok<string> | Failure> {
  const located = locate(ctx, ref);
  if ('ok' in located) return located;
  if ('plain' in located) return ok(located.plain);
  const value = await ctx.vault.get(located.account);
  if (!value.ok) return value;
  return value.value === null ? fail('secret_not_found', located.missing) : ok(value.value);
}

export async function revealSecret(
  ctx: WorkbenchContext,
  ref: SecretInput,
): Promise<Ok<{ value: string }> | Failure> {
  const value = await readSecret(ctx, ref);
  return value.ok ? ok({ value: value.value }) : value;
}

/**
 * Copies in the main process, so the value need not enter the page at all. A clipboard that cannot
 * be written (no tool reaches a display, the CLI has none) is data the page can act on: it reveals
 * instead. The port's error is not quoted: it may hold what was being copied.
 */
export async function copySecret(
  ctx: WorkbenchContext,
  clipboard: ClipboardPort,
  ref: SecretInput,
): Promise<Ok<null> | Failure> {
  const value = await readSecret(ctx, ref);
  if (!value.ok) return value;
  try {
    await clipboard.writeText(value.value);
  } catch {
    return fail('clipboard_unavailable', CLIPBOARD_UNAVAILABLE_MESSAGE);
  }
  return ok(null);
}
