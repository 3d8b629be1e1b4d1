import type { ClientRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import {
  cancelConsent,
  consentOf,
  currentStep,
  forceConsent,
  isInFlight,
  resetConsent,
  startConsent,
  useConsent,
} from './consent-store';
import { FailureView } from './FailureView';
import { OutcomeCard } from './OutcomeCard';
import { StepList } from './StepList';
import { WaitPanel } from './WaitPanel';

/**
 * The right-hand card: nothing yet, the wait and its steps, then the tokens or the failure explained.
 * It shows this client's sign-in only.
 */
export function FlowCard({ client }: { client: ClientRecord }) {
  const consent = useConsent(consentOf(client.id));
  const { started, steps, error, busy, outcome, lastStart, adrift } = consent;
  const step = currentStep(consent);
  const inFlight = isInFlight(consent);
  const retry = lastStart === null ? undefined : () => void startConsent({ ...lastStart, force: false });
  return (
    <section className="card flow-card" aria-labelledby="flow-title" aria-busy={busy}>
      <header className="card-header">
        <h2 id="flow-title" className="card-title">
          Sign-in
        </h2>
        <span className="spacer" />
        {inFlight && started !== null && !adrift && (
          <Button
            size="small"
            variant="danger"
            onClick={() => void cancelConsent(client.id)}
            title="Stop waiting and close the listener"
          >
            Cancel
          </Button>
        )}
        {!inFlight && (started !== null || error !== null) && (
          <Button
            size="small"
            variant="ghost"
            onClick={() => {
              resetConsent(client.id);
            }}
          >
            Clear
          </Button>
        )}
      </header>
      <div className="card-body stack flow-body">
        {started === null && error === null && !busy && <Idle />}
        {busy && (
          <p className="row muted" role="status">
            <span className="spinner" aria-hidden="true" /> Starting the listener and opening the browser…
          </p>
        )}
        {started !== null && step === 'waiting-for-browser' && (
          <WaitPanel started={started} adrift={adrift} />
        )}
        {started !== null && <StepList steps={steps} />}
        {outcome !== null && step === 'done' && <OutcomeCard outcome={outcome} />}
        {/* The user's own Cancel is not a failure: a plain note, never the red error box. */}
        {error?.code === 'cancelled' && (
          <p className="flow-cancelled muted" role="status">
            You cancelled this sign-in; the listener is closed and nothing was exchanged.{' '}
            {retry !== undefined && (
              <Button size="small" onClick={retry}>
                Start again
              </Button>
            )}
          </p>
        )}
        {error !== null && error.code !== 'cancelled' && (
          <FailureView
            error={error}
            onForce={() => void forceConsent(client.id)}
            actions={
              retry === undefined ? undefined : (
                <Button size="small" onClick={retry}>
                  Start again
                </Button>
              )
            }
          />
        )}
      </div>
    </section>
  );
}

function Idle() {
  return (
    <div className="empty flow-idle">
      <svg width="56" height="56" viewBox="0 0 56 56" aria-hidden="true" className="empty-art">
        <rect x="6" y="10" width="44" height="32" rx="5" />
        <path d="M6 18h44" />
        <circle cx="28" cy="30" r="5" />
        <path d="M22 48h12M28 42v6" />
      </svg>
      <p className="empty-title">No sign-in in progress</p>
      <p className="subtle">
        Pick scopes and press <strong>Open browser</strong>. Tokenbench listens on the client&apos;s redirect
        URI, catches Zoho&apos;s redirect and exchanges the code at the user&apos;s data center.
      </p>
    </div>
  );
}
