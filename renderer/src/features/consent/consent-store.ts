import { create } from 'zustand';
import type { ArgsOf } from '../../../../shared/ipc/contract';
import type {
  ConsentProgress,
  ConsentStarted,
  ConsentStep,
  TokenOutcome,
} from '../../../../shared/ipc/views';
import { api, toUiError, type UiError } from '../../api';

/**
 * The consent in progress, as the screen shows it: what it waits for, each step as it happens, and
 * what it ended with. Also the pasted-grant-code exchange (the self-client path), which ends the same
 * way. Token values never come here: outcomes carry fingerprints only.
 */
interface ConsentState {
  readonly started: ConsentStarted | null;
  readonly steps: readonly ConsentProgress[];
  readonly error: UiError | null;
  readonly busy: boolean;
  readonly outcome: TokenOutcome | null;
  /** The last start, so a guard refusal can be run again with force. */
  readonly lastStart: ArgsOf<'consent:start'> | null;
  readonly exchange: ExchangeState;
}

interface ExchangeState {
  readonly busy: boolean;
  readonly outcome: TokenOutcome | null;
  readonly error: UiError | null;
}

const IDLE_EXCHANGE: ExchangeState = { busy: false, outcome: null, error: null };

export const useConsent = create<ConsentState>(() => ({
  started: null,
  steps: [],
  error: null,
  busy: false,
  outcome: null,
  lastStart: null,
  exchange: IDLE_EXCHANGE,
}));

const FINAL: ReadonlySet<ConsentStep> = new Set(['done', 'failed', 'cancelled', 'timeout']);

export const currentStep = (s: ConsentState): ConsentStep | null => s.steps.at(-1)?.step ?? null;
export const isWaiting = (s: ConsentState): boolean =>
  s.started !== null && currentStep(s) === 'waiting-for-browser';
/** A flow was started and has not reached a final step. */
export const isInFlight = (s: ConsentState): boolean => {
  const step = currentStep(s);
  return s.busy || (s.started !== null && (step === null || !FINAL.has(step)));
};

export async function startConsent(args: ArgsOf<'consent:start'>): Promise<void> {
  useConsent.setState({ busy: true, error: null, steps: [], started: null, outcome: null, lastStart: args });
  const started = await api.consent.start(args);
  if (!started.ok) {
    useConsent.setState({ busy: false, error: toUiError(started) });
    return;
  }
  // Progress events may have arrived before the answer; keep those of this flow only.
  useConsent.setState((s) => ({
    busy: false,
    started: started.value,
    steps: s.steps.filter((p) => p.flowId === started.value.flowId),
    outcome:
      s.steps.find((p) => p.flowId === started.value.flowId && p.outcome !== undefined)?.outcome ?? null,
  }));
}

/** After the guard's warning and the user's confirmation: the same consent, forced. */
export async function forceConsent(): Promise<void> {
  const last = useConsent.getState().lastStart;
  if (last !== null) await startConsent({ ...last, force: true });
}

/** Fed by the consent:progress push events (subscribed once in App). */
export function onConsentProgress(progress: ConsentProgress): void {
  useConsent.setState((s) => {
    if (s.started !== null && s.started.flowId !== progress.flowId) return s;
    const error = progress.error ?? s.error;
    return { steps: [...s.steps, progress], error, outcome: progress.outcome ?? s.outcome };
  });
}

/**
 * Manual mode: the address the browser landed on. A wrong paste (another attempt, another address)
 * leaves the flow waiting, so its error belongs next to the paste box, not to the flow.
 */
export async function pasteRedirect(url: string): Promise<UiError | null> {
  const flowId = useConsent.getState().started?.flowId;
  if (flowId === undefined) return null;
  const result = await api.consent.pasteUrl({ flowId, url });
  return result.ok || useConsent.getState().started?.flowId !== flowId || !isWaiting(useConsent.getState())
    ? null
    : toUiError(result);
}

export async function cancelConsent(): Promise<void> {
  const flowId = useConsent.getState().started?.flowId;
  if (flowId !== undefined) await api.consent.cancel({ flowId });
}

export function resetConsent(): void {
  useConsent.setState({ started: null, steps: [], error: null, busy: false, outcome: null });
}

/**
 * A pasted grant code (a self client's from the API console, or any client's). The code itself stays
 * in the form that sent it, never in this store; a forced retry comes from the form too.
 */
export async function exchangeCode(args: ArgsOf<'tokens:exchange-code'>): Promise<boolean> {
  useConsent.setState({ exchange: { busy: true, outcome: null, error: null } });
  const result = await api.tokens.exchangeCode(args);
  useConsent.setState({
    exchange: {
      busy: false,
      outcome: result.ok ? result.value : null,
      error: result.ok ? null : toUiError(result),
    },
  });
  return result.ok;
}

export function resetExchange(): void {
  useConsent.setState({ exchange: IDLE_EXCHANGE });
}
