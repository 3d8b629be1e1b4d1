import { useState } from 'react';
import { Button } from '../../components/Button';
import { ZohoError } from '../../components/ZohoError';
import { selectedEnvironment, useWorkspace } from '../../stores/workspace';
import { MOD, useModEnter } from '../consent/use-mod-enter';
import { HeadersTable } from './HeadersTable';
import { HistoryList } from './HistoryList';
import { Placeholders } from './Placeholders';
import { RequestBar } from './RequestBar';
import { ResponseView } from './ResponseView';
import { clearRefresh, hasBody, resetDraft, sendDraft, setBody, useRunner } from './runner-store';
import '../consent/panel-kit.css';
import './runner.css';

/** The Requests tab: a Postman-style request sent by the main process, with the environment's variables. */
export function RunnerPanel() {
  const draft = useRunner((s) => s.draft);
  const { response, error, busy } = useRunner();
  const env = useWorkspace(selectedEnvironment);
  const [part, setPart] = useState<'headers' | 'body'>('headers');
  const send = () => {
    clearRefresh();
    void sendDraft(env?.id ?? null);
  };
  useModEnter(send);
  const enabledHeaders = draft.headers.filter((h) => h.enabled).length;
  return (
    <div className="runner split-panel">
      <div className="split-main">
        <section className="card request" aria-label="Request">
          <div className="card-body stack request-body">
            <RequestBar onSend={send} />
            <Placeholders draft={draft} env={env} />
            <div className="row request-tabs">
              <div className="seg" role="tablist" aria-label="Request parts">
                <button
                  type="button"
                  role="tab"
                  aria-selected={part === 'headers'}
                  className="seg-btn"
                  onClick={() => {
                    setPart('headers');
                  }}
                >
                  Headers <span className="subtle">{enabledHeaders}</span>
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={part === 'body'}
                  className="seg-btn"
                  onClick={() => {
                    setPart('body');
                  }}
                >
                  Body {hasBody(draft.method) ? '' : <span className="subtle">(not for {draft.method})</span>}
                </button>
              </div>
              <span className="spacer" />
              <Button
                size="small"
                variant="ghost"
                onClick={resetDraft}
                title="Back to the CurrentUser preset"
              >
                Reset to preset
              </Button>
            </div>
            {part === 'headers' ? <HeadersTable /> : <BodyEditor />}
          </div>
        </section>
        {error !== null && <ZohoError error={error} />}
        {busy && response === null && (
          <p className="row muted" role="status">
            <span className="spinner" aria-hidden="true" /> Sending…
          </p>
        )}
        {response !== null && <ResponseView answer={response} env={env} onSendAgain={send} />}
        {response === null && error === null && !busy && <NoResponse />}
      </div>
      <HistoryList />
    </div>
  );
}

function BodyEditor() {
  const method = useRunner((s) => s.draft.method);
  const body = useRunner((s) => s.draft.body);
  if (!hasBody(method))
    return (
      <p className="subtle">A {method} request has no body here. Pick POST, PUT or PATCH to send one.</p>
    );
  return (
    <div className="field">
      <label htmlFor="runner-body">Body</label>
      <textarea
        id="runner-body"
        className="input mono body-input"
        rows={8}
        spellCheck={false}
        value={body}
        placeholder='{ "data": [ … ] }'
        onChange={(e) => {
          setBody(e.target.value);
        }}
      />
      <span className="hint">
        Sent as written; {'{{variables}}'} are filled in. Add a Content-Type header for JSON.
      </span>
    </div>
  );
}

function NoResponse() {
  return (
    <div className="card">
      <div className="empty runner-empty">
        <svg width="56" height="56" viewBox="0 0 56 56" aria-hidden="true" className="empty-art">
          <path d="M8 28h30M30 18l10 10-10 10" />
          <rect x="42" y="14" width="8" height="28" rx="3" />
        </svg>
        <p className="empty-title">Send a request to see the answer</p>
        <p className="subtle" style={{ maxWidth: 440 }}>
          The preset asks CRM who the access token belongs to. Tokenbench fills the variables in the main
          process, so tokens never enter this page. Press <kbd>{MOD}</kbd>+<kbd>Enter</kbd> to send.
        </p>
      </div>
    </div>
  );
}
