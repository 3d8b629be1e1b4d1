import type { ClientRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import { openDialog } from '../../stores/ui';
import { selectedEnvironment, useWorkspace } from '../../stores/workspace';
import { consentOf, isInFlight, startConsent, useConsent } from './consent-store';
import { setAccessType, setPromptConsent, useConsentDraft } from './draft-store';
import { ScopePicker } from './ScopePicker';
import { MOD, useModEnter } from './use-mod-enter';

const ACCESS_TYPES = [
  {
    id: 'offline',
    label: 'Offline',
    line: 'An access token and a refresh token, so Tokenbench can refresh without you.',
  },
  { id: 'online', label: 'Online', line: 'An access token only; it lives one hour, then you consent again.' },
] as const;

/** What the next consent asks Zoho for, and the button that opens the browser (Ctrl/⌘+Enter). */
export function ConsentForm({ client }: { client: ClientRecord }) {
  const draft = useConsentDraft();
  const env = useWorkspace(selectedEnvironment);
  const inFlight = isInFlight(useConsent(consentOf(client.id)));
  const canStart = draft.scopes.length > 0 && !inFlight;
  const start = () => {
    if (!canStart) return;
    void startConsent({
      clientRef: client.id,
      scopes: [...draft.scopes],
      accessType: draft.accessType,
      promptConsent: draft.promptConsent,
      ...(env?.clientRef === client.id ? { environmentId: env.id } : {}),
    });
  };
  useModEnter(start);
  return (
    <section className="card consent-form" aria-labelledby="consent-form-title">
      <header className="card-header">
        <h2 id="consent-form-title" className="card-title">
          Authorization request
        </h2>
      </header>
      <div className="card-body stack consent-form-body">
        <ScopePicker />
        <fieldset className="consent-access">
          <legend className="label">Access type</legend>
          {ACCESS_TYPES.map((t) => (
            <label key={t.id} className="choice">
              <input
                type="radio"
                name="access-type"
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
        <label className="choice">
          <input
            type="checkbox"
            checked={draft.promptConsent}
            onChange={(e) => {
              setPromptConsent(e.target.checked);
            }}
          />
          <span>
            <span className="choice-label">
              Force consent screen <code>prompt=consent</code>
            </span>
            <span className="choice-line">
              Without it, Zoho gives a refresh token only the first time this user consents to this client.
            </span>
          </span>
        </label>
        <dl className="facts consent-facts">
          <dt>PKCE</dt>
          <dd>
            {client.pkce ? (
              <span className="badge badge-ok">On · S256</span>
            ) : (
              <span className="badge">Off</span>
            )}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                openDialog({ kind: 'client', clientId: client.id });
              }}
            >
              set on the client
            </button>
          </dd>
          <dt>Redirect URI</dt>
          <dd>
            <code>{client.redirectUri}</code>
          </dd>
          <dt>Tokens go to</dt>
          <dd>
            {env?.clientRef === client.id ? (
              <>environment “{env.name}”</>
            ) : (
              <span className="muted">
                environments that follow this client; one holding another user’s tokens is asked about first
              </span>
            )}
          </dd>
        </dl>
        <div className="row consent-actions">
          <Button
            variant="primary"
            onClick={start}
            disabled={!canStart}
            shortcut={`${MOD}+↵`}
            title={`Open the consent page in your browser (${MOD}+Enter)`}
          >
            Open browser
          </Button>
          {inFlight && <span className="subtle">A sign-in is in progress; cancel it to start another.</span>}
        </div>
      </div>
    </section>
  );
}
