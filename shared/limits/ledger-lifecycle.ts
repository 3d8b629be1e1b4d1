import { fail, type Failure } from '../result';
import type {
  AccessTokenCreated,
  AccessTokenRevoked,
  LedgerAppendError,
  LedgerEvent,
  RefreshTokenRevoked,
} from './ledger-types';

/**
 * Token lifecycles under the two caps of Kaizen #43 (zoho-oauth.md, "Token limits"): "the 16th access
 * token deletes the 1st" and "the 21st refresh token deletes the 1st and its access tokens".
 *
 * Evictions chain only inside one user and client: a refresh token evicts a sibling, which ends that
 * sibling's access tokens. So each (user, client) is a `Family` holding its own history (creations and
 * revocations) in time order, and a late event replays just that family. Records keep the whole history; the `live*` lists
 * hold the tokens still live after the family's latest event, so a check at "now" costs O(maxAlive).
 */

export interface TokenEnd {
  readonly at: number;
  readonly cause: 'revoked' | 'evicted';
  readonly evictedBy: string | null;
  readonly withParent: boolean;
}

interface TokenRecordBase {
  readonly id: string;
  readonly clientId: string;
  readonly userId: string;
  readonly dc: string;
  readonly createdAt: number;
  /** Set by revocation or eviction (never by expiry); derived, so a family replay resets it. */
  end: TokenEnd | null;
}

export interface AccessRecord extends TokenRecordBase {
  readonly kind: 'access';
  readonly expiresAt: number;
  readonly parent: RefreshRecord | null;
  /** Counts toward its refresh token's rate and cap. */
  readonly counted: boolean;
}

export interface RefreshRecord extends TokenRecordBase {
  readonly kind: 'refresh';
  readonly family: Family;
  /** Every access token ever created under it, in time order. */
  readonly children: AccessRecord[];
  /** Its children not revoked or evicted after the family's latest event (some may have expired since). */
  readonly liveChildren: AccessRecord[];
}

export type TokenRecord = AccessRecord | RefreshRecord;

/** A step of a family's history: a creation is the token's record itself, so history costs no copies. */
export type FamilyEntry = TokenRecord | Revocation;

export interface Revocation {
  readonly revoked: TokenRecord;
  readonly at: number;
}

const entryAt = (entry: FamilyEntry): number => ('revoked' in entry ? entry.at : entry.createdAt);

export interface Family {
  /** Ascending by time; equal times keep their append order. */
  readonly history: FamilyEntry[];
  /** Every refresh token of the family, in time order. */
  readonly refreshTokens: RefreshRecord[];
  /** Live after the latest event, oldest first; refresh tokens never expire. */
  readonly liveRefresh: RefreshRecord[];
}

export interface Caps {
  readonly maxAliveRefresh: number;
  readonly maxAliveAccess: number;
}

export const newFamily = (): Family => ({ history: [], refreshTokens: [], liveRefresh: [] });

export function isLiveAt(token: TokenRecord, at: number): boolean {
  if (token.createdAt > at) return false;
  if (token.end !== null && token.end.at <= at) return false;
  return token.kind === 'refresh' || token.expiresAt > at;
}

/** The moment after which the family's `live*` lists are exact (up to expiry). */
export function familyLatestAt(family: Family): number {
  const latest = family.history[family.history.length - 1];
  return latest === undefined ? Number.NEGATIVE_INFINITY : entryAt(latest);
}

/** Records a step in time order: applied at once when in order, else the family is replayed. */
export function addToFamily(family: Family, entry: FamilyEntry, caps: Caps): void {
  const at = entryAt(entry);
  if (at >= familyLatestAt(family)) {
    family.history.push(entry);
    applyEntry(family, entry, caps);
    return;
  }
  let index = family.history.length;
  while (index > 0 && entryAt(family.history[index - 1] ?? entry) > at) index -= 1;
  family.history.splice(index, 0, entry);
  replayFamily(family, caps);
}

function applyEntry(family: Family, entry: FamilyEntry, caps: Caps): void {
  if ('revoked' in entry) {
    const token = entry.revoked;
    if (token.kind === 'refresh') revokeRefresh(family, token, entry.at);
    else revokeAccess(token, entry.at);
  } else if (entry.kind === 'refresh') createRefresh(family, entry, caps);
  else createAccess(entry, caps);
}

function replayFamily(family: Family, caps: Caps): void {
  for (const refresh of family.refreshTokens) {
    refresh.end = null;
    for (const child of refresh.children) child.end = null;
    refresh.children.length = 0;
    refresh.liveChildren.length = 0;
  }
  family.refreshTokens.length = 0;
  family.liveRefresh.length = 0;
  for (const entry of family.history) applyEntry(family, entry, caps);
}

function createRefresh(family: Family, token: RefreshRecord, caps: Caps): void {
  while (family.liveRefresh.length >= caps.maxAliveRefresh) {
    const oldest = family.liveRefresh.shift();
    if (oldest === undefined) break;
    endRefresh(oldest, { at: token.createdAt, cause: 'evicted', evictedBy: token.id, withParent: false });
  }
  family.refreshTokens.push(token);
  family.liveRefresh.push(token);
}

/** Ends a refresh token and, as Zoho does, every access token still live under it. */
function endRefresh(token: RefreshRecord, end: TokenEnd): void {
  token.end = end;
  for (const child of token.liveChildren) {
    if (child.expiresAt > end.at) child.end = { ...end, withParent: true };
  }
  token.liveChildren.length = 0;
}

function createAccess(token: AccessRecord, caps: Caps): void {
  const parent = token.parent;
  if (parent === null) return;
  parent.children.push(token);
  if (parent.end !== null) {
    // Its refresh token was gone before it came: it was never live. Only an inconsistent import gets here.
    token.end = { ...parent.end, at: token.createdAt, withParent: true };
    return;
  }
  dropExpired(parent.liveChildren, token.createdAt);
  if (token.counted) evictForRoom(parent.liveChildren, token, caps.maxAliveAccess);
  parent.liveChildren.push(token);
}

/** Removes in place the children that expired by `at`, keeping the order. */
function dropExpired(children: AccessRecord[], at: number): void {
  let kept = 0;
  for (const child of children) {
    if (child.expiresAt > at) children[kept++] = child;
  }
  children.length = kept;
}

function evictForRoom(liveChildren: AccessRecord[], newcomer: AccessRecord, maxAlive: number): void {
  let counted = liveChildren.filter((child) => child.counted).length;
  while (counted >= maxAlive) {
    const oldest = liveChildren.findIndex((child) => child.counted);
    const [evicted] = oldest < 0 ? [] : liveChildren.splice(oldest, 1);
    if (evicted === undefined) return;
    evicted.end = { at: newcomer.createdAt, cause: 'evicted', evictedBy: newcomer.id, withParent: false };
    counted -= 1;
  }
}

function revokeRefresh(family: Family, token: RefreshRecord, at: number): void {
  if (token.end !== null) return;
  endRefresh(token, { at, cause: 'revoked', evictedBy: null, withParent: false });
  const index = family.liveRefresh.indexOf(token);
  if (index >= 0) family.liveRefresh.splice(index, 1);
}

/** Revokes an access token that is still live; revoking a dead one changes nothing. */
function revokeAccess(token: AccessRecord, at: number): void {
  if (token.end !== null || token.expiresAt <= at) return;
  token.end = { at, cause: 'revoked', evictedBy: null, withParent: false };
  const siblings = token.parent?.liveChildren;
  const index = siblings?.indexOf(token) ?? -1;
  if (siblings && index >= 0) siblings.splice(index, 1);
}

/**
 * An online access token belongs to no family, so nothing replays it: a late revocation that is earlier
 * than the one on record simply wins.
 */
export function revokeOnlineAccess(token: AccessRecord, at: number): void {
  if (token.expiresAt <= at || (token.end !== null && token.end.at <= at)) return;
  token.end = { at, cause: 'revoked', evictedBy: null, withParent: false };
}

type Problem = Failure<LedgerAppendError> | null;
type Tokens = ReadonlyMap<string, TokenRecord>;

/**
 * Why the ledger cannot take this event, or null. Events may arrive late (out of time order), but an
 * event must come after the creation of every token it names, so a history stays one consistent story.
 */
export function problemWith(event: LedgerEvent, tokens: Tokens): Problem {
  if (!Number.isFinite(event.at)) return fail('invalid_time', `The event time ${event.at} is not a moment.`);
  switch (event.type) {
    case 'refresh-token-created':
      return tokens.has(event.id) ? duplicate(event.id) : null;
    case 'access-token-created':
      return accessCreationProblem(event, tokens);
    case 'refresh-token-revoked':
    case 'access-token-revoked':
      return revocationProblem(event, tokens);
    default:
      return null;
  }
}

const duplicate = (id: string): Failure<'duplicate_token_id'> =>
  fail(
    'duplicate_token_id',
    `A token with id "${id}" is in the ledger already; every token needs its own id.`,
  );

function accessCreationProblem(event: AccessTokenCreated, tokens: Tokens): Problem {
  if (!Number.isFinite(event.expiresAt) || event.expiresAt <= event.at) {
    return fail('invalid_time', `Access token "${event.id}" must expire after it is created.`);
  }
  if (tokens.has(event.id)) return duplicate(event.id);
  if (event.refreshTokenId === null) return null;
  const parent = tokens.get(event.refreshTokenId);
  if (parent?.kind !== 'refresh') {
    return fail(
      'unknown_refresh_token',
      `Access token "${event.id}" names refresh token "${event.refreshTokenId}", which the ledger does not know. Record the refresh token first.`,
    );
  }
  if (parent.clientId !== event.clientId || parent.userId !== event.userId) {
    return fail(
      'parent_mismatch',
      `Access token "${event.id}" names a client or user other than its refresh token "${parent.id}".`,
    );
  }
  if (event.at < parent.createdAt) {
    return fail(
      'created_before_parent',
      `Access token "${event.id}" is dated before its refresh token "${parent.id}" was created.`,
    );
  }
  return null;
}

function revocationProblem(event: RefreshTokenRevoked | AccessTokenRevoked, tokens: Tokens): Problem {
  const kind = event.type === 'refresh-token-revoked' ? 'refresh' : 'access';
  const token = tokens.get(event.id);
  if (token?.kind !== kind) {
    return fail('unknown_token', `The ledger knows no ${kind} token "${event.id}" to revoke.`);
  }
  if (event.at < token.createdAt) {
    return fail('revoked_before_created', `Token "${event.id}" cannot be revoked before it was created.`);
  }
  return null;
}
