import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { HeldRefreshToken } from '../../../shared/stores/held';
import type { TokenStoreRecord } from '../../../shared/stores/model';
import { rowProblems, tailPrint, type SdkRowValues } from '../../../shared/stores/sdk-row';
import { rowEmail } from './store-match';
import type { HeldByStores, HeldUser, UnreadStore } from '../../../shared/stores/views';
import type { TokenMeta } from '../../../shared/workspace/model';
import { readHeld } from '../dbstore';
import type { WorkbenchContext } from './context';
import { withStore } from './store-access';
import { matchRows } from './store-match';

export interface StoreHoldings {
  readonly held: readonly HeldRefreshToken[];
  readonly unread: readonly UnreadStore[];
}

export const NO_HOLDINGS: StoreHoldings = { held: [], unread: [] };

/**
 * The refresh tokens of one Zoho client that the workspace's token stores hold, for the users the
 * ledger knows: rows of their emails, and rows ending like one of their live refresh tokens. Users
 * Tokenbench never saw are left out, as the guard could not name them. A store that cannot be read
 * now is reported in `unread` and not counted: the guard never stops a consent for a store that is
 * down, and the Limits tab says so.
 */
export async function storeHoldings(ctx: WorkbenchContext, zohoClientId: string): Promise<StoreHoldings> {
  const stores = ctx.store.tokenStores.list();
  if (stores.length === 0) return NO_HOLDINGS;
  const users = ledgerUsers(ctx, zohoClientId);
  const emails = [...users.byEmail.keys()];
  const tails = users.live.map((meta) => meta.fingerprint.slice(-4));
  const results = await Promise.all(
    stores.map(async (store) => ({
      store,
      rows: await withStore(ctx, store, 'read', (session, shape) =>
        readHeld(session, shape, zohoClientId, emails, tails),
      ),
    })),
  );
  const held: HeldRefreshToken[] = [];
  const unread: UnreadStore[] = [];
  for (const { store, rows } of results) {
    if ('ok' in rows)
      unread.push({ storeId: store.id, storeName: store.name, code: rows.code, message: rows.message });
    else held.push(...(await heldOf(ctx, store, rows, users.byEmail)));
  }
  return { held, unread };
}

/** What the guard needs before a creation of refresh tokens; nothing when forced or online. */
export async function heldForCreation(
  ctx: WorkbenchContext,
  zohoClientId: string,
  force: boolean,
  accessType: 'online' | 'offline',
): Promise<readonly HeldRefreshToken[]> {
  if (force || accessType === 'online') return [];
  return (await storeHoldings(ctx, zohoClientId)).held;
}

interface LedgerUsers {
  /** Lower-case email → the ledger's user id. */
  readonly byEmail: ReadonlyMap<string, string>;
  readonly live: readonly TokenMeta[];
}

/** The ledger's users of this client with the email their tokens were labelled with, and their live tokens. */
function ledgerUsers(ctx: WorkbenchContext, zohoClientId: string): LedgerUsers {
  const ledger = ctx.ledger.ledger;
  const at = ctx.now();
  const byEmail = new Map<string, string>();
  const live: TokenMeta[] = [];
  for (const userId of ledger.usersOf(zohoClientId)) {
    for (const id of ledger.liveRefreshTokens(zohoClientId, userId, at).liveIds) {
      const meta = ctx.store.tokens.get(id);
      if (meta === undefined) continue;
      live.push(meta);
      const email = meta.userLabel?.includes('@') === true ? meta.userLabel.toLowerCase() : null;
      if (email !== null) byEmail.set(email, userId);
    }
  }
  return { byEmail, live };
}

async function heldOf(
  ctx: WorkbenchContext,
  store: TokenStoreRecord,
  rows: readonly SdkRowValues[],
  byEmail: ReadonlyMap<string, string>,
): Promise<HeldRefreshToken[]> {
  const tokens = rows.filter((row) => rowProblems(row).length === 0);
  const matches = await matchRows(ctx, tokens);
  return tokens.map((row) => {
    const match = matches.get(row.id);
    const email = rowEmail(row)?.toLowerCase() ?? null;
    return {
      storeId: store.id,
      storeName: store.name,
      rowId: row.id,
      fingerprint: tailPrint(row.refreshToken) ?? '',
      storeUser: row.userName,
      tokenId: match?.meta.id ?? null,
      userId: match?.meta.userId ?? (email === null ? null : (byEmail.get(email) ?? null)),
    };
  });
}

/**
 * For the Limits tab: per user, how many store rows hold a live token Tokenbench minted (already
 * counted) and how many hold one it did not mint (added to the count), and the stores unread now.
 */
export async function heldByStores(
  ctx: WorkbenchContext,
  clientRef: string,
): Promise<Ok<HeldByStores> | Failure> {
  const client = ctx.store.clients.get(clientRef, { includeRemoved: true });
  if (client === undefined) return fail('client_not_found', `No client "${clientRef}" in this workspace.`);
  const { held, unread } = await storeHoldings(ctx, client.zohoClientId);
  const at = ctx.now();
  const users = new Map<string, HeldRefreshToken[]>();
  for (const h of held) if (h.userId !== null) users.set(h.userId, [...(users.get(h.userId) ?? []), h]);
  const rows: HeldUser[] = [...users].map(([userId, mine]) => {
    const live = new Set(ctx.ledger.ledger.liveRefreshTokens(client.zohoClientId, userId, at).liveIds);
    return {
      userId,
      userLabel: userLabel(ctx, client.zohoClientId, userId),
      minted: mine.filter((h) => h.tokenId !== null && live.has(h.tokenId)).length,
      elsewhere: new Set(mine.filter((h) => h.tokenId === null).map((h) => h.fingerprint)).size,
      storeNames: [...new Set(mine.map((h) => h.storeName))],
    };
  });
  return ok({ clientRef, storeCount: ctx.store.tokenStores.list().length, users: rows, unread });
}

/** A user as people know them: the label (an email) of one of their live refresh tokens. */
export function userLabel(ctx: WorkbenchContext, zohoClientId: string, userId: string): string | null {
  for (const id of ctx.ledger.ledger.liveRefreshTokens(zohoClientId, userId, ctx.now()).liveIds) {
    const label = ctx.store.tokens.get(id)?.userLabel;
    if (label != null) return label;
  }
  return null;
}
