import { useState } from 'react';
import type { ConsentStarted } from '../../../../shared/ipc/views';
import type { UiError } from '../../api';
import { Button } from '../../components/Button';
import { formatTime } from '../../components/Countdown';
import { ZohoError } from '../../components/ZohoError';
import { toast } from '../../stores/ui';
import { pasteRedirect } from './consent-store';
import { WaitRing } from './WaitRing';

/** How long the flow waits for the browser (electron/services/workbench/consent.ts, CONSENT_WAIT_MS). */
export const CONSENT_WAIT_MS = 5 * 60_000;

/** What the flow waits for: the loopback address, or a pasted address in manual mode; and for how long. */
export function WaitPanel({ started }: { started: ConsentStarted }) {
  const minutes = Math.round(started.grantCodeTtlMs / 60_000);
  const copy = () => {
    void navigator.clipboard.writeText(started.authorizationUrl).then(
      () => {
        toast('ok', 'Consent page address copied');
      },
      () => {
        toast('error', 'Could not copy', 'Your browser refused clipboard access.');
      },
    );
  };
  return (
    <>
      <div className="wait">
        <WaitRing
          from={started.startedAt}
          until={started.startedAt + CONSENT_WAIT_MS}
          label="Time left to finish in the browser"
        />
        <div className="stack wait-text">
          {started.listeningOn !== null ? (
            <p>
              Listening on <code className="wait-address">{started.listeningOn}</code> for Zoho&apos;s
              redirect. Sign in and accept in the browser window that just opened.
            </p>
          ) : (
            <p>
              <strong>Manual mode.</strong> {started.manualReason}
            </p>
          )}
          <p className="muted">
            Waits up to {CONSENT_WAIT_MS / 60_000} minutes from {formatTime(started.startedAt)}. Once you
            accept, Zoho&apos;s grant code lives {minutes} minutes and is used once: Tokenbench exchanges it
            the moment it arrives.
          </p>
          <div className="row">
            <Button
              size="small"
              onClick={copy}
              title="Copy the consent page address, to open it in another browser"
            >
              Copy consent page address
            </Button>
          </div>
        </div>
      </div>
      {/* Below the wait, full width: a redirected address is long, and the user reads it back. */}
      {started.listeningOn === null && <PasteBox />}
    </>
  );
}

/** The redirected address, pasted: it holds the grant code, so it stays in this box only until sent. */
function PasteBox() {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const problem = await pasteRedirect(url.trim());
    setBusy(false);
    setError(problem);
    if (problem === null) setUrl('');
  };
  return (
    <form
      className="stack paste-box"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor="paste-redirect">Paste the address your browser was sent to</label>
        <div className="row">
          <input
            id="paste-redirect"
            className="input mono grow"
            value={url}
            autoComplete="off"
            spellCheck={false}
            placeholder="http://127.0.0.1:…/callback?code=…&state=…"
            onChange={(e) => {
              setUrl(e.target.value);
            }}
          />
          <Button type="submit" variant="primary" busy={busy} disabled={url.trim() === ''}>
            Use this address
          </Button>
        </div>
        <span className="hint">
          After you accept, the browser shows an error page at that address: copy it from the address bar.
        </span>
      </div>
      {error !== null && <ZohoError error={error} />}
    </form>
  );
}
