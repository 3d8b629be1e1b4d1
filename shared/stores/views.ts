import type { TokenStatus } from '../limits/ledger-types';

/** What the token-store channels answer. Token values never appear in any of these. */

/** The refresh token of a store row as Tokenbench's ledger knows it. */
export interface KnownToken {
  readonly tokenId: string;
  readonly status: TokenStatus;
  readonly userId: string;
  readonly userLabel: string | null;
  /** The keychain's value equals the row's; false when only the fingerprint and client id matched. */
  readonly confirmed: boolean;
}

/** A row of a token store as the page sees it: fingerprints, never values. */
export interface StoreRowView {
  readonly rowId: string;
  /** The SDK's user column as stored: `email:orgId`, an email, or what the server's app named it. */
  readonly user: string | null;
  readonly clientId: string | null;
  /** The workspace's client with that Zoho client id, if there is one. */
  readonly clientRef: string | null;
  readonly refreshFingerprint: string | null;
  readonly accessFingerprint: string | null;
  readonly grantFingerprint: string | null;
  /** When the row's access token expires (`expiry_time`). */
  readonly expiresAt: number | null;
  readonly apiDomain: string | null;
  readonly hasClientSecret: boolean;
  /** The refresh token as the ledger knows it; null when Tokenbench did not mint it. */
  readonly known: KnownToken | null;
  /** Why the row is not a token: such a row is shown, never counted and never overwritten. */
  readonly problems: readonly string[];
}

export interface StoreRowsPage {
  readonly storeId: string;
  /** In the table's primary-key order: the SDK's `id`, compared as text. */
  readonly rows: readonly StoreRowView[];
  readonly after: string | null;
  /** Give as `after` for the next page; null on the last one. */
  readonly nextAfter: string | null;
}

/** What "Hand this token to the store" would write, so the confirmation can name it. */
export interface HandOverPlan {
  readonly storeId: string;
  readonly storeName: string;
  readonly refreshTokenId: string;
  readonly refreshFingerprint: string;
  /** The user column written: the replaced row's, else the token's email (or the name given). */
  readonly userName: string;
  readonly clientId: string;
  /** The row it overwrites; null when it adds one. */
  readonly replaces: StoreRowView | null;
  /** The latest live access token written with it, so the server need not refresh first. */
  readonly accessFingerprint: string | null;
  readonly expiresAt: number | null;
  /** The columns the write sets. */
  readonly columns: readonly string[];
}

export interface HandOverDone {
  readonly storeId: string;
  readonly row: StoreRowView;
  /** The row it overwrote, as it was; null when a row was added. */
  readonly replaced: StoreRowView | null;
}

/** A store that could not be read just now, and why: its tokens were not counted. */
export interface UnreadStore {
  readonly storeId: string;
  readonly storeName: string;
  readonly code: string;
  readonly message: string;
}

/** One user's refresh tokens held in token stores, as the limit guard counts them. */
export interface HeldUser {
  readonly userId: string;
  readonly userLabel: string | null;
  /** Store rows holding a live refresh token Tokenbench minted (already in the ledger's count). */
  readonly minted: number;
  /** Store rows holding a refresh token Tokenbench does not know: added to the count. */
  readonly elsewhere: number;
  readonly storeNames: readonly string[];
}

/** For the Limits tab: what the token stores add to each user's live refresh tokens. */
export interface HeldByStores {
  readonly clientRef: string;
  readonly storeCount: number;
  readonly users: readonly HeldUser[];
  readonly unread: readonly UnreadStore[];
}
