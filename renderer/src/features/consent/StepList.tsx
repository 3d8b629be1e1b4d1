import type { ConsentProgress, ConsentStep } from '../../../../shared/ipc/views';
import { formatTime } from '../../components/Countdown';

type Shown = 'waiting-for-browser' | 'redirect-received' | 'exchanging' | 'final';

const STEPS: readonly { id: Shown; label: string; detail: string }[] = [
  {
    id: 'waiting-for-browser',
    label: 'Waiting for the browser',
    detail: 'You sign in and accept on the consent page',
  },
  { id: 'redirect-received', label: 'Redirect received', detail: 'Zoho sent the grant code back' },
  { id: 'exchanging', label: 'Exchanging the code', detail: 'At the accounts server of the user’s DC' },
  { id: 'final', label: 'Tokens received', detail: 'Stored in the keychain' },
];

const FINAL_LABELS: Record<
  Exclude<ConsentStep, Exclude<Shown, 'final'>>,
  { label: string; detail: string }
> = {
  done: { label: 'Tokens received', detail: 'Stored in the keychain; the environment follows' },
  failed: { label: 'Failed', detail: 'See the explanation below' },
  timeout: { label: 'Timed out', detail: 'No redirect came back in time' },
  cancelled: { label: 'Cancelled by you', detail: 'The listener was closed' },
};

/** Cancelled, but not by the user: another sign-in needed its port (consent.ts, takeOverPort). */
const SUPERSEDED = { label: 'Replaced', detail: 'Another sign-in took over its port' };

type State = 'done' | 'current' | 'pending' | 'failed' | 'skipped';

function stateOf(id: Shown, steps: readonly ConsentProgress[], last: ConsentStep | null): State {
  const reached =
    id === 'final' ? steps.find((p) => p.step in FINAL_LABELS) : steps.find((p) => p.step === id);
  if (id === 'final') {
    if (reached === undefined) return 'pending';
    return reached.step === 'done' ? 'done' : reached.step === 'cancelled' ? 'skipped' : 'failed';
  }
  if (reached === undefined) return last !== null && last in FINAL_LABELS ? 'skipped' : 'pending';
  return last === id ? 'current' : 'done';
}

const ICONS: Record<State, string> = { done: '✓', current: '', pending: '', failed: '✕', skipped: '–' };

/** The consent's steps, filled in as consent:progress events arrive, each with its time. */
export function StepList({ steps }: { steps: readonly ConsentProgress[] }) {
  const last = steps.at(-1)?.step ?? null;
  const finalStep = steps.find((p) => p.step in FINAL_LABELS);
  const announce = last === null ? '' : describe(last, steps.at(-1)?.at ?? 0);
  return (
    <>
      <ol className="steps" aria-label="Sign-in steps">
        {STEPS.map((step) => {
          const state = stateOf(step.id, steps, last);
          const event = step.id === 'final' ? finalStep : steps.find((p) => p.step === step.id);
          const words =
            step.id === 'final' && finalStep !== undefined
              ? finalStep.error?.code === 'superseded'
                ? SUPERSEDED
                : FINAL_LABELS[finalStep.step as keyof typeof FINAL_LABELS]
              : step;
          return (
            <li
              key={step.id}
              className={`step step-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="step-mark" aria-hidden="true">
                {state === 'current' ? <span className="step-pulse" /> : ICONS[state]}
              </span>
              <span className="step-text">
                <span className="step-label">{words.label}</span>
                <span className="step-detail">{words.detail}</span>
              </span>
              <span className="step-time mono">{event === undefined ? '' : formatTime(event.at)}</span>
              <span className="visually-hidden">
                {state === 'current' ? '(in progress)' : state === 'pending' ? '(not yet)' : ''}
              </span>
            </li>
          );
        })}
      </ol>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </span>
    </>
  );
}

function describe(step: ConsentStep, at: number): string {
  const words: Record<ConsentStep, string> = {
    'waiting-for-browser': 'Waiting for the browser',
    'redirect-received': 'Redirect received',
    exchanging: 'Exchanging the grant code',
    done: 'Done: tokens received',
    failed: 'Sign-in failed',
    timeout: 'Sign-in timed out',
    cancelled: 'Sign-in cancelled',
  };
  return `${words[step]} at ${formatTime(at)}`;
}
