import { expiryMs, sdkUser } from '../../../shared/filestore/token-row';
import { rowProblems, tailPrint, type SdkRowValues } from '../../../shared/stores/sdk-row';
import type { KnownToken, StoreRowView } from '../../../shared/stores/views';
import type { TokenMeta } from '../../../shared/workspace/model';
import { secretAccount } from '../vault/account';
import type { WorkbenchContext } from './context';

/** A row's refresh token matched to a token of the workspace. */
export interface RowMatch {
  readonly meta: TokenMeta;
  readonly confirmed: boolean;
}

/**
 * Finds, for each row, the refresh token of the workspace it holds: same fingerprint (last four
 * characters) and same Zoho client id, then the keychain's value compared with the row's, which
 * rules out another token that merely ends alike. When the keychain has no value to compare, a
 * single candidate is taken, unconfirmed. One query for the page, through the fingerprint index.
 */
export async function matchRows(
  ctx: WorkbenchContext,
  rows: readonly SdkRowValues[],
): Promise<Map<string, RowMatch>> {
  const holding = rows.filter((row) => rowProblems(row).length === 0 && tailPrint(row.refreshToken) !== null);
  const metas = ctx.store.tokens.refreshByFingerprints(
    holding.map((row) => tailPrint(row.refreshToken) ?? ''),
  );
  const zohoIdOf = zohoClientIds(ctx);
  const matches = new Map<string, RowMatch>();
  for (const row of holding) {
    const print = tailPrint(row.refreshToken);
    const candidates = metas.filter(
      (m) => m.fingerprint === print && zohoIdOf(m.clientRef) === row.clientId?.trim(),
    );
    const match = await confirm(ctx, row.refreshToken?.trim() ?? '', candidates);
    if (match !== null) matches.set(row.id, match);
  }
  return matches;
}

async function confirm(
  ctx: WorkbenchContext,
  value: string,
  candidates: readonly TokenMeta[],
): Promise<RowMatch | null> {
  const unconfirmed: TokenMeta[] = [];
  for (const meta of candidates) {
    const stored = await ctx.vault.get(secretAccount({ kind: 'refresh-token', tokenId: meta.id }));
    if (stored.ok && stored.value !== null) {
      if (stored.value === value) return { meta, confirmed: true };
    } else unconfirmed.push(meta);
  }
  const [only] = unconfirmed;
  return only !== undefined && unconfirmed.length === 1 ? { meta: only, confirmed: false } : null;
}

/** Tokenbench's client id to Zoho's, removed clients included (their tokens still live at Zoho). */
function zohoClientIds(ctx: WorkbenchContext): (clientRef: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (clientRef) => {
    if (!known.has(clientRef))
      known.set(clientRef, ctx.store.clients.get(clientRef, { includeRemoved: true })?.zohoClientId);
    return known.get(clientRef);
  };
}

/** The page's view of rows: fingerprints, the ledger's state of each refresh token, the problems. */
export async function viewRows(
  ctx: WorkbenchContext,
  rows: readonly SdkRowValues[],
): Promise<StoreRowView[]> {
  const matches = await matchRows(ctx, rows);
  const clients = new Map(ctx.store.clients.list().map((c) => [c.zohoClientId, c.id]));
  return rows.map((row) => rowView(ctx, row, matches.get(row.id), clients));
}

export function rowView(
  ctx: WorkbenchContext,
  row: SdkRowValues,
  match: RowMatch | undefined,
  clients: ReadonlyMap<string, string>,
): StoreRowView {
  const clientId = row.clientId?.trim() ?? null;
  return {
    rowId: row.id,
    user: row.userName,
    clientId,
    clientRef: clientId === null ? null : (clients.get(clientId) ?? null),
    refreshFingerprint: tailPrint(row.refreshToken),
    accessFingerprint: tailPrint(row.accessToken),
    grantFingerprint: tailPrint(row.grantToken),
    expiresAt: expiryMs(row),
    apiDomain: row.apiDomain,
    hasClientSecret: row.hasClientSecret,
    known: match === undefined ? null : knownToken(ctx, match),
    problems: rowProblems(row),
  };
}

function knownToken(ctx: WorkbenchContext, match: RowMatch): KnownToken {
  const view = ctx.ledger.ledger.tokenAt(match.meta.id, ctx.now());
  return {
    tokenId: match.meta.id,
    status: view?.status ?? 'active',
    userId: match.meta.userId,
    userLabel: match.meta.userLabel,
    confirmed: match.confirmed,
  };
}

/** The email a row's user column names (`email` or `email:orgId`), for matching users. */
export const rowEmail = (row: SdkRowValues): string | null => sdkUser(row.userName)?.email ?? null;
