import { create } from 'zustand';
import type { ArgsOf } from '../../../../shared/ipc/contract';
import type {
  ActiveConsent,
  ConsentProgress,
  ConsentStarted,
  ConsentStep,
  TokenOutcome,
} from '../../../../shared/ipc/views';
import { api, toUiError, type UiError } from '../../api';
import { toastError } from '../../stores/ui';

/**
 * Each client's sign-in, as its Consent tab shows it: what it waits for, each step as it happens,
 * and what it ended with; also its pasted-grant-code exchange, which ends the same way. Kept per
 * client, so one client's panels never show another's state. Token values never come here:
 * outcomes carry fingerprints only.
 */
export interface ClientConsent {
  readonly started: ConsentStarted | null;
  readonly steps: readonly ConsentProgress[];
  readonly error: UiError | null;
  readonly busy: boolean;
  readonly outcome: TokenOutcome | null;
  /** The last start, so a guard refusal can be run again with force. */
  readonly lastStart: ArgsOf<'consent:start'> | null;
  /** The page lost its host while this sign-in ran: what it shows is unknown until it reconnects. */
  readonly adrift: boolean;
  readonly exchange: ExchangeState;
}

interface ExchangeState {
  readonly busy: boolean;
  readonly outcome: TokenOutcome | null;
  readonly error: UiError | null;
}

interface ConsentState {
  readonly byClient: Readonly<Record<string, ClientConsent>>;
  /** Steps of sign-ins this page does not know yet (another tab's, or before its start answered). */
  readonly unclaimed: Readonly<Record<string, readonly ConsentProgress[]>>;
}

const IDLE_EXCHANGE: ExchangeState = { busy: false, outcome: null, error: null };
export const IDLE_CONSENT: ClientConsent = {
  started: null,
  steps: [],
  error: null,
  busy: false,
  outcome: null,
  lastStart: null,
  adrift: false,
  exchange: IDLE_EXCHANGE,
};

export const useConsent = create<ConsentState>(() => ({ byClient: {}, unclaimed: {} }));

const FINAL: ReadonlySet<ConsentStep> = new Set(['done', 'failed', 'cancelled', 'timeout']);

/** One client's sign-in (a stable object while it does not change, as zustand selectors need). */
export const consentOf =
  (clientRef: string) =>
  (s: ConsentState): ClientConsent =>
    s.byClient[clientRef] ?? IDLE_CONSENT;
export const currentStep = (c: ClientConsent): ConsentStep | null => c.steps.at(-1)?.step ?? null;
export const isWaiting = (c: ClientConsent): boolean =>
  c.started !== null && currentStep(c) === 'waiting-for-browser';
/** A flow was started and has not reached a final step. */
export const isInFlight = (c: ClientConsent): boolean => {
  const step = currentStep(c);
  return c.busy || (c.started !== null && (step === null || !FINAL.has(step)));
};

function update(clientRef: string, change: (c: ClientConsent) => Partial<ClientConsent>): void {
  useConsent.setState((s) => {
    const current = s.byClient[clientRef] ?? IDLE_CONSENT;
    return { byClient: { ...s.byClient, [clientRef]: { ...current, ...change(current) } } };
  });
}

const clientOfFlow = (s: ConsentState, flowId: string): string | undefined =>
  Object.keys(s.byClient).find((ref) => s.byClient[ref]?.started?.flowId === flowId);

export async function startConsent(args: ArgsOf<'consent:start'>): Promise<void> {
  update(args.clientRef, () => ({
    busy: true,
    error: null,
    steps: [],
    started: null,
    outcome: null,
    adrift: false,
    lastStart: args,
  }));
  const started = await api.consent.start(args);
  if (!started.ok) {
    update(args.clientRef, () => ({ busy: false, error: toUiError(started) }));
    return;
  }
  attach(started.value, [], { busy: false, lastStart: args });
}

/** Shows a running sign-in under its client, with the steps it has made so far. */
function attach(
  started: ConsentStarted,
  known: readonly ConsentProgress[],
  extra: Partial<ClientConsent> = {},
): void {
  const { flowId } = started;
  useConsent.setState((s) => {
    const { [flowId]: early = [], ...unclaimed } = s.unclaimed;
    const current = s.byClient[started.clientRef] ?? IDLE_CONSENT;
    // A sync may have attached it before its own start answered: keep what that brought.
    const shown = current.started?.flowId === flowId ? current.steps : [];
    const byAt = new Map([...shown, ...known, ...early].map((p) => [`${String(p.at)}:${p.step}`, p]));
    const steps = [...byAt.values()].sort((a, b) => a.at - b.at);
    const attached: ClientConsent = {
      ...current,
      ...extra,
      started,
      steps,
      adrift: false,
      outcome: steps.find((p) => p.outcome !== undefined)?.outcome ?? null,
      error: steps.find((p) => p.error !== undefined)?.error ?? null,
    };
    return { unclaimed, byClient: { ...s.byClient, [started.clientRef]: attached } };
  });
}

/** After the guard's warning and the user's confirmation: the same consent, forced. */
export async function forceConsent(clientRef: string): Promise<void> {
  const last = useConsent.getState().byClient[clientRef]?.lastStart ?? null;
  if (last !== null) await startConsent({ ...last, force: true });
}

/** Fed by the consent:progress push events (subscribed once in App). */
export function onConsentProgress(progress: ConsentProgress): void {
  const clientRef = clientOfFlow(useConsent.getState(), progress.flowId);
  if (clientRef === undefined) {
    // Not ours yet: its start has not answered, or another tab started it. Keep it for either.
    useConsent.setState((s) => ({
      unclaimed: { ...s.unclaimed, [progress.flowId]: [...(s.unclaimed[progress.flowId] ?? []), progress] },
    }));
    scheduleSync();
    return;
  }
  update(clientRef, (c) => ({
    steps: c.steps.some((p) => p.at === progress.at && p.step === progress.step)
      ? c.steps
      : [...c.steps, progress],
    error: progress.error === undefined ? c.error : progress.error,
    outcome: progress.outcome ?? c.outcome,
  }));
}

let syncTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleSync(): void {
  clearTimeout(syncTimer);
  syncTimer = setTimeout(() => void syncActiveConsents(), 300);
}

/**
 * Asks the host which sign-ins still run (consent:active) and shows each under its client: after a
 * reload, the running sign-in is there again, not forgotten with its port still held; after a lost
 * connection, a sign-in that ended meanwhile says so instead of counting down a wait that is over.
 */
export async function syncActiveConsents(): Promise<void> {
  const active = await api.consent.active();
  if (!active.ok) return;
  const running = new Map(active.value.map((flow: ActiveConsent) => [flow.flowId, flow]));
  // Only a sign-in seen before the connection was lost can have ended unheard; any other would
  // have sent its last step, or may have started after this answer was made.
  for (const [clientRef, c] of Object.entries(useConsent.getState().byClient)) {
    const flowId = c.started?.flowId;
    if (flowId === undefined || !c.adrift || running.has(flowId)) continue;
    update(clientRef, () => ({
      started: null,
      steps: [],
      outcome: null,
      adrift: false,
      error: SIGN_IN_GONE,
    }));
  }
  for (const flow of active.value) {
    const mine = useConsent.getState().byClient[flow.clientRef] ?? IDLE_CONSENT;
    const shown = mine.started;
    const newer = shown !== null && isInFlight(mine) && shown.startedAt > flow.startedAt;
    if (!newer) attach(flow, flow.steps);
  }
  // Steps of sign-ins that ended before anyone here knew them are of no use any more.
  useConsent.setState((s) => ({
    unclaimed: Object.fromEntries(Object.entries(s.unclaimed).filter(([flowId]) => running.has(flowId))),
  }));
}

const SIGN_IN_GONE: UiError = {
  code: 'sign_in_gone',
  message:
    'This sign-in is no longer running in Tokenbench: it ended while this page was not connected (Tokenbench stopped, or the sign-in finished or ran out of time). Tokens it received are in the Tokens tab; start again if you need to.',
};

/** The connection was lost: every sign-in this page shows waits for news, not for the clock. */
export function markConsentsAdrift(): void {
  useConsent.setState((s) => {
    const byClient = Object.fromEntries(
      Object.entries(s.byClient).map(([ref, c]) => [
        ref,
        c.started !== null && isInFlight(c) ? { ...c, adrift: true } : c,
      ]),
    );
    return { byClient };
  });
}

/**
 * Manual mode: the address the browser landed on. A wrong paste (another attempt, another address)
 * leaves the flow waiting, so its error belongs next to the paste box, not to the flow.
 */
export async function pasteRedirect(clientRef: string, url: string): Promise<UiError | null> {
  const flowId = useConsent.getState().byClient[clientRef]?.started?.flowId;
  if (flowId === undefined) return null;
  const result = await api.consent.pasteUrl({ flowId, url });
  const now = useConsent.getState().byClient[clientRef] ?? IDLE_CONSENT;
  return result.ok || now.started?.flowId !== flowId || !isWaiting(now) ? null : toUiError(result);
}

export async function cancelConsent(clientRef: string): Promise<void> {
  const flowId = useConsent.getState().byClient[clientRef]?.started?.flowId;
  if (flowId !== undefined) await api.consent.cancel({ flowId });
}

export function resetConsent(clientRef: string): void {
  update(clientRef, () => ({
    started: null,
    steps: [],
    error: null,
    busy: false,
    outcome: null,
    adrift: false,
  }));
}

/**
 * A pasted grant code (a self client's from the API console, or any client's). The code itself stays
 * in the form that sent it, never in this store; a forced retry comes from the form too.
 */
export async function exchangeCode(args: ArgsOf<'tokens:exchange-code'>): Promise<boolean> {
  update(args.clientRef, () => ({ exchange: { busy: true, outcome: null, error: null } }));
  const result = await api.tokens.exchangeCode(args);
  update(args.clientRef, () => ({
    exchange: {
      busy: false,
      outcome: result.ok ? result.value : null,
      error: result.ok ? null : toUiError(result),
    },
  }));
  return result.ok;
}

export function resetExchange(clientRef: string): void {
  update(clientRef, () => ({ exchange: IDLE_EXCHANGE }));
}

/**
 * Registers the sandbox's Self Client (once) and opens the sandbox's API console page, where a code
 * is made to paste here. Answers the client's id, or null after saying what went wrong.
 */
export async function openSandboxConsole(): Promise<string | null> {
  const made = await api.sandbox.selfClient();
  if (made.ok) {
    const { browserProblem, consoleUrl } = made.value;
    if (browserProblem !== null)
      toastError({
        code: 'browser_not_opened',
        message: `${browserProblem} Open ${consoleUrl} in a browser yourself.`,
      });
    return made.value.client.id;
  }
  toastError(toUiError(made));
  return null;
}
