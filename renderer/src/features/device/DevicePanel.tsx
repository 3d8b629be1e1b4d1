import type { ClientRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import { selectedEnvironment, useWorkspace } from '../../stores/workspace';
import { setAccessType, useConsentDraft } from '../consent/draft-store';
import { ScopePicker } from '../consent/ScopePicker';
import { MOD, useModEnter } from '../consent/use-mod-enter';
import { deviceOf, isPolling, startDevice, useDevice } from './device-store';
import { DeviceFlowCard } from './DeviceFlowCard';
import './device.css';

const ACCESS_TYPES = [
  { id: 'offline', label: 'Offline', line: 'An access token and a refresh token (prompt=consent is sent).' },
  { id: 'online', label: 'Online', line: 'An access token only; it lives one hour.' },
] as const;

/**
 * The Consent tab of a Non-browser client (Zoho, "Non-browser applications"): what the device asks
 * for, and the device sign-in itself: the code to enter elsewhere, each poll's answer, the tokens.
 */
export function DevicePanel({ client }: { client: ClientRecord }) {
  const draft = useConsentDraft();
  const env = useWorkspace(selectedEnvironment);
  const polling = useDevice((s) => isPolling(deviceOf(client.id)(s)));
  const canStart = draft.scopes.length > 0 && !polling;
  const start = () => {
    if (!canStart) return;
    void startDevice({
      clientRef: client.id,
      scopes: [...draft.scopes],
      accessType: draft.accessType,
      promptConsent: draft.accessType === 'offline',
      ...(env?.clientRef === client.id ? { environmentId: env.id } : {}),
    });
  };
  useModEnter(start);
  return (
    <div className="consent">
      <div className="consent-grid">
        <section className="card consent-form" aria-labelledby="device-form-title">
          <header className="card-header">
            <h2 id="device-form-title" className="card-title">
              Device sign-in request
            </h2>
            <span className="badge">non-browser</span>
          </header>
          <div className="card-body stack consent-form-body">
            <p className="subtle">
              No browser on the device: Tokenbench asks Zoho for a short code, you enter it on Zoho&apos;s
              verification page on any phone or computer, and Tokenbench polls until you decide.
            </p>
            <ScopePicker />
            <fieldset className="consent-access">
              <legend className="label">Access type</legend>
              {ACCESS_TYPES.map((t) => (
                <label key={t.id} className="choice">
                  <input
                    type="radio"
                    name="device-access-type"
                    value={t.id}
                    checked={draft.accessType === t.id}
                    onChange={() => {
                      setAccessType(t.id);
                    }}
                  />
                  <span>
                    <span className="choice-label">{t.label}</span>
                    <span className="choice-line">{t.line}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="row consent-actions">
              <Button
                variant="primary"
                onClick={start}
                disabled={!canStart}
                shortcut={`${MOD}+↵`}
                title={`Ask Zoho for a device code (${MOD}+Enter)`}
              >
                Get a code
              </Button>
              {polling && (
                <span className="subtle">A device sign-in is running; cancel it to start another.</span>
              )}
            </div>
          </div>
        </section>
        <DeviceFlowCard clientRef={client.id} />
      </div>
    </div>
  );
}
