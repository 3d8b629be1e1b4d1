import { useId, useState } from 'react';
import type { ClientRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import { KAIZEN_43 } from '../../../../shared/limits/profile';
import { duration } from '../../../../shared/words/time';
import { formatRemaining, formatTime } from '../../components/Countdown';
import { useNow } from '../../stores/clock';
import { useTokens } from '../../stores/tokens';
import { ClockField } from './ClockField';
import { dcById, selectedEnvironment, useWorkspace } from '../../stores/workspace';
import { consentOf, exchangeCode, useConsent } from './consent-store';
import { FailureView } from './FailureView';
import { OutcomeCard } from './OutcomeCard';
import { MOD, useModEnter } from './use-mod-enter';

/** The API console's choices for a self-client code: 3, 5, 7 or 10 minutes (zoho-oauth.md, "Grant token"). */
const VALIDITY_MINUTES = [3, 5, 7, 10];

/**
 * A grant code pasted from the API console: how long it was made valid for and when, so the
 * remaining validity can count down; then the exchange. The code stays in this form only.
 */
export function SelfClientForm({ client, primary }: { client: ClientRecord; primary: boolean }) {
  const id = useId();
  const now = useNow();
  const env = useWorkspace(selectedEnvironment);
  const dcName = useWorkspace((s) => dcById(s, client.dcId)?.name ?? client.dcId);
  const { busy, outcome, error } = useConsent(consentOf(client.id)).exchange;
  const [code, setCode] = useState('');
  // A self client's code lives as long as chosen in the console; any other client's code comes from
  // a consent's redirect and lives the profile's grant-code lifetime (2 minutes, web flow).
  const consentCodeMs = useTokens((s) => s.limits?.profile.grantCodeTtlMs) ?? KAIZEN_43.grantCodeTtlMs;
  const selfClient = client.type === 'self';
  const [minutes, setMinutes] = useState(3);
  const [generatedAt, setGeneratedAt] = useState<number | null>(null);
  const madeAt = generatedAt ?? now;
  const validMs = selfClient ? minutes * 60_000 : consentCodeMs;
  const expiresAt = madeAt + validMs;
  // The clock store ticks once a second, so `now` may trail the moment the code arrived: never more than it lives.
  const left = Math.min(validMs, expiresAt - now);
  const expired = code !== '' && left <= 0;
  const submit = async (force = false) => {
    if (code.trim() === '' || busy) return;
    const done = await exchangeCode({
      clientRef: client.id,
      code: code.trim(),
      codeExpiresAt: expiresAt,
      force,
      ...(env?.clientRef === client.id ? { environmentId: env.id } : {}),
    });
    if (done) {
      setCode('');
      setGeneratedAt(null);
    }
  };
  useModEnter(() => void submit(), primary);
  return (
    <form
      className="stack self-client"
      aria-label="Exchange a grant code"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-code`}>Grant code</label>
        <input
          id={`${id}-code`}
          className="input mono"
          value={code}
          autoComplete="off"
          spellCheck={false}
          placeholder="1000.…"
          aria-describedby={`${id}-code-hint`}
          onChange={(e) => {
            setCode(e.target.value);
            // "Generated at" defaults to the moment the code arrives, the best guess without the console.
            if (code === '' && generatedAt === null) setGeneratedAt(Date.now());
          }}
        />
        <span id={`${id}-code-hint`} className="hint">
          From api-console.zoho.com → your self client → Generate Code. It works once.
        </span>
      </div>
      <div className="self-client-timing">
        {selfClient ? (
          <div className="field">
            <label htmlFor={`${id}-valid`}>Valid for</label>
            <select
              id={`${id}-valid`}
              className="input"
              value={minutes}
              onChange={(e) => {
                setMinutes(Number(e.target.value));
              }}
            >
              {VALIDITY_MINUTES.map((m) => (
                <option key={m} value={m}>
                  {m} minutes
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field self-client-valid">
            <span className="label">Valid for</span>
            <span className="self-client-fixed">{duration(consentCodeMs)}</span>
            <span className="hint">as a consent’s code</span>
          </div>
        )}
        <ClockField
          id={`${id}-made`}
          label="Generated at"
          at={madeAt}
          onChange={(at) => {
            setGeneratedAt(at);
          }}
        />
        <CodeValidity left={code === '' ? null : left} total={validMs} expiresAt={expiresAt} />
      </div>
      {expired && (
        <p className="field-error-text" role="alert">
          This code expired at {formatTime(expiresAt)}. Generate a new one in the API console.
        </p>
      )}
      <div className="row">
        <Button
          type="submit"
          variant={primary ? 'primary' : 'default'}
          busy={busy}
          disabled={code.trim() === '' || expired}
          shortcut={primary ? `${MOD}+↵` : undefined}
          title={primary ? `Exchange the code for tokens (${MOD}+Enter)` : 'Exchange the code for tokens'}
        >
          Exchange
        </Button>
        <span className="subtle">Exchanged at {dcName}, where the console made it.</span>
      </div>
      {outcome !== null && <OutcomeCard outcome={outcome} />}
      {error !== null && <FailureView error={error} onForce={() => void submit(true)} />}
    </form>
  );
}

function CodeValidity({ left, total, expiresAt }: { left: number | null; total: number; expiresAt: number }) {
  if (left === null)
    return <div className="code-validity subtle">The countdown starts when you paste a code.</div>;
  const fraction = Math.max(0, Math.min(1, left / total));
  const tone = fraction < 0.2 ? 'danger' : fraction < 0.5 ? 'warn' : 'ok';
  return (
    <div className="code-validity">
      <div className="row">
        <span className="label">Code valid for</span>
        <span className="spacer" />
        <span
          className={`mono code-validity-left code-validity-${tone}`}
          role="timer"
          aria-label={`Code valid for ${formatRemaining(left)}`}
        >
          {formatRemaining(left)}
        </span>
      </div>
      <div className="meter-track" aria-hidden="true">
        <div className={`meter-fill meter-fill-${tone}`} style={{ width: `${String(fraction * 100)}%` }} />
      </div>
      <span className="subtle">until {formatTime(expiresAt)}</span>
    </div>
  );
}
