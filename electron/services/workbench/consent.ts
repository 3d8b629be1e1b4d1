import type {
  ActiveConsent,
  ConsentProgress,
  ConsentStarted,
  ConsentStep,
  TokenOutcome,
} from '../../../shared/ipc/views';
import { buildAuthorizationRequest, type PendingAuthorization } from '../../../shared/oauth/authorize';
import { validateCallback, type CallbackResult } from '../../../shared/oauth/callback';
import { fail, failureFacts, ok, type Failure, type Ok } from '../../../shared/result';
import { zohoMessage } from '../../../shared/words/zoho-errors';
import type { ClientRecord } from '../../../shared/workspace/model';
import type { LedgerEvent } from '../../../shared/limits/ledger-types';
import type { ClientCredentials } from '../../../shared/oauth/requests';
import { listenForRedirect, type RedirectListener } from '../loopback/listener';
import { dcCatalog, findClient, findDc, isFailure, newId, type WorkbenchContext } from './context';
import { clientCredentials, keychainReady } from './credentials';
import { exchangeGrantCode, type ExchangeResult } from './exchange';
import { heldForCreation } from './store-held';
import { release, reserve, settleFailed, settleUnknown } from './reservations';
import type { UnstoredTokens } from './unstored';

export interface ConsentRequest {
  readonly clientRef: string;
  readonly scopes: readonly string[];
  readonly accessType: 'online' | 'offline';
  readonly promptConsent: boolean;
  readonly environmentId?: string | undefined;
  readonly force: boolean;
}

/**
 * Pastes refused while the flow keeps waiting, and their words: undefined keeps the callback's own,
 * which fit; the others replace words written for a finished flow, which would say to start again.
 */
const NOT_THIS_FLOWS_REDIRECT: Readonly<Record<string, string | undefined>> = {
  callback_malformed: undefined,
  callback_wrong_target: undefined,
  state_mismatch:
    'That address belongs to another sign-in attempt (its state differs). Paste the address from this one; the sign-in keeps waiting.',
  missing_code:
    "That address carries no grant code, so it is not where Zoho sent the browser. Paste the address bar's text after you accept; the sign-in keeps waiting.",
};

/** The sign-in as an explicit state machine: a callback in the wrong state is ignored, never thrown. */
type FlowState =
  | { readonly kind: 'waiting'; readonly listener: RedirectListener | null }
  | { readonly kind: 'exchanging' }
  | { readonly kind: 'finished'; readonly step: ConsentStep };

interface Flow {
  readonly id: string;
  /** Holds a grant code of the client's 10 per 10 minutes from the start until Zoho's redirect says. */
  readonly reservationId: string;
  readonly client: ClientRecord;
  /** Read at the start, for the exchange after the redirect (no keychain trip in between). */
  readonly credentials: ClientCredentials;
  readonly pending: PendingAuthorization;
  readonly request: ConsentRequest;
  state: FlowState;
  /** What the page was told when it started, and every step since: a reloaded page re-attaches to both. */
  view: ConsentStarted | null;
  readonly steps: ConsentProgress[];
  readonly done: Promise<ExchangeResult>;
  settle(result: ExchangeResult): void;
}

/** How long the listener waits for the user to finish on Zoho's page. */
export const CONSENT_WAIT_MS = 5 * 60_000;
/** Beyond the wait: the exchange (15 s timeout) and the keychain writes after the redirect. */
const EXCHANGE_MARGIN_MS = 2 * 60_000;

/**
 * Consent (zoho-oauth.md, "Authorization request"): build the URL, listen on the client's exact
 * redirect URI, open the system browser, validate the redirect (state, DC mix-up) and exchange the
 * code at the user's DC. When the listener cannot start, the flow waits for a pasted URL instead.
 */
export class ConsentFlows {
  private readonly flows = new Map<string, Flow>();

  constructor(
    private readonly ctx: WorkbenchContext,
    private readonly unstored: UnstoredTokens,
    private readonly waitMs = CONSENT_WAIT_MS,
  ) {}

  async start(
    request: ConsentRequest,
  ): Promise<Ok<ConsentStarted & { done: Promise<ExchangeResult> }> | Failure> {
    const { ctx } = this;
    const client = this.consentClient(request.clientRef);
    if (isFailure(client)) return client;
    const dc = findDc(ctx, client.dcId);
    if (isFailure(dc)) return dc;
    const flowId = newId('flow');
    // Store-held refresh tokens count toward the user's 20 (read before the guard's transaction).
    // From here until Zoho's redirect (or its absence) says, the consent holds one of the client's
    // grant codes: the user may press Accept at any moment, and Zoho counts the code then.
    const held = await heldForCreation(ctx, client.zohoClientId, request.force, request.accessType);
    const reserved = reserve(ctx, {
      held,
      proposal: { kind: 'consent', clientId: client.zohoClientId, accessType: request.accessType },
      keys: [{ rule: 'grant', clientId: client.zohoClientId }],
      flight: `consent:${flowId}`,
      force: request.force,
      lifetimeMs: this.waitMs + EXCHANGE_MARGIN_MS,
      joinFinishedSince: null,
    });
    if (isFailure(reserved)) return reserved;
    const notReady = await keychainReady(ctx);
    // Read once: the exchange after the redirect uses it too, so it costs no keychain trip then.
    const credentials = notReady ?? (await clientCredentials(ctx, client));
    if (!credentials.ok) {
      release(ctx, reserved.id);
      return credentials;
    }

    const pending = await buildAuthorizationRequest(
      {
        dc,
        clientId: client.zohoClientId,
        redirectUri: client.redirectUri ?? '',
        scopes: request.scopes,
        accessType: request.accessType,
        promptConsent: request.promptConsent,
        pkce: client.pkce,
      },
      ctx.crypto,
    );
    const flow = this.newFlow(flowId, reserved.id, client, credentials.value, pending, request);
    await this.takeOverPort(flow);
    const listening = await listenForRedirect({
      redirectUri: pending.redirectUri,
      expectedState: pending.state,
      timeoutMs: this.waitMs,
    });
    flow.state = { kind: 'waiting', listener: listening.ok ? listening.value : null };
    if (listening.ok) void listening.value.result.then((outcome) => this.onListenerOutcome(flow, outcome));
    this.progress(flow, 'waiting-for-browser');
    const view: ConsentStarted = {
      flowId: flow.id,
      clientRef: client.id,
      authorizationUrl: pending.url,
      listeningOn: listening.ok ? listening.value.url : null,
      manualReason: listening.ok ? null : listening.message,
      browserProblem: null,
      startedAt: ctx.now(),
      grantCodeTtlMs: ctx.ledger.profile.grantCodeTtlMs,
    };
    flow.view = view;
    const opened = await ctx.openBrowser(pending.url);
    if (opened) flow.view = { ...view, browserProblem: opened.message };
    return ok({ ...flow.view, done: flow.done });
  }

  /** The sign-ins still waiting or exchanging, with their steps so far (consent:active). */
  active(): ActiveConsent[] {
    const running: ActiveConsent[] = [];
    for (const flow of this.flows.values())
      if (flow.view !== null && flow.state.kind !== 'finished')
        running.push({ ...flow.view, steps: [...flow.steps] });
    return running;
  }

  /**
   * Manual mode: the URL the browser landed on, pasted by the user. A paste that cannot be this
   * flow's redirect (a typo, another attempt's state, another address) is refused and the flow
   * keeps waiting for the right one; only Zoho's own answer ends it.
   */
  async pasteUrl(flowId: string, url: string): Promise<ExchangeResult> {
    const flow = this.flows.get(flowId);
    if (flow === undefined)
      return fail('flow_not_found', 'That sign-in is over or unknown. Start the consent again.');
    if (flow.state.kind !== 'waiting')
      return fail('flow_not_waiting', 'That sign-in is no longer waiting for a redirect.');
    const callback = validateCallback(url, flow.pending, dcCatalog(this.ctx));
    if (!callback.ok && Object.hasOwn(NOT_THIS_FLOWS_REDIRECT, callback.code))
      return { ...callback, message: NOT_THIS_FLOWS_REDIRECT[callback.code] ?? callback.message };
    flow.state.listener?.cancel();
    await this.onCallback(flow, callback);
    return flow.done;
  }

  /** Flows still waiting for a redirect, so closing the workbench can free their ports. */
  pendingFlowIds(): string[] {
    return [...this.flows.keys()];
  }

  /**
   * The user's Cancel, or (with `reason`) another sign-in taking this one's port. Stops waiting; the
   * user may still press Accept on Zoho's page, and Zoho counts that code whether or not the redirect
   * is heard, so the consent counts as an unconfirmed grant code from now.
   */
  cancel(flowId: string, reason: Failure = fail('cancelled', 'The sign-in was cancelled.')): Ok<null> {
    const flow = this.flows.get(flowId);
    if (flow?.state.kind === 'waiting') {
      flow.state.listener?.cancel();
      this.finishUnheard(flow, 'cancelled', reason);
    }
    return ok(null);
  }

  /**
   * One port, one listener. A sign-in of ours still waiting on the port this one needs (the page
   * that started it was reloaded, or another client shares the redirect URI) is cancelled and its
   * port freed first; otherwise the new one would blame "another program" for our own listener.
   */
  private async takeOverPort(by: Flow): Promise<void> {
    const port = loopbackPort(by.pending.redirectUri);
    if (port === null) return;
    for (const other of [...this.flows.values()]) {
      if (other === by || other.state.kind !== 'waiting' || other.state.listener === null) continue;
      if (loopbackPort(other.pending.redirectUri) !== port) continue;
      const closed = other.state.listener.result;
      this.cancel(
        other.id,
        fail(
          'superseded',
          `A new sign-in for "${by.client.name}" took over port ${port}, so this one was cancelled.`,
        ),
      );
      await closed;
    }
  }

  private consentClient(clientRef: string): ClientRecord | Failure {
    const client = findClient(this.ctx, clientRef);
    if (isFailure(client)) return client;
    if (client.type === 'device')
      return fail(
        'wrong_client_type',
        `"${client.name}" is a Non-browser client: it signs in with the device flow (a code entered on Zoho's verification page), not a redirect. Use Device sign-in instead.`,
      );
    if (client.type === 'self' || client.redirectUri === null) {
      return fail(
        'wrong_client_type',
        `"${client.name}" is a self client: it has no consent page. Generate a grant code in the Zoho API console and exchange it instead.`,
      );
    }
    return client;
  }

  private newFlow(
    id: string,
    reservationId: string,
    client: ClientRecord,
    credentials: ClientCredentials,
    pending: PendingAuthorization,
    request: ConsentRequest,
  ): Flow {
    let settle: (result: ExchangeResult) => void = () => undefined;
    const done = new Promise<ExchangeResult>((resolve) => (settle = resolve));
    const flow: Flow = {
      id,
      reservationId,
      client,
      credentials,
      pending,
      request,
      state: { kind: 'waiting', listener: null },
      view: null,
      steps: [],
      done,
      settle,
    };
    this.flows.set(flow.id, flow);
    return flow;
  }

  private async onListenerOutcome(flow: Flow, outcome: Awaited<RedirectListener['result']>): Promise<void> {
    if (outcome.kind === 'received') {
      return this.onCallback(flow, validateCallback(outcome.url, flow.pending, dcCatalog(this.ctx)));
    }
    if (outcome.kind === 'timeout' && flow.state.kind === 'waiting')
      this.finishUnheard(flow, 'timeout', fail('timeout', outcome.message));
  }

  private async onCallback(flow: Flow, callback: CallbackResult): Promise<void> {
    if (flow.state.kind !== 'waiting') return;
    const { ctx } = this;
    if (!callback.ok) {
      // Deny (or a redirect without a code) made no code; any other redirect of ours carried one.
      if (callback.code === 'consent_error' || callback.code === 'missing_code')
        release(ctx, flow.reservationId);
      else {
        const failure = { ok: false, code: callback.code, message: callback.message };
        settleFailed(ctx, flow.reservationId, failure, [this.grantIssued(flow)]);
      }
      this.finish(flow, 'failed', callback);
      return;
    }
    flow.state = { kind: 'exchanging' };
    this.progress(flow, 'redirect-received');
    this.progress(flow, 'exchanging');
    const { dc, code, crossDc } = callback.value;
    const arrivedAt = ctx.now();
    const exchanged = await exchangeGrantCode(
      ctx,
      {
        client: flow.client,
        dc,
        code,
        redirectUri: flow.pending.redirectUri,
        codeVerifier: flow.pending.codeVerifier,
        scopes: flow.request.scopes,
        environmentId: flow.request.environmentId ?? null,
        crossDc,
        credentials: flow.credentials,
        // Zoho made a grant code when the user accepted: it counts toward 10 per 10 minutes.
        known: [this.grantIssued(flow)],
      },
      flow.reservationId,
      this.unstored.hold,
    );
    const result = exchanged.ok ? exchanged : withCodeAge(exchanged, ctx.now() - arrivedAt);
    this.finish(flow, result.ok ? 'done' : 'failed', result);
  }

  private grantIssued(flow: Flow): LedgerEvent {
    return { type: 'grant-code-issued', at: this.ctx.now(), clientId: flow.client.zohoClientId };
  }

  private finishUnheard(flow: Flow, step: ConsentStep, result: ExchangeResult): void {
    settleUnknown(this.ctx, flow.reservationId, {
      ok: false,
      code: step,
      message: result.ok ? '' : result.message,
    });
    this.finish(flow, step, result);
  }

  private finish(flow: Flow, step: ConsentStep, result: ExchangeResult): void {
    flow.state = { kind: 'finished', step };
    this.progress(flow, step, result);
    flow.settle(result);
    this.flows.delete(flow.id);
  }

  private progress(flow: Flow, step: ConsentStep, result?: ExchangeResult): void {
    const event: ConsentProgress = { flowId: flow.id, step, at: this.ctx.now() };
    const detail: Partial<Pick<ConsentProgress, 'outcome' | 'error'>> =
      result === undefined
        ? {}
        : result.ok
          ? { outcome: result.value satisfies TokenOutcome }
          : { error: failureFacts(result) };
    flow.steps.push({ ...event, ...detail });
    this.ctx.emit('consent:progress', { ...event, ...detail });
  }
}

/**
 * Zoho refused a code this flow sent once, the moment the redirect brought it: that fact narrows
 * the causes (the words for invalid_code with PKCE, shared/words/zoho-errors.ts).
 */
function withCodeAge(failure: Failure, codeAgeMs: number): Failure {
  if (failure.zoho === undefined || failure.request?.kind !== 'code-exchange') return failure;
  const request = { ...failure.request, codeAgeMs };
  return { ...failure, request, message: zohoMessage(failure.zoho, request) };
}

/** The port a redirect URI names (its scheme's default when it names none); null when it is no URL. */
function loopbackPort(redirectUri: string): string | null {
  if (!URL.canParse(redirectUri)) return null;
  const url = new URL(redirectUri);
  return url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
}
