import { useState, type KeyboardEvent } from 'react';
import { Button } from '../../components/Button';
import { Countdown, formatDateTime, formatTime } from '../../components/Countdown';
import { useNow } from '../../stores/clock';
import { setVariable } from './env-actions';
import { displayValue, expiryMs, parseEdited, type VariableRowModel } from './env-variables';
import type { Shown } from './VariableRow';

interface ValueCellProps {
  readonly row: VariableRowModel;
  readonly shown: Shown | null;
  readonly onEdit: (on: boolean) => void;
}

/** A value at rest: plain text, a masked secret, a revealed one, or an empty slot. */
export function ValueCell({ row, shown, onEdit }: ValueCellProps) {
  const { key, variable } = row;
  if (variable === null) return <span className="env-empty-value">not set</span>;
  if (variable.secret) {
    if (shown !== null) {
      return (
        <div className="env-revealed">
          <code className="env-revealed-value">{shown.value}</code>
          {shown.note !== null && (
            <span className="env-note" role="status">
              {shown.note}
            </span>
          )}
        </div>
      );
    }
    if (variable.fingerprint === null) return <span className="env-empty-value">empty</span>;
    return (
      <span className="env-mask mono" title="Kept in the system keychain: Reveal or Copy to use it">
        <span aria-hidden="true">••••••••</span>
        <span className="visually-hidden">Secret ending </span>
        {variable.fingerprint}
      </span>
    );
  }
  const text = displayValue(variable.value);
  const expiry = key === 'expiry-time' ? expiryMs(variable.value) : null;
  return (
    <div className="env-plain">
      <button
        type="button"
        className="env-plain-value mono"
        title={text}
        aria-label={`${key}: ${text === '' ? 'empty' : text}. Edit`}
        onClick={() => {
          onEdit(true);
        }}
      >
        {text === '' ? <span className="env-empty-value">empty</span> : text}
      </button>
      {expiry !== null && <ExpiryHint at={expiry} />}
    </div>
  );
}

/** `expiry-time` in words: a live "expires in 41:02", or when it expired. */
function ExpiryHint({ at }: { at: number }) {
  const now = useNow();
  const title = formatDateTime(at);
  return (
    <span className={`env-expiry ${at > now ? '' : 'env-expiry-past'}`} title={title}>
      {at > now ? (
        <>
          expires in <Countdown until={at} />
        </>
      ) : (
        <>expired at {formatTime(at)}</>
      )}
    </span>
  );
}

interface ValueEditorProps {
  readonly environmentId: string;
  readonly row: VariableRowModel;
  readonly onDone: () => void;
}

/** Inline editing: Enter saves, Escape cancels. A secret starts empty and is typed unseen. */
export function ValueEditor({ environmentId, row, onDone }: ValueEditorProps) {
  const { key, variable, secret } = row;
  const start = variable === null || variable.secret ? '' : displayValue(variable.value);
  const [text, setText] = useState(start);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    const value = parseEdited(variable?.value ?? undefined, text);
    const failed = await setVariable(environmentId, key, value, secret, variable?.enabled ?? true);
    setBusy(false);
    if (failed === null) onDone();
    else setError(failed.message);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onDone();
    }
  };
  return (
    <div className="env-editor">
      <div className="row">
        <input
          className="input mono env-editor-input"
          type={secret ? 'password' : 'text'}
          aria-label={`New value of ${key}`}
          aria-invalid={error !== null}
          placeholder={secret ? 'Type or paste the new value' : ''}
          autoComplete="off"
          spellCheck={false}
          // The user asked to edit this one value; taking focus is what they expect.
          autoFocus
          readOnly={busy}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
          onKeyDown={onKey}
        />
        <Button size="small" variant="primary" busy={busy} onClick={() => void save()}>
          Save
        </Button>
        <Button size="small" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {error !== null ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : (
        <span className="hint">Enter saves · Escape cancels{secret ? ' · goes to the keychain' : ''}</span>
      )}
    </div>
  );
}
