import type { TokenOutcome } from '../../../shared/ipc/views';
import { fail, failureFacts, type Failure, type Ok } from '../../../shared/result';
import type { TokenMeta } from '../../../shared/workspace/model';
import type { AccountsFailure } from '../accounts';
import { secretAccount } from '../vault/account';
import { findClient, findDc, isFailure, type WorkbenchContext } from './context';
import { clientCredentials, keychainReady } from './credentials';
import { guard } from './guard';
import { recordIssuedTokens } from './issue';
import { currentLineage } from './lineage';

export interface RefreshRequest {
  readonly clientRef: string;
  /** Without it, the environment's own refresh token, else the client's newest live one. */
  readonly refreshTokenId?: string | undefined;
  readonly environmentId?: string | undefined;
  readonly force: boolean;
}

export type RefreshResult = Ok<TokenOutcome> | Failure | AccountsFailure;

/**
 * Refreshes access tokens with at most one request in flight per refresh token, however many
 * callers ask (the UI, auto-refresh, the CLI in the same process): a second caller gets the same
 * answer instead of spending one more of the 10 access tokens per 10 minutes.
 */
export class Refresher {
  private readonly inFlight = new Map<string, Promise<RefreshResult>>();

  constructor(private readonly ctx: WorkbenchContext) {}

  refresh(request: RefreshRequest): Promise<RefreshResult> {
    const chosen = this.chooseRefreshToken(request);
    if (isFailure(chosen)) return Promise.resolve(chosen);
    const running = this.inFlight.get(chosen.id);
    if (running !== undefined) return running;
    const started = this.run(chosen, request).finally(() => this.inFlight.delete(chosen.id));
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

  private async run(rt: TokenMeta, request: RefreshRequest): Promise<RefreshResult> {
    const { ctx } = this;
    const client = findClient(ctx, rt.clientRef);
    if (isFailure(client)) return client;
    const dc = findDc(ctx, rt.dcId);
    if (isFailure(dc)) return dc;
    const refused =
      guard(ctx, { kind: 'refresh', refreshTokenId: rt.id }, request.force) ?? (await keychainReady(ctx));
    if (refused !== null) return refused;
    const credentials = await clientCredentials(ctx, client);
    if (!credentials.ok) return credentials;
    const value = await ctx.vault.get(secretAccount({ kind: 'refresh-token', tokenId: rt.id }));
    if (!value.ok) return value;
    if (value.value === null)
      return fail(
        'secret_not_found',
        `Refresh token ${rt.fingerprint} is no longer in the keychain. Run a new consent.`,
      );
    const evicted = ctx.ledger.ledger.liveAccessTokens(rt.id, ctx.now());
    const answer = await ctx.accounts.refresh(dc, credentials.value, value.value);
    if (!answer.ok) return this.failed(rt, answer);
    return recordIssuedTokens(ctx, {
      client,
      dc,
      tokens: answer.value,
      parentRefreshTokenId: rt.id,
      user: { id: rt.userId, label: rt.userLabel },
      scopes: rt.scopes,
      environmentId: request.environmentId ?? null,
      crossDc: dc.id !== client.dcId,
      evicted: evicted.wouldEvictOnNext && evicted.oldestLiveId !== null ? [evicted.oldestLiveId] : [],
    });
  }

  /** Zoho's answer is remembered: Access Denied blocks the window; invalid_code means the token is gone. */
  private failed(rt: TokenMeta, answer: AccountsFailure): AccountsFailure {
    const { ctx } = this;
    const at = ctx.now();
    ctx.store.tokens.setLastError(rt.id, { ...failureFacts(answer), at });
    if (answer.code === 'access_denied_limit') {
      ctx.ledger.record({ type: 'access-denied', at, key: { rule: 'access', refreshTokenId: rt.id } });
    } else if (answer.code === 'invalid_code') {
      // Revoked in the console or evicted by a 21st refresh token made elsewhere: Zoho will never
      // take it again, so the ledger stops counting it as live.
      ctx.ledger.record({ type: 'refresh-token-revoked', at, id: rt.id });
    }
    ctx.emit('tokens:changed', { clientRef: rt.clientRef });
    return answer;
  }
}
