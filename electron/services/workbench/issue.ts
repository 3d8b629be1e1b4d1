import type { DataCenter } from '../../../shared/dc/catalog';
import type { TokenOutcome } from '../../../shared/ipc/views';
import type { TokenPlacement } from '../../../shared/ipc/env-status';
import type { LedgerEvent } from '../../../shared/limits/ledger-types';
import type { TokenSet } from '../../../shared/oauth/token-response';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { TokenIdentity } from '../../../shared/workspace/identity';
import {
  fingerprint,
  type ClientRecord,
  type TokenGrant,
  type TokenMeta,
} from '../../../shared/workspace/model';
import type { SecretAccount } from '../vault/account';
import { tokenAccount } from './clients';
import { newId, type WorkbenchContext } from './context';
import { settleAnswered, settleDone } from './reservations';
import { testPause } from './test-pause';
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
  /** Who they act for (user, CRM org), as looked up when issued; undefined when never looked up. */
  readonly identity: TokenIdentity | undefined;
  readonly scopes: readonly string[];
  readonly environmentId: string | null;
  readonly crossDc: boolean;
  /** Token ids Zoho's caps delete with this creation, as the ledger predicted just before. */
  readonly evicted: readonly string[];
  /** Set for client credentials: how the access token was granted, with no user's consent. */
  readonly grant?: TokenGrant;
}

/** What every caller of one flight is answered with: ids only, the rest comes from the store. */
export interface FlightResult {
  readonly clientRef: string;
  readonly dcId: string;
  readonly apiDomain: string | null;
  readonly accessTokenId: string;
  readonly refreshTokenId: string | null;
  readonly evicted: readonly string[];
  readonly environmentId: string | null;
  readonly crossDc: boolean;
}

/** Written with the ledger events once Zoho answered, so a process that dies next can be finished by another. */
export interface PreparedIssue {
  readonly rows: readonly TokenMeta[];
  readonly result: FlightResult;
}

/** Tokens Zoho issued whose values the keychain refused: held in memory until stored or discarded. */
export interface UnstoredIssue {
  readonly reservationId: string;
  readonly issued: IssuedTokens;
  readonly refresh: TokenMeta | null;
  readonly access: TokenMeta;
  /** Values not yet in the keychain, by account. */
  readonly values: ReadonlyMap<SecretAccount, string>;
}

export type NotStored = Failure<'tokens_not_stored'> & {
  readonly detail: { readonly reservationId: string; readonly tokenIds: readonly string[] };
};

export type IssueResult = Ok<TokenOutcome> | NotStored;

/**
 * Records what Zoho just issued, in the order that survives a crash at any point:
 * 1. the creations enter the ledger with the prepared rows (one transaction): they count at Zoho
 *    whatever happens next;
 * 2. the values go to the keychain;
 * 3. the token rows appear (one transaction), then the environments' variables.
 * A crash after 1 leaves no row pointing at a missing value; a crash after 2 leaves values no row
 * names yet, which the next start finishes (`recoverAnswered`). When the keychain refuses at 2, the
 * values are held in memory (`onUnstored`) until stored or explicitly discarded.
 */
export async function recordIssuedTokens(
  ctx: WorkbenchContext,
  issued: IssuedTokens,
  reservationId: string,
  onUnstored: (unstored: UnstoredIssue) => void,
  /** Events learnt with the answer (the grant code's creation), recorded with the tokens'. */
  known: readonly LedgerEvent[] = [],
): Promise<IssueResult> {
  const at = ctx.now();
  const refresh =
    issued.tokens.refreshToken === null ? null : meta(issued, 'refresh', issued.tokens.refreshToken, at);
  const access = meta(issued, 'access', issued.tokens.accessToken, at);
  const prepared: PreparedIssue = {
    rows: refresh === null ? [access] : [refresh, access],
    result: flightResult(issued, refresh, access),
  };
  settleAnswered(ctx, reservationId, [...known, ...ledgerEvents(issued, refresh, access)], prepared);
  await testPause('before-keychain');
  const unstored: UnstoredIssue = {
    reservationId,
    issued,
    refresh,
    access,
    values: valuesOf(issued, refresh, access),
  };
  const refused = await storeValues(ctx, unstored.values);
  if (refused !== null) {
    onUnstored(unstored);
    return notStored(unstored, refused.message);
  }
  await testPause('before-rows');
  return finishIssue(ctx, unstored);
}

/** Steps 2 and 3 again, for values held after a refusal. */
export async function storeUnstored(ctx: WorkbenchContext, unstored: UnstoredIssue): Promise<IssueResult> {
  const refused = await storeValues(ctx, unstored.values);
  return refused === null ? finishIssue(ctx, unstored) : notStored(unstored, refused.message);
}

async function finishIssue(ctx: WorkbenchContext, unstored: UnstoredIssue): Promise<Ok<TokenOutcome>> {
  const { issued, refresh, access, reservationId } = unstored;
  const result = flightResult(issued, refresh, access);
  settleDone(ctx, reservationId, refresh === null ? [access] : [refresh, access], result);
  const placement = await placeTokens(ctx, {
    set: tokenSetOf(ctx, issued, refresh, access),
    environmentId: issued.environmentId,
    clientRef: issued.client.id,
  });
  ctx.emit('tokens:changed', { clientRef: issued.client.id });
  return ok(outcomeOf(ctx, result, placement));
}

/** Placed nowhere: a flight's result for a caller that named no environment of its own. */
export const PLACED_NOWHERE: TokenPlacement = { written: [], asked: [] };

/**
 * A flight's result as a caller sees it, read from the store (the token values stay in the
 * keychain), with where this caller's environments got the tokens.
 */
export function outcomeOf(
  ctx: WorkbenchContext,
  result: FlightResult,
  placement: TokenPlacement,
): TokenOutcome {
  const metas = [result.accessTokenId, result.refreshTokenId]
    .map((id) => (id === null ? undefined : ctx.store.tokens.get(id)))
    .filter((m): m is TokenMeta => m !== undefined);
  const rows = tokenRows(ctx, metas, ctx.now());
  const accessRow = rows.find((row) => row.id === result.accessTokenId);
  if (accessRow === undefined) throw new Error('the access token of a finished flight has no row');
  return {
    clientRef: result.clientRef,
    dcId: result.dcId,
    apiDomain: result.apiDomain,
    accessToken: accessRow,
    refreshToken: rows.find((row) => row.id === result.refreshTokenId) ?? null,
    evicted: result.evicted,
    environmentId: placement.written[0] ?? null,
    placement,
    crossDc: result.crossDc,
  };
}

function flightResult(issued: IssuedTokens, refresh: TokenMeta | null, access: TokenMeta): FlightResult {
  return {
    clientRef: issued.client.id,
    dcId: issued.dc.id,
    apiDomain: access.apiDomain,
    accessTokenId: access.id,
    refreshTokenId: refresh?.id ?? null,
    evicted: issued.evicted,
    environmentId: issued.environmentId,
    crossDc: issued.crossDc,
  };
}

function notStored(unstored: UnstoredIssue, reason: string): NotStored {
  const prints = [unstored.refresh, unstored.access]
    .filter((m): m is TokenMeta => m !== null)
    .map((m) => `${m.kind} token ${m.fingerprint}`)
    .join(' and ');
  return {
    ...fail(
      'tokens_not_stored',
      `Zoho issued ${prints}, but the keychain refused to store them: ${reason} ` +
        'Tokenbench keeps them in memory until they are stored: unlock the keychain and store them again, ' +
        'or discard them (Zoho still counts them toward its limits).',
    ),
    detail: {
      reservationId: unstored.reservationId,
      tokenIds: [unstored.refresh?.id, unstored.access.id].filter((id): id is string => id !== undefined),
    },
  };
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
    ...(kind === 'access' && issued.grant !== undefined ? { grant: issued.grant } : {}),
    ...(issued.identity === undefined ? {} : { identity: issued.identity }),
  };
}

function ledgerEvents(issued: IssuedTokens, refresh: TokenMeta | null, access: TokenMeta): LedgerEvent[] {
  // The ledger keys limits by Zoho's client id: Zoho counts per client, whatever we call it.
  const common = { clientId: issued.client.zohoClientId, userId: issued.user.id, dc: issued.dc.id };
  const events: LedgerEvent[] = [];
  if (refresh !== null)
    events.push({ type: 'refresh-token-created', at: refresh.createdAt, id: refresh.id, ...common });
  events.push({
    type: 'access-token-created',
    at: access.createdAt,
    id: access.id,
    refreshTokenId: refresh?.id ?? issued.parentRefreshTokenId,
    ...common,
    expiresAt: access.expiresAt ?? access.createdAt,
    viaCodeExchange: issued.parentRefreshTokenId === null && issued.grant === undefined,
  });
  return events;
}

function valuesOf(
  issued: IssuedTokens,
  refresh: TokenMeta | null,
  access: TokenMeta,
): Map<SecretAccount, string> {
  const values = new Map<SecretAccount, string>();
  if (refresh !== null && issued.tokens.refreshToken !== null)
    values.set(tokenAccount(refresh), issued.tokens.refreshToken);
  values.set(tokenAccount(access), issued.tokens.accessToken);
  return values;
}

/**
 * Null when every value is stored; else the keychain's refusal (a typed failure, never a value). The
 * entries are independent, so they are written at once: one keychain round trip instead of two.
 */
async function storeValues(
  ctx: WorkbenchContext,
  values: ReadonlyMap<SecretAccount, string>,
): Promise<Failure | null> {
  const saved = await Promise.all([...values].map(([account, value]) => ctx.vault.set(account, value)));
  return saved.find((result) => !result.ok) ?? null;
}
