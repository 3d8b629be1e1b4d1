import type { ClientLimits, CurrentTokens, LimitStatus, TokenRow } from '../../../shared/ipc/views';
import type { LiveTokens, Proposal, TokenView } from '../../../shared/limits/ledger-types';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { ClientRecord, EnvironmentRecord, TokenMeta } from '../../../shared/workspace/model';
import type { WorkbenchContext } from './context';

/** Every token of one client (a removed one too, for its history) or of all clients in view, newest first. */
export function listTokens(ctx: WorkbenchContext, clientRef?: string): Ok<TokenRow[]> | Failure {
  let metas: TokenMeta[];
  if (clientRef === undefined) {
    metas = ctx.store.clients.list().flatMap((c) => ctx.store.tokens.listByClient(c.id));
  } else if (ctx.store.clients.get(clientRef, { includeRemoved: true }) === undefined) {
    return fail('client_not_found', `No client "${clientRef}" in this workspace.`);
  } else {
    metas = ctx.store.tokens.listByClient(clientRef);
  }
  return ok(tokenRows(ctx, metas.sort(newestFirst), ctx.now()));
}

const newestFirst = (a: TokenMeta, b: TokenMeta): number =>
  b.createdAt - a.createdAt || a.id.localeCompare(b.id);

/** The timeline's widest zoom: what ended within it is still shown with the live tokens. */
const RECENT_MS = 24 * 60 * 60 * 1000;

/** One client's live tokens and those ended in the last day, newest first; older ones only counted. */
export function currentTokens(ctx: WorkbenchContext, clientRef: string): Ok<CurrentTokens> | Failure {
  if (ctx.store.clients.get(clientRef, { includeRemoved: true }) === undefined) {
    return fail('client_not_found', `No client "${clientRef}" in this workspace.`);
  }
  const at = ctx.now();
  const since = at - RECENT_MS;
  const recent = ctx.store.tokens.listRecentByClient(clientRef, since).sort(newestFirst);
  const rows = tokenRows(ctx, recent, at).filter(
    (row) => row.status === 'active' || (row.endedAt ?? row.expiresAt ?? at) >= since,
  );
  return ok({ clientRef, since, rows, older: ctx.store.tokens.count(clientRef) - rows.length });
}

/**
 * Joins token metadata with the ledger at `at`, reading the environments and each cap once.
 *
 * `nextToEvict` means what TokenRow says, literally: the next creation under its cap WOULD evict it,
 * i.e. the cap is full and it is the oldest live token there. While the cap has room nothing is next,
 * so the flag is not shown on a token that is merely the oldest.
 */
export function tokenRows(ctx: WorkbenchContext, metas: readonly TokenMeta[], at: number): TokenRow[] {
  const ledger = ctx.ledger.ledger;
  const holders = environmentHolders(ctx.store.environments.list(), metas);
  const caps = new Map<string, LiveTokens>();
  const capOf = (view: TokenView): LiveTokens | null => {
    if (view.kind === 'access' && (view.parentId === null || !view.countsTowardLimits)) return null;
    const key =
      view.kind === 'access' ? `a|${view.parentId ?? ''}` : JSON.stringify([view.clientId, view.userId]);
    const known = caps.get(key);
    if (known !== undefined) return known;
    const cap =
      view.kind === 'access' && view.parentId !== null
        ? ledger.liveAccessTokens(view.parentId, at)
        : ledger.liveRefreshTokens(view.clientId, view.userId, at);
    caps.set(key, cap);
    return cap;
  };
  return metas.map((meta) => {
    const view = ledger.tokenAt(meta.id, at);
    const cap = view?.status === 'active' ? capOf(view) : null;
    return {
      ...meta,
      ...(view === undefined ? stateFromMeta(meta, at) : stateFromView(view)),
      nextToEvict: cap !== null && cap.wouldEvictOnNext && cap.oldestLiveId === meta.id,
      environments: holders.get(meta.id) ?? [],
    };
  });
}

type LedgerState = Pick<TokenRow, 'status' | 'endedAt' | 'parentId' | 'evictedBy'>;

const stateFromView = (view: TokenView): LedgerState => ({
  status: view.status,
  endedAt: view.endedAt,
  parentId: view.parentId,
  evictedBy: view.evictedBy,
});

/** Metadata the ledger does not know (written by another process just now): its expiry is all we have. */
function stateFromMeta(meta: TokenMeta, at: number): LedgerState {
  const expired = meta.expiresAt !== null && meta.expiresAt <= at;
  return {
    status: expired ? 'expired' : 'active',
    endedAt: expired ? meta.expiresAt : null,
    parentId: null,
    evictedBy: null,
  };
}

/**
 * Which environments hold which token. An environment holds a token when its `access-token` or
 * `refresh-token` variable carries that token's fingerprint. A fingerprint is only the last four
 * characters, so when several tokens share it, the variable is credited to one: a token of the
 * client the environment follows if there is one, and the newest, since the flows overwrite the
 * variable with each new token. A client link alone does not make an environment a holder.
 */
export function environmentHolders(
  envs: readonly EnvironmentRecord[],
  metas: readonly TokenMeta[],
): Map<string, string[]> {
  const byPrint = new Map<string, TokenMeta[]>();
  for (const meta of metas) {
    const key = `${meta.kind}|${meta.fingerprint}`;
    byPrint.set(key, [...(byPrint.get(key) ?? []), meta]);
  }
  const holders = new Map<string, string[]>();
  for (const env of envs) {
    for (const variable of env.variables) {
      const kind =
        variable.key === 'access-token' ? 'access' : variable.key === 'refresh-token' ? 'refresh' : null;
      if (kind === null || !variable.secret || variable.fingerprint === null) continue;
      const candidates = byPrint.get(`${kind}|${variable.fingerprint}`) ?? [];
      const ownClient = candidates.filter((m) => m.clientRef === env.clientRef);
      const pool = ownClient.length > 0 ? ownClient : candidates;
      const held = pool.reduce<TokenMeta | undefined>(
        (a, b) => (a === undefined || b.createdAt > a.createdAt ? b : a),
        undefined,
      );
      if (held !== undefined) holders.set(held.id, [...(holders.get(held.id) ?? []), env.name]);
    }
  }
  return holders;
}

/**
 * Each rule's use as the limit meters show it (Kaizen #43). The ledger counts per Zoho client id,
 * as Zoho does, so two records of one Zoho client share their meters.
 */
export function limitStatus(ctx: WorkbenchContext, clientRef?: string): Ok<LimitStatus> | Failure {
  const clients = ctx.store.clients.list().filter((c) => clientRef === undefined || c.id === clientRef);
  if (clientRef !== undefined && clients.length === 0) {
    return fail('client_not_found', `No client "${clientRef}" in this workspace.`);
  }
  const at = ctx.now();
  return ok({ at, profile: ctx.ledger.profile, clients: clients.map((c) => clientLimits(ctx, c, at)) });
}

function clientLimits(ctx: WorkbenchContext, client: ClientRecord, at: number): ClientLimits {
  const ledger = ctx.ledger.ledger;
  const clientId = client.zohoClientId;
  // From the ledger's live lists (at most 20 a user), never the whole history: the meters are read
  // at every start and after every token change.
  const users = ledger.usersOf(clientId).map((userId) => ({
    userId,
    refresh: ledger.usage({ rule: 'refresh', clientId, userId }, at),
    live: ledger.liveRefreshTokens(clientId, userId, at),
  }));
  const ownLive = users
    .flatMap((user) => user.live.liveIds)
    .filter((id) => ctx.store.tokens.get(id)?.clientRef === client.id);
  return {
    clientRef: client.id,
    grant: ledger.usage({ rule: 'grant', clientId }, at),
    users,
    refreshTokens: ownLive.map((refreshTokenId) => ({
      refreshTokenId,
      access: ledger.usage({ rule: 'access', refreshTokenId }, at),
      live: ledger.liveAccessTokens(refreshTokenId, at),
    })),
  };
}

/**
 * The ledger speaks Zoho's client ids. The page knows Tokenbench's client ids (`cl_…`), so a
 * proposal naming one of those is translated; anything else is taken as a Zoho client id already.
 */
export function ledgerProposal(ctx: WorkbenchContext, proposal: Proposal): Proposal {
  if (proposal.kind === 'refresh') return proposal;
  const client = ctx.store.clients.get(proposal.clientId, { includeRemoved: true });
  return client === undefined ? proposal : { ...proposal, clientId: client.zohoClientId };
}
