import { useId, useState } from 'react';
import type { TokenRow } from '../../../../shared/ipc/views';
import { StatusBadge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { formatTime } from '../../components/Countdown';
import { useTokens } from '../../stores/tokens';
import { inspectPasted, inspectToken, useInspector } from './inspector-store';
import { orgShort, userShort } from '../../../../shared/words/identity';

const SHOWN = 200;

const haystack = (t: TokenRow) =>
  [
    t.fingerprint,
    t.kind,
    t.status,
    t.userLabel ?? '',
    t.userId,
    orgShort(t.identity) ?? '',
    t.dcId,
    ...t.scopes,
    ...t.environments,
    t.id,
  ]
    .join(' ')
    .toLowerCase();

/** Pick a token of the selected client (searchable), or paste a value to look it up. */
export function TokenPicker() {
  const rows = useTokens((s) => s.rows);
  const older = useTokens((s) => s.older);
  const selected = useInspector((s) => s.tokenId);
  const [query, setQuery] = useState('');
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = rows.filter((t) => words.every((w) => haystack(t).includes(w)));
  return (
    <section className="card picker" aria-labelledby="picker-title">
      <header className="card-header">
        <h2 id="picker-title" className="card-title">
          Tokens
        </h2>
        <span className="badge">{rows.length}</span>
      </header>
      <div className="picker-body">
        <PasteLookup />
        <div className="field">
          <label htmlFor="token-search" className="visually-hidden">
            Search tokens
          </label>
          <input
            id="token-search"
            type="search"
            className="input"
            placeholder="Search: fingerprint, user, status, scope…"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
            }}
          />
        </div>
        {rows.length === 0 && older === 0 ? (
          <p className="subtle picker-empty">
            This client has no tokens yet. Run a consent, or paste a token above.
          </p>
        ) : rows.length === 0 ? (
          <p className="subtle picker-empty">No token of this client was alive in the last day.</p>
        ) : matches.length === 0 ? (
          <p className="subtle picker-empty">No token matches “{query}”.</p>
        ) : (
          <ul className="picker-list" aria-label="Tokens of this client">
            {matches.slice(0, SHOWN).map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className="picker-item"
                  aria-current={t.id === selected}
                  onClick={() => void inspectToken(t.id)}
                >
                  <span className={`kind-dot kind-${t.kind}`} aria-hidden="true">
                    {t.kind === 'refresh' ? 'R' : 'A'}
                  </span>
                  <span className="picker-item-main">
                    <span className="mono picker-fp">{t.fingerprint}</span>
                    <span className="picker-meta">
                      {t.kind === 'refresh' ? 'Refresh' : 'Access'} · {userShort(t)} ·{' '}
                      {formatTime(t.createdAt)}
                    </span>
                  </span>
                  <StatusBadge status={t.status} />
                </button>
              </li>
            ))}
          </ul>
        )}
        {matches.length > SHOWN && (
          <p className="subtle picker-empty">{matches.length - SHOWN} more: refine the search.</p>
        )}
        {older > 0 && (
          <p className="subtle picker-empty">
            {older} {older === 1 ? 'token' : 'tokens'} that ended over a day ago are not listed. Paste a value
            above to look one up; <code>npx tokenbench status</code> lists them all.
          </p>
        )}
      </div>
    </section>
  );
}

/** The pasted value lives in this input only until it is sent; the box is cleared right after. */
function PasteLookup() {
  const id = useId();
  const [value, setValue] = useState('');
  const busy = useInspector((s) => s.busy && s.tokenId === null);
  const submit = () => {
    const pasted = value.trim();
    if (pasted.length < 4) return;
    setValue('');
    void inspectPasted(pasted);
  };
  return (
    <form
      className="field"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id}>Paste a token value</label>
      <div className="row">
        <input
          id={id}
          type="password"
          className="input mono grow"
          autoComplete="off"
          spellCheck={false}
          placeholder="1000.…"
          value={value}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setValue(e.target.value);
          }}
        />
        <Button type="submit" busy={busy} disabled={value.trim().length < 4}>
          Look up
        </Button>
      </div>
      <span id={`${id}-hint`} className="hint">
        Matched by its last characters, then confirmed against the keychain. Not stored.
      </span>
    </form>
  );
}
