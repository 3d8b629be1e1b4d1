import type { TokenOutcome } from '../../../shared/ipc/views';
import type { LedgerEvent } from '../../../shared/limits/ledger-types';
import { fail, failureFacts, ok, type Failure, type Ok } from '../../../shared/result';
import type { TokenMeta } from '../../../shared/workspace/model';
import type { AccountsFailure } from '../accounts';
import { secretAccount } from '../vault/account';
import { findClient, findDc, isFailure, type WorkbenchContext } from './context';
import { clientCredentials, keychainReady } from './credentials';
import { outcomeOf, PLACED_NOWHERE, recordIssuedTokens, type FlightResult, type NotStored } from './issue';
import { currentLineage } from './lineage';
import { awaitFlight, release, reserve, settleFailed, settleUnknown } from './reservations';
import { keychainValue, placeTokens } from './token-variables';
import type { UnstoredTokens } from './unstored';

export interface RefreshRequest {
  readonly clientRef: string;
  /** Without it, the environment's own refresh token, else the client's newest live one. */
  readonly refreshTokenId?: string | undefined;
  readonly environmentId?: string | undefined;
  readonly force: boolean;
}

export type RefreshResult = Ok<TokenOutcome> | Failure | AccountsFailure | NotStored;

/** A refresh that got no answer is abandoned after this long (the HTTP timeout is 15 s, the keychain's 5 s). */
const REFRESH_LIFETIME_MS = 60_000;

/** Failures where the request may have reached Zoho: the token may exist, so it counts, unconfirmed. */
const NO_ANSWER = new Set(['timeout', 'network_error']);

/**
 * Refreshes access tokens with at most one request in flight per refresh token, however many callers
 * ask and from however many processes (the UI, auto-refresh, any number of CLI runs): the first takes
 * the flight (a reservation in the workspace), the others wait for its answer and get the same
 * result, instead of spending more of the 10 access tokens per 10 minutes. A caller that asked while
 * a flight ran is answered by it even if it finished a moment before the caller looked (a CLI run
 * asks when it starts: `ctx.askedAt`).
 */
export class Refresher {
  private readonly inFlight = new Map<string, Promise<RefreshResult>>();

  constructor(
    private readonly ctx: WorkbenchContext,
    private readonly unstored: UnstoredTokens,
  ) {}

  refresh(request: RefreshRequest): Promise<RefreshResult> {
    const askedAt = this.ctx.askedAt ?? Date.now();
    const chosen = this.chooseRefreshToken(request);
    if (isFailure(chosen)) return Promise.resolve(chosen);
    const running = this.inFlight.get(chosen.id);
    if (running !== undefined) return running.then((result) => this.forCaller(result, request));
    const started = this.run(chosen, request, askedAt).finally(() => this.inFlight.delete(chosen.id));
    this.inFlight.set(chosen.id, started);
    return started;
  }

  private chooseRefreshToken(request: RefreshRequest): TokenMeta | Failure {
    const { ctx } = this;
    if (request.refreshTokenId !== undefined) {
      const meta = ctx.store.tokens.get(request.refreshTokenId);
      if (meta?.kind !== 'refresh' || meta.clientRef !== request.clientRef) {
        return fail(
          'token_not_found',
          `No refresh token "${request.refreshTokenId}" for this client. List tokens to see their ids.`,
        );
      }
      return meta;
    }
    const own = this.environmentsRefreshToken(request);
    if (own !== undefined) return own;
    const at = ctx.now();
    // Read once: each read of ctx.ledger.ledger first catches up with the store.
    const ledger = ctx.ledger.ledger;
    const live = ctx.store.tokens
      .listByClient(request.clientRef)
      .filter((t) => t.kind === 'refresh' && ledger.tokenAt(t.id, at)?.status === 'active')
      .sort((a, b) => b.createdAt - a.createdAt);
    return (
      live[0] ??
      fail(
        'no_refresh_token',
        'This client has no live refresh token. Run a consent with access type offline first.',
      )
    );
  }

  /**
   * Refreshing "for an environment" means its own lineage's refresh token, so the new access token
   * belongs with the refresh token, user and DC already there, not with the client's newest.
   */
  private environmentsRefreshToken(request: RefreshRequest): TokenMeta | undefined {
    if (request.environmentId === undefined) return undefined;
    const env = this.ctx.store.environments.get(request.environmentId);
    const lineage = env === undefined ? null : currentLineage(this.ctx, env);
    if (lineage?.refreshTokenId == null || lineage.clientRef !== request.clientRef) return undefined;
    return this.ctx.store.tokens.get(lineage.refreshTokenId);
  }

  private async run(rt: TokenMeta, request: RefreshRequest, askedAt: number): Promise<RefreshResult> {
    for (;;) {
      const reserved = reserve(this.ctx, {
        proposal: { kind: 'refresh', refreshTokenId: rt.id },
        keys: [{ rule: 'access', refreshTokenId: rt.id }],
        flight: `refresh:${rt.id}`,
        force: request.force,
        lifetimeMs: REFRESH_LIFETIME_MS,
        joinFinishedSince: askedAt,
      });
      if (isFailure(reserved)) return reserved;
      if (reserved.kind === 'owner') return this.send(rt, request, reserved.id);
      const finished = await awaitFlight(this.ctx, reserved.id);
      // Released before it was sent, or its process died: try again, as owner or joiner.
      if (finished === 'abandoned') continue;
      const result: unknown = finished.result;
      return this.forCaller(
        finished.state === 'done'
          ? ok(outcomeOf(this.ctx, result as FlightResult, PLACED_NOWHERE))
          : (result as Failure),
        request,
      );
    }
  }

  private async send(rt: TokenMeta, request: RefreshRequest, reservationId: string): Promise<RefreshResult> {
    const { ctx } = this;
    const ready = await this.prepare(rt);
    if (isFailure(ready)) {
      release(ctx, reservationId);
      return ready;
    }
    const evicted = ctx.ledger.ledger.liveAccessTokens(rt.id, ctx.now());
    const answer = await ctx.accounts.refresh(ready.dc, ready.credentials, ready.refreshToken);
    if (!answer.ok) return this.failed(rt, answer, reservationId);
    return recordIssuedTokens(
      ctx,
      {
        client: ready.client,
        dc: ready.dc,
        tokens: answer.value,
        parentRefreshTokenId: rt.id,
        user: { id: rt.userId, label: rt.userLabel },
        // A refreshed access token acts for the same user and org as its refresh token.
        identity: rt.identity,
        scopes: rt.scopes,
        environmentId: request.environmentId ?? null,
        crossDc: ready.dc.id !== ready.client.dcId,
        evicted: evicted.wouldEvictOnNext && evicted.oldestLiveId !== null ? [evicted.oldestLiveId] : [],
      },
      reservationId,
      this.unstored.hold,
    );
  }

  /** Everything the request needs, read before it leaves: nothing is sent if any of it fails. */
  private async prepare(rt: TokenMeta) {
    const { ctx } = this;
    const client = findClient(ctx, rt.clientRef);
    if (isFailure(client)) return client;
    const dc = findDc(ctx, rt.dcId);
    if (isFailure(dc)) return dc;
    const notReady = await keychainReady(ctx);
    if (notReady !== null) return notReady;
    const credentials = await clientCredentials(ctx, client);
    if (!credentials.ok) return credentials;
    const value = await ctx.vault.get(secretAccount({ kind: 'refresh-token', tokenId: rt.id }));
    if (!value.ok) return value;
    if (value.value === null)
      return fail(
        'secret_not_found',
        `Refresh token ${rt.fingerprint} is no longer in the keychain. Run a new consent.`,
      );
    return { client, dc, credentials: credentials.value, refreshToken: value.value };
  }

  /**
   * Zoho's answer is evidence (architecture.md, "The DC tells the truth"): Access Denied proves the
   * window full; invalid_code means the refresh token is gone (revoked in the console, or evicted by a
   * 21st refresh token made elsewhere). With no answer at all the token may exist: it counts, unconfirmed.
   */
  private failed(rt: TokenMeta, answer: AccountsFailure, reservationId: string): AccountsFailure {
    const { ctx } = this;
    const at = ctx.now();
    ctx.store.tokens.setLastError(rt.id, { ...failureFacts(answer), at });
    // What every caller of this flight is answered: the failure's facts, without the call trace.
    const shared = { ok: false, ...failureFacts(answer), zohoError: answer.zohoError };
    const evidence: LedgerEvent[] = [];
    if (answer.code === 'access_denied_limit') {
      evidence.push({ type: 'access-denied', at, key: { rule: 'access', refreshTokenId: rt.id } });
    } else if (answer.code === 'invalid_code' && ctx.ledger.ledger.tokenAt(rt.id, at)?.status === 'active') {
      evidence.push({ type: 'refresh-token-revoked', at, id: rt.id });
    }
    if (NO_ANSWER.has(answer.code)) settleUnknown(ctx, reservationId, shared);
    else settleFailed(ctx, reservationId, shared, evidence);
    ctx.emit('tokens:changed', { clientRef: rt.clientRef });
    return answer;
  }

  /**
   * A caller that joined another's flight gets its result; if it named an environment of its own,
   * that environment is offered the new token too, by the same lineage rules as the flight's owner
   * (placeTokens), with the value read back from the keychain.
   */
  private async forCaller(result: RefreshResult, request: RefreshRequest): Promise<RefreshResult> {
    const wanted = request.environmentId;
    if (!result.ok || wanted === undefined || result.value.placement.written.includes(wanted)) return result;
    const { ctx } = this;
    const access = ctx.store.tokens.get(result.value.accessToken.id);
    const parentId = result.value.accessToken.parentId;
    const parent = parentId === null ? null : (ctx.store.tokens.get(parentId) ?? null);
    const dc = findDc(ctx, result.value.dcId);
    if (access === undefined || isFailure(dc)) return result;
    const value = await ctx.vault.get(secretAccount({ kind: 'access-token', tokenId: access.id }));
    if (!value.ok || value.value === null) return result;
    const placement = await placeTokens(ctx, {
      set: {
        dc,
        access,
        accessValue: value.value,
        refresh: parent,
        refreshValue:
          parent === null
            ? () => Promise.resolve(fail('token_not_found', 'No refresh token.'))
            : keychainValue(ctx, parent),
      },
      environmentId: wanted,
      clientRef: result.value.clientRef,
    });
    return ok({ ...result.value, environmentId: placement.written[0] ?? null, placement });
  }
}
