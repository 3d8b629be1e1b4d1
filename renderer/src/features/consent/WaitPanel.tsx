import { useState } from 'react';
import type { ConsentStarted } from '../../../../shared/ipc/views';
import { inBrowserMode, type UiError } from '../../api';
import { Button } from '../../components/Button';
import { formatTime } from '../../components/Countdown';
import { ZohoError } from '../../components/ZohoError';
import { toast } from '../../stores/ui';
import { pasteRedirect } from './consent-store';
import { WaitRing } from './WaitRing';

/** How long the flow waits for the browser (electron/services/workbench/consent.ts, CONSENT_WAIT_MS). */
export const CONSENT_WAIT_MS = 5 * 60_000;

/**
 * What the flow waits for: the loopback address, or a pasted address in manual mode; and for how
 * long. When the system browser could not be opened it says so and offers the address; when the
 * page lost its host the countdown stops, since nobody knows any more whether the wait goes on.
 */
export function WaitPanel({ started, adrift }: { started: ConsentStarted; adrift: boolean }) {
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
        {adrift ? (
          <span className="spinner" aria-hidden="true" />
        ) : (
          <WaitRing
            from={started.startedAt}
            until={started.startedAt + CONSENT_WAIT_MS}
            label="Time left to finish in the browser"
          />
        )}
        <div className="stack wait-text">
          {adrift && (
            <p role="status">
              <strong>Lost the connection to Tokenbench.</strong> Whether this sign-in still waits is unknown
              until the page reconnects.
            </p>
          )}
          {started.listeningOn !== null ? (
            <p>
              Listening on <code className="wait-address">{started.listeningOn}</code> for Zoho&apos;s
              redirect.
              {started.browserProblem === null &&
                ' Sign in and accept in the browser window that just opened.'}
            </p>
          ) : (
            <p>
              <strong>Manual mode.</strong> {started.manualReason}
            </p>
          )}
          {started.browserProblem !== null && (
            <BrowserNotOpened problem={started.browserProblem} url={started.authorizationUrl} />
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
      {started.listeningOn === null && <PasteBox clientRef={started.clientRef} />}
    </>
  );
}

/** No browser opened (xdg-open found none): the consent page's address, to open by hand. */
function BrowserNotOpened({ problem, url }: { problem: string; url: string }) {
  return (
    <div className="stack browser-not-opened" role="alert">
      <p>
        <strong>{problem}</strong> Open the consent page yourself, in the browser you sign in to Zoho with:
        {inBrowserMode ? ' follow the link, or copy its address.' : ' copy its address.'}
      </p>
      {inBrowserMode ? (
        <a className="wait-url mono" href={url} target="_blank" rel="noopener noreferrer">
          {url}
        </a>
      ) : (
        <code className="wait-url">{url}</code>
      )}
    </div>
  );
}

/** The redirected address, pasted: it holds the grant code, so it stays in this box only until sent. */
function PasteBox({ clientRef }: { clientRef: string }) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const problem = await pasteRedirect(clientRef, url.trim());
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
