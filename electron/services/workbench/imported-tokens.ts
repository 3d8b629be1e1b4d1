import type { DataCenter } from '../../../shared/dc/catalog';
import { expiryMs, sdkUser, type SdkTokenRow } from '../../../shared/filestore';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import {
  fingerprint,
  UNKNOWN_USER,
  type ClientRecord,
  type TokenMeta,
  type TokenOrigin,
} from '../../../shared/workspace/model';
import type { SecretAccount } from '../vault/account';
import { tokenAccount } from './clients';
import { newId, type WorkbenchContext } from './context';

export interface ImportedTokens {
  readonly refresh: TokenMeta | null;
  readonly access: TokenMeta | null;
  /** Tokens of the row this workspace knew already (same value), left as they were. */
  readonly known: number;
  /** Keychain entries written, for the caller to take back if a later step fails. */
  readonly written: readonly SecretAccount[];
}

/**
 * Records the tokens of a Zoho SDK's row so the ledger and the timeline know them. They were minted
 * outside Tokenbench, so only what the row says is taken as known (docs/zoho-formats.md, "What an
 * imported token is known by"):
 *
 * - the access token expires at `expiry_time`; it was created one access-token lifetime (Zoho: one
 *   hour) before that, which is an inference, and said so in its origin;
 * - the refresh token's creation is unknown. The ledger needs a moment: the latest one that cannot
 *   be wrong for the rate rules, i.e. just outside the rolling window (and before its access token).
 *   Counting it as made now would have the guard refuse consents for ten minutes on no evidence;
 *   it still counts toward the 20 live refresh tokens, because it is live.
 * - the user is known only by the email in the user column, never by ZUID: the per-user rules then
 *   count it per client (UNKNOWN_USER), as for any token whose user Tokenbench has not seen.
 *
 * A token whose value this client has already (imported before, or issued here) is not recorded twice.
 * Values go to the keychain first; on a keychain failure what was written is taken back.
 */
export async function recordImportedTokens(
  ctx: WorkbenchContext,
  client: ClientRecord,
  dc: DataCenter,
  row: SdkTokenRow,
): Promise<Ok<ImportedTokens> | Failure> {
  const importedAt = ctx.now();
  const profile = ctx.ledger.profile;
  const origin = (createdAt: TokenOrigin['createdAt']): TokenOrigin => ({
    source: 'zoho-sdk-filestore',
    sdkRowId: row.id,
    importedAt,
    createdAt,
  });
  const knownRefresh =
    row.refreshToken === null ? null : await findKnown(ctx, client, 'refresh', row.refreshToken);
  const knownAccess =
    row.accessToken === null ? null : await findKnown(ctx, client, 'access', row.accessToken);
  if (isFailure(knownRefresh)) return knownRefresh;
  if (isFailure(knownAccess)) return knownAccess;

  const expiry = expiryMs(row);
  const accessCreated =
    expiry === null
      ? importedAt - profile.accessTokenTtlMs
      : Math.min(expiry - profile.accessTokenTtlMs, importedAt);
  const base = {
    clientRef: client.id,
    dcId: dc.id,
    userId: UNKNOWN_USER,
    userLabel: sdkUser(row.userName)?.email ?? null,
    scopes: [],
    apiDomain: row.apiDomain ?? dc.apiDomain,
    lastError: null,
    lastCheckedAt: null,
  } as const;
  const refresh: TokenMeta | null =
    knownRefresh ??
    (row.refreshToken === null
      ? null
      : {
          ...base,
          id: newId('rt'),
          kind: 'refresh',
          fingerprint: fingerprint(row.refreshToken),
          createdAt: Math.min(accessCreated, importedAt - profile.refresh.windowMs - 1),
          expiresAt: null,
          origin: origin('unknown'),
        });
  const access: TokenMeta | null =
    knownAccess ??
    (row.accessToken === null
      ? null
      : {
          ...base,
          id: newId('at'),
          kind: 'access',
          fingerprint: fingerprint(row.accessToken),
          createdAt: accessCreated,
          // Without expiry_time nothing says it still lives: take it as ended at the import.
          expiresAt: expiry ?? importedAt,
          origin: origin(expiry === null ? 'unknown' : 'inferred-from-expiry'),
        });

  const fresh: [TokenMeta, string][] = [];
  if (refresh !== null && knownRefresh === null && row.refreshToken !== null)
    fresh.push([refresh, row.refreshToken]);
  if (access !== null && knownAccess === null && row.accessToken !== null)
    fresh.push([access, row.accessToken]);
  const written: SecretAccount[] = [];
  for (const [meta, value] of fresh) {
    const saved = await ctx.vault.set(tokenAccount(meta), value);
    if (!saved.ok) {
      for (const account of written) await ctx.vault.delete(account);
      return fail(saved.code, `${saved.message} Nothing of this row was imported.`);
    }
    written.push(tokenAccount(meta));
  }
  for (const [meta] of fresh) record(ctx, client, meta, refresh);
  const known = (knownRefresh === null ? 0 : 1) + (knownAccess === null ? 0 : 1);
  return ok({ refresh, access, known, written });
}

function record(
  ctx: WorkbenchContext,
  client: ClientRecord,
  meta: TokenMeta,
  refresh: TokenMeta | null,
): void {
  // The ledger keys limits by Zoho's client id, as recordIssuedTokens does.
  const common = { clientId: client.zohoClientId, userId: meta.userId, dc: meta.dcId };
  if (meta.kind === 'refresh') {
    ctx.ledger.record({ type: 'refresh-token-created', at: meta.createdAt, id: meta.id, ...common });
  } else {
    const parent = refresh !== null && refresh.createdAt <= meta.createdAt ? refresh.id : null;
    ctx.ledger.record({
      type: 'access-token-created',
      at: meta.createdAt,
      id: meta.id,
      refreshTokenId: parent,
      ...common,
      expiresAt: Math.max(meta.expiresAt ?? meta.createdAt, meta.createdAt + 1),
      viaCodeExchange: false,
    });
  }
  ctx.store.tokens.upsert(meta);
}

/** A token of this client with the same value: the fingerprint narrows it, the keychain decides. */
async function findKnown(
  ctx: WorkbenchContext,
  client: ClientRecord,
  kind: 'access' | 'refresh',
  value: string,
): Promise<TokenMeta | null | Failure> {
  const candidates = ctx.store.tokens
    .listByClient(client.id)
    .filter((meta) => meta.kind === kind && meta.fingerprint === fingerprint(value));
  for (const meta of candidates) {
    const stored = await ctx.vault.get(tokenAccount(meta));
    if (!stored.ok) return stored;
    if (stored.value === value) return meta;
  }
  return null;
}

const isFailure = (value: TokenMeta | null | Failure): value is Failure => value !== null && 'ok' in value;
