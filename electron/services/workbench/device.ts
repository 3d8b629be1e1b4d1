import type { DataCenter } from '../../../shared/dc/catalog';
import type {
  ActiveDevice,
  DevicePoll,
  DeviceProgress,
  DeviceStarted,
  DeviceStep,
  QrMatrix,
} from '../../../shared/ipc/views';
import {
  SLOW_DOWN_STEP_MS,
  type DeviceAuthorization,
  type DevicePollAnswer,
} from '../../../shared/oauth/device';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { ClientRecord } from '../../../shared/workspace/model';
import type { AccountsFailure } from '../accounts';
import { dcCatalog, findClient, findDc, isFailure, newId, type WorkbenchContext } from './context';
import { clientCredentials, keychainReady } from './credentials';
import { qrMatrix } from './device-qr';
import { recordDeviceRefusal, recordDeviceTokens } from './device-tokens';
import type { ExchangeResult } from './exchange';
import { release, reserve, settleFailed, settleKnown, settleUnknown } from './reservations';
import type { UnstoredTokens } from './unstored';

export interface DeviceRequest {
  readonly clientRef: string;
  readonly scopes: readonly string[];
  readonly accessType: 'online' | 'offline';
  readonly promptConsent: boolean;
  readonly environmentId?: string | undefined;
  readonly force: boolean;
}

/** The waits between polls; real timers, passed in so a shell or a test owns them (never faked in tests). */
export interface PollTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: PollTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/**
 * Beyond the interval, so a poll never reaches Zoho early: the interval counts from the previous
 * poll's arrival there, and timers may fire a millisecond early.
 */
export const POLL_MARGIN_MS = 250;
/** A network failure on a poll is retried at the next interval this many times in a row, then the flow ends. */
const NETWORK_RETRIES = 3;

type FlowState =
  | { readonly kind: 'waiting'; readonly timer: unknown; readonly nextPollAt: number }
  | { readonly kind: 'polling' }
  | { readonly kind: 'finished'; readonly step: DeviceStep };

interface Flow {
  readonly id: string;
  readonly client: ClientRecord;
  readonly request: DeviceRequest;
  readonly started: DeviceStarted;
  /** Holds the device code, a credential polled with the client secret: it never leaves this object. */
  readonly authorization: DeviceAuthorization;
  dc: DataCenter;
  intervalMs: number;
  networkFailures: number;
  readonly polls: DevicePoll[];
  state: FlowState;
  last: DeviceProgress;
  readonly done: Promise<ExchangeResult>;
  settle(result: ExchangeResult): void;
}

/**
 * The device flow (Zoho, "Non-browser applications"): the guard is asked, the initiation gives a user
 * code to show, then the flow polls the DC at Zoho's interval (never faster: no poll earns slow_down),
 * follows `other_dc` to the user's DC when the catalog knows it, and records the tokens like a consent.
 * An explicit state machine: a poll answer in the wrong state changes nothing.
 */
export class DeviceFlows {
  private readonly flows = new Map<string, Flow>();

  constructor(
    private readonly ctx: WorkbenchContext,
    private readonly unstored: UnstoredTokens,
    private readonly timers: PollTimers = REAL_TIMERS,
  ) {}

  async start(
    request: DeviceRequest,
  ): Promise<Ok<DeviceStarted & { done: Promise<ExchangeResult> }> | Failure> {
    const { ctx } = this;
    const client = this.deviceClient(request.clientRef);
    if (isFailure(client)) return client;
    const dc = findDc(ctx, client.dcId);
    if (isFailure(dc)) return dc;
    // A device code counts as a grant code (sandbox README): the guard answers as for a consent, and
    // the code holds its place among the client's 10 per 10 minutes from the check to Zoho's answer.
    const reserved = reserve(ctx, {
      proposal: { kind: 'consent', clientId: client.zohoClientId, accessType: request.accessType },
      keys: [{ rule: 'grant', clientId: client.zohoClientId }],
      flight: `device:${newId('flow')}`,
      force: request.force,
      lifetimeMs: 60_000,
      joinFinishedSince: null,
    });
    if (isFailure(reserved)) return reserved;
    const credentials = (await keychainReady(ctx)) ?? (await clientCredentials(ctx, client));
    if (!credentials.ok) {
      release(ctx, reserved.id);
      return credentials;
    }
    const answer = await ctx.accounts.deviceCode({
      dc,
      clientId: client.zohoClientId,
      scopes: request.scopes,
      accessType: request.accessType,
      promptConsent: request.promptConsent,
    });
    if (!answer.ok) {
      const shared = { ok: false, code: answer.code, message: answer.message };
      const at = ctx.now();
      if (answer.code === 'timeout' || answer.code === 'network_error')
        settleUnknown(ctx, reserved.id, shared);
      else if (answer.code === 'access_denied_limit')
        settleFailed(ctx, reserved.id, shared, [
          { type: 'access-denied', at, key: { rule: 'grant', clientId: client.zohoClientId } },
        ]);
      else settleFailed(ctx, reserved.id, shared);
      return answer;
    }
    settleKnown(ctx, reserved.id, [
      { type: 'grant-code-issued', at: ctx.now(), clientId: client.zohoClientId },
    ]);
    const qr = await qrMatrix(answer.value.verificationUrl);
    const flow = this.newFlow(client, request, dc, answer.value, qr);
    this.schedule(flow, flow.started.firstPollAt);
    return ok({ ...flow.started, done: flow.done });
  }

  cancel(flowId: string): Ok<null> {
    const flow = this.flows.get(flowId);
    if (flow !== undefined && flow.state.kind !== 'finished')
      this.finish(
        flow,
        'cancelled',
        fail('cancelled', 'The device sign-in was cancelled; the code shown is no longer polled.'),
      );
    return ok(null);
  }

  /** Running flows with what they heard so far, for a page that opens (or reloads) while they poll. */
  active(): ActiveDevice[] {
    return [...this.flows.values()].map((f) => ({ ...f.started, polls: [...f.polls], progress: f.last }));
  }

  pendingFlowIds(): string[] {
    return [...this.flows.keys()];
  }

  private deviceClient(clientRef: string): ClientRecord | Failure {
    const client = findClient(this.ctx, clientRef);
    if (isFailure(client)) return client;
    if (client.type === 'device') return client;
    return fail(
      'wrong_client_type',
      `"${client.name}" is not a Non-browser client. Zoho's device flow is for clients registered as Non-browser applications in the API console: add one with that type.`,
    );
  }

  private newFlow(
    client: ClientRecord,
    request: DeviceRequest,
    dc: DataCenter,
    auth: DeviceAuthorization,
    qr: QrMatrix,
  ): Flow {
    const at = this.ctx.now();
    let settle: (result: ExchangeResult) => void = () => undefined;
    const done = new Promise<ExchangeResult>((resolve) => (settle = resolve));
    const started: DeviceStarted = {
      flowId: newId('flow'),
      clientRef: client.id,
      userCode: auth.userCode,
      verificationUrl: auth.verificationUrl,
      qr,
      dcId: dc.id,
      startedAt: at,
      expiresAt: at + auth.expiresInMs,
      intervalMs: auth.intervalMs,
      firstPollAt: at + auth.intervalMs + POLL_MARGIN_MS,
    };
    const flow: Flow = {
      id: started.flowId,
      client,
      request,
      started,
      authorization: auth,
      dc,
      intervalMs: auth.intervalMs,
      networkFailures: 0,
      polls: [],
      state: { kind: 'polling' },
      last: {
        flowId: started.flowId,
        step: 'polling',
        at,
        dcId: dc.id,
        intervalMs: auth.intervalMs,
        nextPollAt: started.firstPollAt,
      },
      done,
      settle,
    };
    this.flows.set(flow.id, flow);
    return flow;
  }

  private schedule(flow: Flow, at: number, poll?: DevicePoll): void {
    if (flow.state.kind === 'finished') return;
    const timer = this.timers.setTimeout(() => void this.poll(flow), Math.max(0, at - this.ctx.now()));
    flow.state = { kind: 'waiting', timer, nextPollAt: at };
    this.progress(flow, 'polling', { nextPollAt: at, ...(poll === undefined ? {} : { poll }) });
  }

  private async poll(flow: Flow): Promise<void> {
    if (flow.state.kind !== 'waiting') return;
    const { ctx } = this;
    if (ctx.now() >= flow.started.expiresAt) {
      this.finish(
        flow,
        'expired',
        fail(
          'device_code_expired',
          'The user code expired before anyone approved it on the verification page. Start the device sign-in again.',
        ),
      );
      return;
    }
    flow.state = { kind: 'polling' };
    const credentials = await clientCredentials(ctx, flow.client);
    if (!credentials.ok) {
      this.finish(flow, 'failed', credentials);
      return;
    }
    const answer = await ctx.accounts.devicePoll(flow.dc, credentials.value, flow.authorization.deviceCode);
    const at = ctx.now();
    if (answer.ok) await this.onAnswer(flow, answer.value, at);
    else this.onFailure(flow, answer, at);
  }

  private async onAnswer(flow: Flow, answer: DevicePollAnswer, at: number): Promise<void> {
    flow.networkFailures = 0;
    if (answer.kind === 'tokens') {
      // Recorded even if the flow was cancelled meanwhile: Zoho issued them, and they count.
      const poll = this.note(flow, at, 'tokens', null);
      const result = await recordDeviceTokens(
        this.ctx,
        {
          client: flow.client,
          dc: flow.dc,
          tokens: answer.tokens,
          scopes: flow.request.scopes,
          environmentId: flow.request.environmentId ?? null,
          crossDc: flow.dc.id !== flow.started.dcId,
        },
        this.unstored.hold,
      );
      if (flow.state.kind !== 'finished') this.finish(flow, result.ok ? 'done' : 'failed', result, poll);
      return;
    }
    if (flow.state.kind === 'finished') return;
    if (answer.kind === 'slow_down') flow.intervalMs += SLOW_DOWN_STEP_MS;
    if (answer.kind === 'other_dc') {
      const poll = this.note(flow, at, 'other_dc', answer.userLocation);
      const next = this.userDc(flow, answer.userLocation);
      if (isFailure(next)) {
        this.finish(flow, 'failed', next, poll);
        return;
      }
      flow.dc = next;
      this.schedule(flow, at + flow.intervalMs + POLL_MARGIN_MS, poll);
      return;
    }
    this.schedule(flow, at + flow.intervalMs + POLL_MARGIN_MS, this.note(flow, at, answer.kind, null));
  }

  /**
   * The mix-up defence, as for a consent's redirect: the device code and the client secret go only
   * to a DC the catalog knows by that location, and never back to one already polled.
   */
  private userDc(flow: Flow, location: string): DataCenter | Failure {
    const dc = dcCatalog(this.ctx).byLocation(location);
    if (dc === undefined)
      return fail(
        'unknown_dc',
        `Zoho answered other_dc naming the DC "${location}", which is not in the catalog; the device code and secret were not sent anywhere. Add that DC if you trust it, then start again.`,
      );
    if (dc.id === flow.dc.id || dc.id === flow.started.dcId)
      return fail(
        'dc_mismatch',
        `Zoho answered other_dc naming ${dc.name}, the DC it was polled at; refused rather than polling in a circle. Start the device sign-in again.`,
      );
    return dc;
  }

  private onFailure(flow: Flow, answer: AccountsFailure, at: number): void {
    if (flow.state.kind === 'finished') return;
    const word = answer.zohoError ?? answer.code;
    const poll = this.note(flow, at, word, answer.message);
    const network = answer.code === 'timeout' || answer.code === 'network_error';
    if (network && ++flow.networkFailures < NETWORK_RETRIES) {
      this.schedule(flow, at + flow.intervalMs + POLL_MARGIN_MS, poll);
      return;
    }
    if (answer.code === 'access_denied_limit') recordDeviceRefusal(this.ctx, flow.client);
    this.finish(flow, answer.code === 'device_code_expired' ? 'expired' : 'failed', answer, poll);
  }

  private note(flow: Flow, at: number, answer: string, detail: string | null): DevicePoll {
    const poll: DevicePoll = { n: flow.polls.length + 1, at, dcId: flow.dc.id, answer, detail };
    flow.polls.push(poll);
    return poll;
  }

  private finish(flow: Flow, step: DeviceStep, result: ExchangeResult, poll?: DevicePoll): void {
    if (flow.state.kind === 'waiting') this.timers.clearTimeout(flow.state.timer);
    flow.state = { kind: 'finished', step };
    const detail = result.ok
      ? { outcome: result.value }
      : {
          error: {
            code: result.code,
            message: result.message,
            // The last poll's record in the traffic console, for the card's "Show the exchange".
            ...(result.exchangeId === undefined ? {} : { exchangeId: result.exchangeId }),
          },
        };
    this.progress(flow, step, { nextPollAt: null, ...detail, ...(poll === undefined ? {} : { poll }) });
    flow.settle(result);
    this.flows.delete(flow.id);
  }

  private progress(
    flow: Flow,
    step: DeviceStep,
    extra: Pick<DeviceProgress, 'nextPollAt'> & Partial<Pick<DeviceProgress, 'poll' | 'outcome' | 'error'>>,
  ): void {
    const event: DeviceProgress = {
      flowId: flow.id,
      step,
      at: this.ctx.now(),
      dcId: flow.dc.id,
      intervalMs: flow.intervalMs,
      ...extra,
    };
    flow.last = event;
    this.ctx.emit('device:progress', event);
  }
}
