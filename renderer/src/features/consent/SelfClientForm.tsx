import { useId, useState } from 'react';
import type { ClientRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import { formatRemaining, formatTime } from '../../components/Countdown';
import { useNow } from '../../stores/clock';
import { dcById, selectedEnvironment, useWorkspace } from '../../stores/workspace';
import { exchangeCode, useConsent } from './consent-store';
import { FailureView } from './FailureView';
import { OutcomeCard } from './OutcomeCard';
import { MOD, useModEnter } from './use-mod-enter';

/** The API console offers 3 to 10 minutes for a self-client code (zoho-oauth.md, "Grant token"). */
const VALIDITY_MINUTES = [3, 4, 5, 6, 7, 8, 9, 10];

const pad = (n: number) => String(n).padStart(2, '0');
const toTimeInput = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
/** A clock time today, or yesterday if that would be in the future (a code made before midnight). */
function fromTimeInput(text: string, now: number): number | null {
  const [h, m, s = '0'] = text.split(':');
  if (h === undefined || m === undefined) return null;
  const d = new Date(now);
  d.setHours(Number(h), Number(m), Number(s), 0);
  return d.getTime() > now + 60_000 ? d.getTime() - 86_400_000 : d.getTime();
}

/**
 * A grant code pasted from the API console: how long it was made valid for and when, so the
 * remaining validity can count down; then the exchange. The code stays in this form only.
 */
export function SelfClientForm({ client, primary }: { client: ClientRecord; primary: boolean }) {
  const id = useId();
  const now = useNow();
  const env = useWorkspace(selectedEnvironment);
  const dcName = useWorkspace((s) => dcById(s, client.dcId)?.name ?? client.dcId);
  const { busy, outcome, error } = useConsent((s) => s.exchange);
  const [code, setCode] = useState('');
  const [minutes, setMinutes] = useState(3);
  const [generatedAt, setGeneratedAt] = useState<number | null>(null);
  const madeAt = generatedAt ?? now;
  const expiresAt = madeAt + minutes * 60_000;
  const left = expiresAt - now;
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
        <div className="field">
          <label htmlFor={`${id}-made`}>Generated at</label>
          <input
            id={`${id}-made`}
            type="time"
            step={1}
            className="input mono"
            value={toTimeInput(madeAt)}
            onChange={(e) => {
              const at = fromTimeInput(e.target.value, Date.now());
              if (at !== null) setGeneratedAt(at);
            }}
          />
        </div>
        <CodeValidity left={code === '' ? null : left} total={minutes * 60_000} expiresAt={expiresAt} />
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
