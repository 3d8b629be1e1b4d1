import type { ParsedArgsOf } from '../../../shared/ipc/contract';
import { isLoopbackHost } from '../../../shared/dc/catalog';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import { fingerprint, type ClientRecord, type TokenMeta } from '../../../shared/workspace/model';
import { secretAccount, type SecretAccount } from '../vault/account';
import { dcCatalog, newId, type WorkbenchContext } from './context';
import { formError, type FormError } from './form-error';
import { errorCode } from '../store/sqlite';

export type ClientInput = ParsedArgsOf<'clients:save'>;

/**
 * Saves a client. The secret goes to the keychain first: if the keychain refuses, nothing is saved,
 * so no record ever points at a secret that is not there (architecture.md, "Secrets").
 */
export async function saveClient(
  ctx: WorkbenchContext,
  input: ClientInput,
): Promise<Ok<ClientRecord> | Failure> {
  const existing = input.id === undefined ? undefined : ctx.store.clients.get(input.id);
  if (input.id !== undefined && existing === undefined) {
    return fail(
      'client_not_found',
      `No client "${input.id}" to edit: it may have been removed. Reload the list.`,
    );
  }
  const problem = validateClient(ctx, input, existing);
  if (problem !== null) return problem;
  const id = existing?.id ?? newId('cl');
  const account = secretAccount({ kind: 'client-secret', clientRef: id });
  const previous =
    existing === undefined || input.clientSecret === undefined ? null : await ctx.vault.get(account);
  if (previous !== null && !previous.ok) return previous;
  if (input.clientSecret !== undefined) {
    const saved = await ctx.vault.set(account, input.clientSecret);
    if (!saved.ok) return saved;
  }
  const record = toRecord(ctx, id, input, existing);
  try {
    ctx.store.clients.upsert(record);
  } catch (error: unknown) {
    // The secret must not outlive (or replace) the record that failed to be written.
    if (existing === undefined) await ctx.vault.delete(account);
    else if (previous?.value != null) await ctx.vault.set(account, previous.value);
    // The unique index on names: another process saved this name since the check above.
    if (errorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') return duplicateName(input.name.trim());
    throw error;
  }
  return ok(record);
}

const duplicateName = (name: string): FormError =>
  formError('duplicate_client_name', 'name', `A client named "${name}" exists already: pick another name.`);

function toRecord(
  ctx: WorkbenchContext,
  id: string,
  input: ClientInput,
  existing: ClientRecord | undefined,
): ClientRecord {
  return {
    id,
    name: input.name.trim(),
    dcId: input.dcId,
    zohoClientId: input.zohoClientId.trim(),
    type: input.type,
    // Only a server-based client has a redirect URI: a Self Client's code comes from the API console,
    // a Non-browser client's consent from the verification page. A value left in the form from the
    // server type is dropped rather than stored as if Zoho knew it.
    redirectUri: input.type === 'server' ? input.redirectUri : null,
    multiDc: input.multiDc,
    pkce: input.pkce,
    revokeEndpoint: input.revokeEndpoint,
    secretFingerprint:
      input.clientSecret === undefined
        ? (existing?.secretFingerprint ?? null)
        : fingerprint(input.clientSecret),
    createdAt: existing?.createdAt ?? ctx.now(),
  };
}

/** Form checks, each naming the field and saying how to fix it. */
function validateClient(
  ctx: WorkbenchContext,
  input: ClientInput,
  existing: ClientRecord | undefined,
): FormError | null {
  if (dcCatalog(ctx).byLocation(input.dcId) === undefined) {
    return formError(
      'invalid_client_dc',
      'dcId',
      `The DC "${input.dcId}" is not in the catalog: pick one of the listed DCs or add it first.`,
    );
  }
  if (!/^[\w.-]+$/.test(input.zohoClientId.trim())) {
    return formError(
      'invalid_client_id',
      'zohoClientId',
      'The client id has spaces or odd characters: copy it again from the Zoho API console (it looks like 1000.ABC…).',
    );
  }
  const name = input.name.trim().toLowerCase();
  const duplicate = ctx.store.clients
    .list()
    .find((c) => c.name.toLowerCase() === name && c.id !== existing?.id);
  // A friendly early answer; the unique index in the store is what holds across processes.
  if (duplicate !== undefined) return duplicateName(duplicate.name);
  if (existing === undefined && input.clientSecret === undefined) {
    return formError(
      'client_secret_required',
      'clientSecret',
      'Paste the client secret from the Zoho API console: Tokenbench keeps it in the system keychain.',
    );
  }
  return input.type === 'server' ? validateRedirectUri(input.redirectUri) : null;
}

/**
 * Zoho compares the redirect URI exactly, trailing slash included (zoho-oauth.md, "Client types"),
 * so it is kept verbatim and only checked: https, or http on loopback where Tokenbench listens;
 * no fragment (RFC 6749 §3.1.2).
 */
function validateRedirectUri(raw: string | null): FormError | null {
  const refuse = (code: string, message: string) => formError(code, 'redirectUri', message);
  if (raw === null || raw.trim() === '') {
    return refuse(
      'redirect_uri_required',
      'A server-based client needs its redirect URI, exactly as registered in the API console (for example http://127.0.0.1:53682/callback).',
    );
  }
  if (raw !== raw.trim()) {
    return refuse(
      'invalid_redirect_uri',
      'The redirect URI has spaces around it; Zoho compares it exactly, so remove them.',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(
      'invalid_redirect_uri',
      `"${raw}" is not a URL: write it exactly as registered, like http://127.0.0.1:53682/callback.`,
    );
  }
  const loopback = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopback) {
    return refuse(
      'invalid_redirect_uri',
      'The redirect URI must be https, or http on 127.0.0.1 / localhost so Tokenbench can catch it.',
    );
  }
  if (raw.includes('#')) {
    return refuse(
      'invalid_redirect_uri',
      'A redirect URI cannot have a #fragment: remove it here and in the API console.',
    );
  }
  return null;
}

/**
 * Removes a client: its secret and its tokens' values leave the keychain first (if the keychain
 * refuses, the client stays, so nothing is orphaned there). Token metadata and the ledger's history
 * stay, since Zoho keeps counting those tokens (see ClientsTable). Environments that followed the
 * client stop following it; their own variables are untouched.
 */
export async function removeClient(ctx: WorkbenchContext, id: string): Promise<Ok<null> | Failure> {
  if (ctx.store.clients.get(id) === undefined) {
    return fail('client_not_found', `No client "${id}" to remove: it may have been removed already.`);
  }
  const accounts = [
    secretAccount({ kind: 'client-secret', clientRef: id }),
    ...ctx.store.tokens.listByClient(id).map(tokenAccount),
  ];
  for (const account of accounts) {
    const deleted = await ctx.vault.delete(account);
    if (!deleted.ok) return fail(deleted.code, `${deleted.message} The client was not removed.`);
  }
  ctx.store.clients.remove(id);
  for (const env of ctx.store.environments.list().filter((e) => e.clientRef === id)) {
    ctx.store.environments.upsert({ ...env, clientRef: null, updatedAt: ctx.now() });
    ctx.emit('environments:changed', { environmentId: env.id });
  }
  ctx.emit('tokens:changed', { clientRef: id });
  return ok(null);
}

export function tokenAccount(meta: Pick<TokenMeta, 'id' | 'kind'>): SecretAccount {
  return secretAccount({ kind: meta.kind === 'access' ? 'access-token' : 'refresh-token', tokenId: meta.id });
}
