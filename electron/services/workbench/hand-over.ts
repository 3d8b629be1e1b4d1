import type { ParsedArgsOf } from '../../../shared/ipc/contract';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { TokenStoreRecord } from '../../../shared/stores/model';
import type { HandOverDone, HandOverPlan, StoreRowView } from '../../../shared/stores/views';
import type { ClientRecord, TokenMeta } from '../../../shared/workspace/model';
import {
  insertRow,
  readRow,
  readUserRows,
  updateRow,
  writtenColumns,
  type StoreSession,
  type TableShape,
  type UserMatch,
} from '../dbstore';
import { secretAccount } from '../vault/account';
import { clientCredentials } from './credentials';
import type { WorkbenchContext } from './context';
import { findStore, withStore } from './store-access';
import { viewRows } from './store-match';

type PlanArgs = ParsedArgsOf<'stores:plan-hand-over'>;
type HandOverArgs = ParsedArgsOf<'stores:hand-over'>;

/** The token to hand over, its client and the latest live access token that goes with it. */
interface Source {
  readonly store: TokenStoreRecord;
  readonly token: TokenMeta;
  readonly client: ClientRecord;
  readonly access: TokenMeta | null;
  readonly match: UserMatch;
}

/**
 * What "Hand this token to the store" would write, read from the store now: the row it would replace
 * (the SDK finds a token by its user column, so the row of the token's user and client), or none.
 * Nothing is written; the confirmation shows this and hand-over checks it is still so.
 */
export async function planHandOver(
  ctx: WorkbenchContext,
  args: PlanArgs,
): Promise<Ok<HandOverPlan> | Failure> {
  const source = findSource(ctx, args);
  if ('ok' in source) return source;
  return withStore(ctx, source.store, 'read', async (session, shape) => {
    const target = await currentTarget(ctx, session, shape, source, false);
    return target !== null && 'ok' in target ? target : ok(planOf(source, shape, target));
  });
}

/**
 * Writes the token into the store after the user confirmed `args.replaces`: one row, in one
 * transaction, and only if that row (or its absence) is still what was confirmed.
 */
export async function handOver(
  ctx: WorkbenchContext,
  args: HandOverArgs,
): Promise<Ok<HandOverDone> | Failure> {
  const source = findSource(ctx, args);
  if ('ok' in source) return source;
  if (!source.store.writable) {
    return fail(
      'store_read_only',
      `Token store "${source.store.name}" is read-only in Tokenbench, so nothing was written. A server depends on its rows: allow writes to it first (the Stores tab, or tokenbench store add --writable), then hand the token over again.`,
    );
  }
  const values = await secretsOf(ctx, source);
  if ('ok' in values) return values;
  return withStore(ctx, source.store, 'write', (session, shape) =>
    session.transaction(async () => {
      const target = await currentTarget(ctx, session, shape, source, true);
      if (target !== null && 'ok' in target) return target;
      const changed = changedSince(source.store, args.replaces, target);
      if (changed !== null) return changed;
      const plan = planOf(source, shape, target);
      const write = { ...values, userName: plan.userName, clientId: plan.clientId };
      let rowId: string;
      if (target === null) rowId = await insertRow(session, shape, write);
      else {
        await updateRow(session, shape, target.rowId, write);
        rowId = target.rowId;
      }
      const [row] = await viewRows(ctx, await readRow(session, shape, rowId));
      if (row === undefined) throw new Error('the written row could not be read back');
      return ok({ storeId: source.store.id, row, replaced: target });
    }),
  );
}

function findSource(ctx: WorkbenchContext, args: PlanArgs): Source | Failure {
  const store = findStore(ctx, args.id);
  if ('ok' in store) return store;
  const token = ctx.store.tokens.get(args.refreshTokenId);
  if (token?.kind !== 'refresh')
    return fail('token_not_found', `No refresh token "${args.refreshTokenId}" in this workspace.`);
  const at = ctx.now();
  const ledger = ctx.ledger.ledger;
  const status = ledger.tokenAt(token.id, at)?.status ?? 'active';
  if (status !== 'active') {
    return fail(
      'token_not_live',
      `Refresh token ${token.fingerprint} is ${status}: a server given it would get invalid_code at its next refresh. Hand over a live one.`,
    );
  }
  const client = ctx.store.clients.get(token.clientRef, { includeRemoved: true });
  if (client === undefined) return fail('client_not_found', `The client of ${token.fingerprint} is unknown.`);
  const accessIds = ledger.liveAccessTokens(token.id, at).liveIds;
  const accessId = accessIds[accessIds.length - 1];
  const access = accessId === undefined ? null : (ctx.store.tokens.get(accessId) ?? null);
  const email = token.userLabel?.includes('@') === true ? token.userLabel : null;
  const userName = args.userName?.trim();
  if (userName === undefined && email === null) {
    return fail(
      'store_user_unknown',
      `Tokenbench does not know whose token ${token.fingerprint} is (its consent did not grant AaaServer.profile.Read), and the SDK finds a token by its user name. Give the user name the server's SDK uses (an email, or email:orgId when its findUser is on).`,
    );
  }
  const match: UserMatch =
    userName !== undefined ? { userName } : { clientId: client.zohoClientId, email: email ?? '' };
  return { store, token, client, access, match };
}

/** The row the write would replace now: the first of the user's rows, if it is a token. */
async function currentTarget(
  ctx: WorkbenchContext,
  session: StoreSession,
  shape: TableShape,
  source: Source,
  lock: boolean,
): Promise<StoreRowView | null | Failure> {
  const [row] = await viewRows(ctx, await readUserRows(session, shape, source.match, lock));
  if (row === undefined) return null;
  if (row.problems.length > 0) {
    return fail(
      'store_row_not_token',
      `Row ${row.rowId} of "${source.store.name}" is the user's row, but it is not a token (${row.problems.join(', ')}). Tokenbench does not overwrite it: fix or delete it in the database, then hand the token over again. Nothing was written.`,
    );
  }
  if (row.known?.tokenId === source.token.id) {
    return fail(
      'store_holds_token',
      `Row ${row.rowId} of "${source.store.name}" holds refresh token ${source.token.fingerprint} already. Nothing was written.`,
    );
  }
  return row;
}

function planOf(source: Source, shape: TableShape, target: StoreRowView | null): HandOverPlan {
  const email = 'email' in source.match ? source.match.email : source.match.userName;
  return {
    storeId: source.store.id,
    storeName: source.store.name,
    refreshTokenId: source.token.id,
    refreshFingerprint: source.token.fingerprint,
    userName: target?.user ?? email,
    clientId: source.client.zohoClientId,
    replaces: target,
    accessFingerprint: source.access?.fingerprint ?? null,
    expiresAt: source.access?.expiresAt ?? null,
    columns: writtenColumns(shape),
  };
}

function changedSince(
  store: TokenStoreRecord,
  confirmed: HandOverArgs['replaces'],
  now: StoreRowView | null,
): Failure | null {
  const same =
    confirmed === null
      ? now === null
      : now !== null &&
        now.rowId === confirmed.rowId &&
        now.refreshFingerprint === confirmed.refreshFingerprint;
  if (same) return null;
  const was = confirmed === null ? 'no row for this user' : `row ${confirmed.rowId}`;
  const is =
    now === null ? 'no row' : `row ${now.rowId} with refresh token ${now.refreshFingerprint ?? 'none'}`;
  return fail(
    'store_row_changed',
    `Token store "${store.name}" changed since you confirmed (${was}; now ${is}). Nothing was written: look at the rows again and confirm anew.`,
  );
}

/** The values the row needs, from the keychain: the SDK refreshes with the row's client secret. */
async function secretsOf(ctx: WorkbenchContext, source: Source) {
  const credentials = await clientCredentials(ctx, source.client);
  if (!credentials.ok) return credentials;
  const refresh = await ctx.vault.get(secretAccount({ kind: 'refresh-token', tokenId: source.token.id }));
  if (!refresh.ok) return refresh;
  if (refresh.value === null) {
    return fail(
      'secret_not_found',
      `The value of refresh token ${source.token.fingerprint} is not in the keychain, so it cannot be handed over.`,
    );
  }
  const access =
    source.access === null
      ? null
      : await ctx.vault.get(secretAccount({ kind: 'access-token', tokenId: source.access.id }));
  const accessValue = access?.ok === true ? access.value : null;
  return {
    clientSecret: credentials.value.clientSecret,
    refreshToken: refresh.value,
    accessToken: accessValue,
    // The SDK refreshes when fewer than 5 seconds remain; without an access token it refreshes first.
    expiryTime:
      accessValue === null || source.access?.expiresAt == null ? null : String(source.access.expiresAt),
    redirectUrl: source.client.redirectUri,
    apiDomain: source.token.apiDomain,
  };
}
