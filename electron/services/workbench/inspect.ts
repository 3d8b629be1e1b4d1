import { createHash, timingSafeEqual } from 'node:crypto';
import type { Inspection, TokenRow } from '../../../shared/ipc/views';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import { fingerprint, UNKNOWN_USER, type TokenMeta } from '../../../shared/workspace/model';
import { tokenAccount } from './clients';
import { dcCatalog, type WorkbenchContext } from './context';
import { tokenRows } from './views';

type InspectInput = { readonly tokenId: string } | { readonly pasted: string };
type Match = Pick<Inspection, 'matchedBy' | 'confirmed'> & {
  readonly meta: TokenMeta;
  readonly note: string;
};

/**
 * The inspector: a token picked by id, or pasted by a user ("which of my tokens is this?"). A pasted
 * value is matched by its fingerprint, then compared with the values in the keychain: equal is a
 * confirmed match, a different stored value rules the candidate out, and a value the keychain cannot
 * give leaves the match unconfirmed and says so. Nothing in the answer holds a value.
 */
export async function inspect(ctx: WorkbenchContext, input: InspectInput): Promise<Ok<Inspection> | Failure> {
  if ('tokenId' in input) {
    const meta = ctx.store.tokens.get(input.tokenId);
    if (meta === undefined) return fail('token_not_found', `No token "${input.tokenId}" in this workspace.`);
    return ok(describe(ctx, { meta, matchedBy: 'id', confirmed: true, note: '' }));
  }
  const pasted = input.pasted.trim();
  const byId = ctx.store.tokens.get(pasted);
  if (byId !== undefined)
    return ok(describe(ctx, { meta: byId, matchedBy: 'id', confirmed: true, note: '' }));
  const match = await matchValue(ctx, pasted);
  return ok(typeof match === 'string' ? noMatch(match) : describe(ctx, match));
}

async function matchValue(ctx: WorkbenchContext, pasted: string): Promise<Match | string> {
  const print = fingerprint(pasted);
  const candidates = ctx.store.clients
    .list()
    .flatMap((c) => ctx.store.tokens.listByClient(c.id))
    .filter((meta) => meta.fingerprint === print)
    .sort((a, b) => b.createdAt - a.createdAt);
  let unknown: TokenMeta | undefined;
  let keychainFailed = false;
  for (const meta of candidates) {
    const stored = await ctx.vault.get(tokenAccount(meta));
    if (stored.ok && stored.value !== null && sameSecret(stored.value, pasted)) {
      return { meta, matchedBy: 'fingerprint', confirmed: true, note: '' };
    }
    keychainFailed ||= !stored.ok;
    if (!stored.ok || stored.value === null) unknown ??= meta;
  }
  if (unknown !== undefined) {
    const why = keychainFailed ? 'the keychain did not answer' : 'its value is no longer in the keychain';
    const others =
      candidates.length > 1
        ? ` ${candidates.length} tokens end in ${print}; this is the newest that could be it.`
        : '';
    return {
      meta: unknown,
      matchedBy: 'fingerprint',
      confirmed: false,
      note: `Only the last characters match: Tokenbench cannot confirm this is the same token, because ${why}.${others} `,
    };
  }
  if (candidates.length > 0) {
    return `${candidates.length === 1 ? 'A token' : `${candidates.length} tokens`} here end in ${print}, but none is the pasted one: it was made elsewhere (another app, the API console) or in another workspace.`;
  }
  const shape = /^1000\.\w+\.\w+$/.test(pasted)
    ? ''
    : ' It does not look like a Zoho token either (those start with 1000.).';
  return `No token in this workspace ends in ${print}: it was made elsewhere (another app, the API console) or in another workspace.${shape}`;
}

/** Compares digests in constant time, so how long the answer takes says nothing about the value. */
function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

const noMatch = (summary: string): Inspection => ({
  matchedBy: null,
  confirmed: false,
  token: null,
  children: [],
  summary,
});

function describe(ctx: WorkbenchContext, match: Match): Inspection {
  const at = ctx.now();
  const rows = tokenRows(ctx, ctx.store.tokens.listByClient(match.meta.clientRef), at);
  const token = rows.find((row) => row.id === match.meta.id) ?? tokenRows(ctx, [match.meta], at)[0];
  if (token === undefined) return noMatch('This token could not be read.');
  const children = rows.filter((row) => row.parentId === token.id);
  return {
    matchedBy: match.matchedBy,
    confirmed: match.confirmed,
    token,
    children,
    summary: match.note + summarize(ctx, token, at),
  };
}

/**
 * One paragraph in plain words, for example: "Access token …a1b2 for client CRM sync in Europe,
 * created 14:02, expires in 41 min, active; parent refresh token …9f3c; used by environment Dev."
 */
export function summarize(ctx: WorkbenchContext, row: TokenRow, at: number): string {
  const client = ctx.store.clients.get(row.clientRef, { includeRemoved: true });
  const clientName = client === undefined ? 'an unknown client' : `client ${client.name}`;
  const removed =
    client !== undefined && ctx.store.clients.get(row.clientRef) === undefined ? ' (removed)' : '';
  const dc = dcCatalog(ctx).byLocation(row.dcId)?.name ?? row.dcId;
  const user = row.userLabel ?? (row.userId === UNKNOWN_USER ? null : `user ${row.userId}`);
  const head = `${row.kind === 'access' ? 'Access' : 'Refresh'} token ${row.fingerprint} for ${clientName}${removed} in ${dc}${user === null ? '' : `, ${user}`}`;
  const parts = [`${head}, created ${when(row.createdAt, at)}, ${state(ctx, row, at)}`];
  if (row.parentId !== null) parts.push(`parent refresh token ${printOf(ctx, row.parentId)}`);
  if (row.kind === 'refresh' && row.status === 'active') {
    const live = ctx.ledger.ledger.liveAccessTokens(row.id, at);
    parts.push(`${live.live} of ${live.maxAlive} live access tokens`);
  }
  if (row.environments.length > 0) {
    parts.push(`used by environment${row.environments.length > 1 ? 's' : ''} ${row.environments.join(', ')}`);
  }
  if (row.nextToEvict) parts.push('the next token created under its cap evicts it');
  const error =
    row.lastError === null ? '' : ` Last error at ${when(row.lastError.at, at)}: ${row.lastError.message}`;
  return `${parts.join('; ')}.${error}`;
}

function state(ctx: WorkbenchContext, row: TokenRow, at: number): string {
  const ended = row.endedAt ?? at;
  const withParent =
    ctx.ledger.ledger.tokenAt(row.id, at)?.endedWithParent === true ? ' with its refresh token' : '';
  switch (row.status) {
    case 'active':
      return row.expiresAt === null
        ? 'active (refresh tokens do not expire)'
        : `expires in ${span(row.expiresAt - at)}, active`;
    case 'expired':
      return `expired ${span(at - ended)} ago`;
    case 'revoked':
      return `revoked at ${when(ended, at)}${withParent}`;
    case 'evicted': {
      const by = row.evictedBy === null ? '' : ` when ${printOf(ctx, row.evictedBy)} was created`;
      return `evicted at ${when(ended, at)}${withParent}${by}`;
    }
  }
}

const printOf = (ctx: WorkbenchContext, id: string): string => ctx.store.tokens.get(id)?.fingerprint ?? id;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local wall-clock time; the date too when it is not today. */
export function when(ms: number, now: number): string {
  const date = new Date(ms);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

/** A duration as a person says it: "under a minute", "41 min", "2 h 5 min", "3 days". */
export function span(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
