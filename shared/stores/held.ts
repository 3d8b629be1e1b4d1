import type { LiveTokens } from '../limits/ledger-types';
import { UNKNOWN_USER } from '../workspace/model';

/**
 * Refresh tokens that token stores hold, as extra holders and extra live tokens for the limit guard.
 * Zoho keeps at most 20 live refresh tokens per user and client; the 21st deletes the oldest with its
 * access tokens (Kaizen #43, zoho-oauth.md "Token limits"). A server's refresh token counts whether
 * or not Tokenbench minted it, so a consent may delete the token a server runs on.
 */

/** One store row holding a refresh token of the client in question. */
export interface HeldRefreshToken {
  readonly storeId: string;
  readonly storeName: string;
  readonly rowId: string;
  readonly fingerprint: string;
  /** The store's user column, for messages. */
  readonly storeUser: string | null;
  /** The ledger's token this row holds (matched by fingerprint and client id); null: minted elsewhere. */
  readonly tokenId: string | null;
  /** The ledger user it counts for: the token's, else the ledger user with the row's email; null if none. */
  readonly userId: string | null;
}

/** A store-held refresh token that the proposed creation would make Zoho delete. */
export interface StoreEviction {
  readonly userId: string;
  /** The user as people know them (an email), for "if … signs in". */
  readonly userLabel: string | null;
  /** The consent's user is not known before Zoho's page: it happens only if this user signs in. */
  readonly ifThisUser: boolean;
  readonly victim: HeldRefreshToken;
  /** Other rows holding the same token (another store, a second row). */
  readonly alsoHeldBy: readonly HeldRefreshToken[];
  /** The user's live refresh tokens as counted: the ledger's and those only stores know. */
  readonly live: number;
  readonly elsewhere: number;
  readonly maxAlive: number;
}

/** What the check needs of the ledger: the live refresh tokens of a user and client, oldest first. */
export type LiveRefreshTokens = (clientId: string, userId: string) => LiveTokens;

export interface CreationProposal {
  readonly clientId: string;
  /** Undefined or `unknown` while the user is not known (a consent, a pasted self-client code). */
  readonly userId?: string | undefined;
}

/**
 * The store-held tokens one more refresh token would evict. For a known user, that user's cap; while
 * the user is unknown, every user some store holds tokens of, each "if this user signs in".
 *
 * A token only a store knows has no creation time Tokenbench could know, and a server's token usually
 * predates the tokens a support person mints, so it is taken for older than every token the ledger
 * knows: the first one evicted. With none, the ledger's oldest live token is the one, and it matters
 * here only when a store holds it.
 */
export function storeEvictions(
  proposal: CreationProposal,
  held: readonly HeldRefreshToken[],
  liveRefresh: LiveRefreshTokens,
  labelOf: (userId: string) => string | null,
): StoreEviction[] {
  const known = proposal.userId !== undefined && proposal.userId !== UNKNOWN_USER;
  const users = known
    ? [proposal.userId ?? '']
    : [...new Set(held.flatMap((h) => (h.userId === null ? [] : [h.userId])))];
  const evictions: StoreEviction[] = [];
  for (const userId of users) {
    const mine = held.filter((h) => h.userId === userId);
    const live = liveRefresh(proposal.clientId, userId);
    const elsewhere = distinctByPrint(mine.filter((h) => h.tokenId === null));
    const counted = live.live + elsewhere.length;
    if (counted < live.maxAlive) continue;
    const victim = elsewhere[0] ?? mine.find((h) => h.tokenId !== null && h.tokenId === live.oldestLiveId);
    if (victim === undefined) continue;
    evictions.push({
      userId,
      userLabel: labelOf(userId),
      ifThisUser: !known,
      victim,
      alsoHeldBy: mine.filter((h) => h !== victim && sameToken(h, victim)),
      live: counted,
      elsewhere: elsewhere.length,
      maxAlive: live.maxAlive,
    });
  }
  return evictions;
}

const sameToken = (a: HeldRefreshToken, b: HeldRefreshToken): boolean =>
  a.tokenId !== null ? a.tokenId === b.tokenId : b.tokenId === null && a.fingerprint === b.fingerprint;

/**
 * The same token in two stores (or two rows) is one token at Zoho. Only the fingerprint can tell for
 * tokens the ledger does not know; two different tokens sharing their last four characters are then
 * counted once, which the guard accepts: it can only under-count by a token in about 65,000.
 */
function distinctByPrint(rows: readonly HeldRefreshToken[]): HeldRefreshToken[] {
  const byPrint = new Map<string, HeldRefreshToken>();
  for (const row of rows) if (!byPrint.has(row.fingerprint)) byPrint.set(row.fingerprint, row);
  return [...byPrint.values()];
}
