import { useState } from 'react';
import { zohoApiAnswer } from '../../../../shared/oauth/other-responses';
import type { EnvironmentRecord } from '../../../../shared/workspace/model';
import { zohoErrorFromWire, zohoMessage } from '../../../../shared/words/zoho-errors';
import type { UiError } from '../../api';
import { Button } from '../../components/Button';
import { ZohoError } from '../../components/ZohoError';
import { useWorkspace } from '../../stores/workspace';
import { FailureView } from '../consent/FailureView';
import { BodyView } from './JsonView';
import { OrgWarning } from './OrgWarning';
import { refreshForEnvironment, useRunnerRefresh, type RunnerAnswer } from './runner-store';

const STATUS_TONE = (s: number) => (s >= 500 ? 'danger' : s >= 400 ? 'warn' : s >= 300 ? 'info' : 'ok');

const size = (text: string) => {
  const bytes = new TextEncoder().encode(text).length;
  return bytes < 1024 ? `${String(bytes)} B` : `${(bytes / 1024).toFixed(1)} KB`;
};

/**
 * Zoho's refusal in the body, read as data (an API's `code` and `message`, or the accounts server's
 * `error`), when the catalog knows it: INVALID_TOKEN (refresh helps), OAUTH_SCOPE_MISMATCH (it does not).
 */
function zohoRefusal(answer: RunnerAnswer): UiError | null {
  const zoho = zohoApiAnswer(answer);
  if (zoho === null) return null;
  const info = zohoErrorFromWire(zoho.error);
  if (info.code === 'unknown_zoho_error') return null;
  return {
    code: info.code,
    message: zohoMessage(zoho),
    zoho,
    request: { kind: 'api' },
    ...(answer.exchangeId === null ? {} : { exchangeId: answer.exchangeId }),
  };
}

/** Status, time and size; the body pretty-printed; the headers; a Zoho 401 explained. */
export function ResponseView({
  answer,
  env,
  onSendAgain,
}: {
  answer: RunnerAnswer;
  env: EnvironmentRecord | null;
  onSendAgain: () => void;
}) {
  const [tab, setTab] = useState<'body' | 'headers'>('body');
  const dcs = useWorkspace((s) => s.dcs);
  const dcName = (id: string) => dcs.find((d) => d.id === id)?.name ?? id;
  const contentType = answer.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? null;
  const explained = zohoRefusal(answer);
  const location = answer.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
  return (
    <section className="card response" aria-labelledby="response-title">
      <header className="card-header response-head">
        <h2 id="response-title" className="card-title">
          Response
        </h2>
        <span
          className={`status status-${STATUS_TONE(answer.status)}`}
          aria-label={`Status ${String(answer.status)} ${answer.statusText}`}
        >
          {answer.status} {answer.statusText}
        </span>
        <span className="response-meta">
          <span className="mono">{answer.durationMs} ms</span>
          <span className="mono">{size(answer.body)}</span>
        </span>
        <span className="spacer" />
        <div className="seg" role="tablist" aria-label="Response parts">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'body'}
            className="seg-btn"
            onClick={() => {
              setTab('body');
            }}
          >
            Body
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'headers'}
            className="seg-btn"
            onClick={() => {
              setTab('headers');
            }}
          >
            Headers <span className="subtle">{answer.headers.length}</span>
          </button>
        </div>
      </header>
      <div className="card-body stack response-body">
        <p className="subtle response-url">
          Sent to <code>{answer.resolvedUrl}</code>
        </p>
        {explained !== null && <Explained error={explained} env={env} onSendAgain={onSendAgain} />}
        {answer.tokenDc !== null && answer.tokenDc.hostDcId === null && (
          <p className="muted runner-token-host">
            <code>{`{{${answer.tokenDc.variable}}}`}</code> was issued by {dcName(answer.tokenDc.tokenDcId)}{' '}
            and went to <code>{answer.tokenDc.host}</code>, which is no known DC&apos;s server.
          </p>
        )}
        {answer.tokenOrg !== null && <OrgWarning check={answer.tokenOrg} />}
        {location !== undefined && (
          <p className="muted">
            A redirect to <code>{location}</code>: not followed, so the token was not sent there.
          </p>
        )}
        {answer.truncated && <p className="muted">The body was cut at 1 MB; the rest was not read.</p>}
        {tab === 'body' ? (
          answer.body === '' ? (
            <p className="subtle">No body.</p>
          ) : (
            <BodyView body={answer.body} contentType={contentType} />
          )
        ) : (
          <table className="table response-headers">
            <tbody>
              {answer.headers.map(([k, v], i) => (
                <tr key={`${k}-${String(i)}`}>
                  <th scope="row" className="mono">
                    {k}
                  </th>
                  <td className="mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function Explained({
  error,
  env,
  onSendAgain,
}: {
  error: UiError;
  env: EnvironmentRecord | null;
  onSendAgain: () => void;
}) {
  const refresh = useRunnerRefresh();
  const clientRef = env?.clientRef ?? null;
  const canRefresh = error.code === 'invalid_token' && clientRef !== null && env !== null;
  const run = (force: boolean) => {
    if (canRefresh) void refreshForEnvironment(clientRef, env.id, force);
  };
  const actions = canRefresh ? (
    <>
      <Button
        size="small"
        variant="primary"
        busy={refresh.busy}
        onClick={() => {
          run(false);
        }}
        title="A new access token from this environment's own refresh token"
      >
        Refresh token
      </Button>
      {refresh.fingerprint !== null && (
        <>
          <span className="muted">
            New access token <code>{refresh.fingerprint}</code> is in “{env.name}”.
          </span>
          <Button size="small" onClick={onSendAgain}>
            Send again
          </Button>
        </>
      )}
    </>
  ) : undefined;
  return (
    <>
      <ZohoError error={error} actions={actions} />
      {refresh.error !== null && (
        <FailureView
          error={refresh.error}
          onForce={() => {
            run(true);
          }}
        />
      )}
    </>
  );
}
