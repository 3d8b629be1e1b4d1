import { useId, useState, type KeyboardEvent } from 'react';
import {
  isWellFormedScope,
  parseScopeList,
  SCOPE_CATALOG,
  searchScopes,
} from '../../../../shared/scopes/catalog';
import { addScope, removeScope, useConsentDraft } from './draft-store';

const SHAPE_HINT = 'Zoho scopes look like Service.scope.OPERATION, for example ZohoCRM.modules.ALL';

/** The catalog's spelling when the typed text is a known scope in another case. */
const canonical = (scope: string): string =>
  SCOPE_CATALOG.find((s) => s.scope.toLowerCase() === scope.toLowerCase())?.scope ?? scope;

/**
 * Scopes as chips, with a WAI-ARIA combobox over the catalog (shared/scopes/catalog.ts). Free text
 * is allowed, since Zoho has hundreds of scopes: Enter adds what was typed, and a pasted
 * comma-separated list adds each. A scope that is not Service.scope.OPERATION-shaped is flagged.
 */
export function ScopePicker() {
  const scopes = useConsentDraft((s) => s.scopes);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const id = useId();
  const matches = searchScopes(query)
    .filter((s) => !scopes.includes(s.scope))
    .slice(0, 10);
  const typed = query.trim();
  const typedIsOdd = typed !== '' && parseScopeList(typed).some((s) => !isWellFormedScope(s));
  const odd = scopes.filter((s) => !isWellFormedScope(s));

  const add = (text: string) => {
    for (const scope of parseScopeList(text)) addScope(canonical(scope));
    setQuery('');
    setActive(-1);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (matches.length === 0 ? -1 : (i + step + matches.length) % matches.length));
    } else if (e.key === 'Enter' && !(e.ctrlKey || e.metaKey)) {
      const chosen = matches[active];
      if (open && chosen !== undefined) {
        e.preventDefault();
        add(chosen.scope);
      } else if (typed !== '') {
        e.preventDefault();
        add(typed);
      }
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    } else if (e.key === 'Backspace' && query === '' && scopes.length > 0) {
      removeScope(scopes[scopes.length - 1] ?? '');
    }
  };

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${String(i)}`;
  const expanded = open && matches.length > 0;
  return (
    <div className="field scope-picker">
      <label htmlFor={`${id}-input`}>Scopes</label>
      <div className="scope-box">
        <ul className="scope-chips" aria-label="Chosen scopes">
          {scopes.map((scope) => (
            <li
              key={scope}
              className={`scope-chip ${isWellFormedScope(scope) ? '' : 'scope-chip-odd'}`}
              title={isWellFormedScope(scope) ? undefined : SHAPE_HINT}
            >
              <span className="mono">{scope}</span>
              <button
                type="button"
                className="scope-chip-remove"
                aria-label={`Remove scope ${scope}`}
                onClick={() => {
                  removeScope(scope);
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={`${id}-input`}
          className="scope-input"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${id}-hint${typedIsOdd ? ` ${id}-odd` : ''}`}
          placeholder={scopes.length === 0 ? 'Search scopes, or type one and press Enter' : 'Add a scope…'}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => {
            setOpen(true);
          }}
          onBlur={() => {
            setOpen(false);
          }}
          onKeyDown={onKey}
        />
        {expanded && (
          <ul id={listId} role="listbox" className="scope-list" aria-label="Scopes in the catalog">
            {matches.map((s, i) => (
              <li
                key={s.scope}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className="scope-option"
                onMouseDown={(e) => {
                  e.preventDefault();
                }}
                onClick={() => {
                  add(s.scope);
                }}
              >
                <span className="mono scope-option-name">{s.scope}</span>
                <span className="scope-option-desc">{s.description}</span>
                <span className="badge">{s.product}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <span id={`${id}-hint`} className="hint">
        Search the catalog by product (CRM, Books, Desk, People…), name or purpose, for example “books
        invoice”; or type any scope and press Enter. A comma-separated list adds each.
      </span>
      {typedIsOdd && (
        <span id={`${id}-odd`} className="scope-warning">
          “{typed}” does not look like a scope. {SHAPE_HINT}; Zoho answers invalid_scope for unknown ones.
        </span>
      )}
      {odd.length > 0 && !typedIsOdd && (
        <span className="scope-warning">
          {odd.map((s) => `“${s}”`).join(', ')} {odd.length === 1 ? 'does' : 'do'} not look like a scope.{' '}
          {SHAPE_HINT}.
        </span>
      )}
      {scopes.length === 0 && <span className="field-error-text">Add at least one scope.</span>}
    </div>
  );
}
