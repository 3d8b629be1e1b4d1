import type { DataCenter } from '../../../shared/dc/catalog';
import type { TokenOutcome } from '../../../shared/ipc/views';
import type { TokenSet } from '../../../shared/oauth/token-response';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import { fingerprint, type ClientRecord, type TokenMeta } from '../../../shared/workspace/model';
import { secretAccount } from '../vault/account';
import { newId, type WorkbenchContext } from './context';
import { keychainValue, placeTokens, type LineageSet } from './token-variables';
import { tokenRows } from './views';

export interface IssuedTokens {
  readonly client: ClientRecord;
  /** The DC that issued them: the user's DC for a multi-DC consent. */
  readonly dc: DataCenter;
  readonly tokens: TokenSet;
  /** Set for a refresh: the refresh token the new access token belongs to. */
  readonly parentRefreshTokenId: string | null;
  readonly user: { readonly id: string; readonly label: string | null };
  readonly scopes: readonly string[];
  readonly environmentId: string | null;
  readonly crossDc: boolean;
  /** Token ids Zoho's caps delete with this creation, as the ledger predicted just before. */
  readonly evicted: readonly string[];
}

/**
 * Records what Zoho just issued: values in the keychain, the creation in the ledger (which applies
 * the evictions Zoho does), metadata in the store, and the environments' variables. The ledger is
 * written even if the keychain then fails, because the tokens exist at Zoho and count toward its limits.
 */
export async function recordIssuedTokens(
  ctx: WorkbenchContext,
  issued: IssuedTokens,
): Promise<Ok<TokenOutcome> | Failure<'keychain_unavailable' | 'invalid_secret'>> {
  const at = ctx.now();
  const refresh =
    issued.tokens.refreshToken === null ? null : meta(issued, 'refresh', issued.tokens.refreshToken, at);
  const access = meta(issued, 'access', issued.tokens.accessToken, at);
  const parentId = refresh?.id ?? issued.parentRefreshTokenId;
  recordInLedger(ctx, issued, refresh, access, parentId);
  for (const m of [refresh, access]) if (m !== null) ctx.store.tokens.upsert(m);

  const stored = await storeValues(ctx, issued.tokens, refresh, access);
  if (!stored.ok) return stored;
  const placement = await placeTokens(ctx, {
    set: tokenSetOf(ctx, issued, refresh, access),
    environmentId: issued.environmentId,
    clientRef: issued.client.id,
  });
  ctx.emit('tokens:changed', { clientRef: issued.client.id });
  const [accessRow, refreshRow] = tokenRows(ctx, refresh === null ? [access] : [access, refresh], at);
  if (accessRow === undefined) throw new Error('tokenRows lost the access token');
  return ok({
    clientRef: issued.client.id,
    dcId: issued.dc.id,
    apiDomain: access.apiDomain,
    accessToken: accessRow,
    refreshToken: refreshRow ?? null,
    evicted: issued.evicted,
    environmentId: placement.written[0] ?? null,
    placement,
    crossDc: issued.crossDc,
  });
}

/** The set to place: a new refresh token's value is at hand; a refreshed one's is read if needed. */
function tokenSetOf(
  ctx: WorkbenchContext,
  issued: IssuedTokens,
  refresh: TokenMeta | null,
  access: TokenMeta,
): LineageSet {
  const newValue = issued.tokens.refreshToken;
  const parent =
    refresh ??
    (issued.parentRefreshTokenId === null
      ? null
      : (ctx.store.tokens.get(issued.parentRefreshTokenId) ?? null));
  return {
    dc: issued.dc,
    access,
    accessValue: issued.tokens.accessToken,
    refresh: parent,
    refreshValue:
      refresh !== null && newValue !== null
        ? () => Promise.resolve(ok(newValue))
        : parent === null
          ? () => Promise.resolve(fail('token_not_found', 'No refresh token.'))
          : keychainValue(ctx, parent),
  };
}

function meta(issued: IssuedTokens, kind: 'access' | 'refresh', value: string, at: number): TokenMeta {
  return {
    id: newId(kind === 'access' ? 'at' : 'rt'),
    kind,
    clientRef: issued.client.id,
    dcId: issued.dc.id,
    userId: issued.user.id,
    userLabel: issued.user.label,
    scopes: issued.tokens.scope?.split(/[,\s]+/).filter(Boolean) ?? [...issued.scopes],
    apiDomain: issued.tokens.apiDomain ?? issued.dc.apiDomain,
    fingerprint: fingerprint(value),
    createdAt: at,
    expiresAt: kind === 'access' ? at + issued.tokens.expiresInMs : null,
    lastError: null,
    lastCheckedAt: null,
  };
}

function recordInLedger(
  ctx: WorkbenchContext,
  issued: IssuedTokens,
  refresh: TokenMeta | null,
  access: TokenMeta,
  parentId: string | null,
): void {
  // The ledger keys limits by Zoho's client id: Zoho counts per client, whatever we call it.
  const common = { clientId: issued.client.zohoClientId, userId: issued.user.id, dc: issued.dc.id };
  if (refresh !== null)
    ctx.ledger.record({ type: 'refresh-token-created', at: refresh.createdAt, id: refresh.id, ...common });
  ctx.ledger.record({
    type: 'access-token-created',
    at: access.createdAt,
    id: access.id,
    refreshTokenId: parentId,
    ...common,
    expiresAt: access.expiresAt ?? access.createdAt,
    viaCodeExchange: issued.parentRefreshTokenId === null,
  });
}

async function storeValues(
  ctx: WorkbenchContext,
  tokens: TokenSet,
  refresh: TokenMeta | null,
  access: TokenMeta,
): Promise<Ok<null> | Failure<'keychain_unavailable' | 'invalid_secret'>> {
  const writes: [TokenMeta, string][] = [[access, tokens.accessToken]];
  if (refresh !== null && tokens.refreshToken !== null) writes.unshift([refresh, tokens.refreshToken]);
  for (const [m, value] of writes) {
    const kind = m.kind === 'access' ? 'access-token' : 'refresh-token';
    const saved = await ctx.vault.set(secretAccount({ kind, tokenId: m.id }), value);
    if (!saved.ok) {
      const message = `Zoho issued the tokens and Tokenbench recorded them, but the keychain refused to store ${kind} ${m.fingerprint}: ${saved.message}`;
      ctx.store.tokens.setLastError(m.id, { code: saved.code, message, at: ctx.now() });
      return fail(saved.code, message);
    }
  }
  return ok(null);
}
