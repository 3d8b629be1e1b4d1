import { useState, type KeyboardEvent } from 'react';
import { visibleText } from '../../../../shared/text/visible';
import type { EnvironmentRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useNow } from '../../stores/clock';
import { statusOf, useEnvStatus } from '../../stores/env-status';
import { ApiEnvironmentField } from './ApiEnvironmentField';
import { openDialog, toastError } from '../../stores/ui';
import { dcById, useWorkspace } from '../../stores/workspace';
import { saveSettings } from './env-actions';
import { autoRefreshWords, lineageWords } from './env-words';

/** Name (edited in place), the client it follows, its DC, the tokens it holds, and auto-refresh. */
export function EnvHeader({ env }: { env: EnvironmentRecord }) {
  const clients = useWorkspace((s) => s.clients);
  const dc = useWorkspace((s) => dcById(s, env.dcId));
  const followed = clients.find((c) => c.id === env.clientRef) ?? null;
  const save = (patch: Parameters<typeof saveSettings>[1]) => {
    void saveSettings(env, patch).then((error) => {
      if (error !== null) toastError(error);
    });
  };
  return (
    <section className="card env-header" aria-label="Environment settings">
      <EnvName env={env} />
      <div className="env-meta">
        <Field label="Follows client">
          {(ids) => (
            <div className="env-client">
              <select
                id={ids.id}
                className="input"
                value={env.clientRef ?? ''}
                onChange={(e) => {
                  save({ clientRef: e.target.value === '' ? null : e.target.value });
                }}
              >
                <option value="">No client</option>
                {clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              {followed !== null && (
                <Button
                  variant="ghost"
                  aria-label={`Edit client ${followed.name}`}
                  title={`Edit ${followed.name}`}
                  onClick={() => {
                    openDialog({ kind: 'client', clientId: followed.id });
                  }}
                >
                  Edit
                </Button>
              )}
            </div>
          )}
        </Field>
        <div className="field" role="group" aria-labelledby="env-dc-label">
          <span className="label" id="env-dc-label">
            Data center
          </span>
          <div
            className="env-dc"
            title={dc === null ? undefined : `${dc.name}\n${dc.accountsUrl}\n${dc.apiDomain}`}
          >
            {dc === null ? (
              <span className="subtle">None yet</span>
            ) : (
              <>
                <span className="env-dc-id">{dc.id.toUpperCase()}</span>
                <span className="env-truncate">{dc.name}</span>
              </>
            )}
          </div>
          <span className="hint">Follows the DC switcher above.</span>
        </div>
        <ApiEnvironmentField
          env={env}
          dc={dc}
          onChange={(apiEnvironment) => {
            save({ apiEnvironment });
          }}
        />
        <AutoRefresh
          env={env}
          onChange={(autoRefresh) => {
            save({ autoRefresh });
          }}
        />
      </div>
      <HeldTokens env={env} />
    </section>
  );
}

/** Whose tokens the environment holds and where they were issued: one lineage, or none. */
function HeldTokens({ env }: { env: EnvironmentRecord }) {
  const status = useEnvStatus(statusOf(env.id));
  const dcs = useWorkspace((s) => s.dcs);
  if (status === null) return null;
  const words =
    status.lineage !== null
      ? lineageWords(status.lineage, dcs)
      : status.holdsTokens
        ? 'imported or typed in: Tokenbench does not know whose they are or which DC issued them'
        : 'none yet: run a consent into this environment';
  return (
    <p className="env-held" aria-label="Tokens held">
      <span className="label">Tokens</span> <span className="env-held-words">{words}</span>
    </p>
  );
}

/** The name as a title that is also an input: Enter or leaving it saves, Escape puts it back. */
function EnvName({ env }: { env: EnvironmentRecord }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = async () => {
    if (draft === null) return;
    const name = draft.trim();
    if (name === '' || name.length > 80) {
      setError(
        name === '' ? 'A name cannot be empty; Escape puts the old one back.' : 'Keep it to 80 characters.',
      );
      return;
    }
    setError(null);
    // The field shows the name with any bidi override or control made visible; unchanged, it saves nothing.
    if (name !== env.name && name !== visibleText(env.name)) {
      const failed = await saveSettings(env, { name });
      if (failed !== null) {
        setError(failed.message);
        return;
      }
    }
    setDraft(null);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') void commit();
    if (e.key === 'Escape') {
      // Stay in the field: leaving it would save.
      setDraft(null);
      setError(null);
    }
  };
  return (
    <div className="env-name">
      <input
        className="env-name-input"
        aria-label="Environment name"
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : 'env-name-error'}
        title={env.name}
        maxLength={100}
        spellCheck={false}
        value={draft ?? visibleText(env.name)}
        onChange={(e) => {
          setDraft(e.target.value);
        }}
        onKeyDown={onKey}
        onBlur={() => void commit()}
      />
      <span className="env-name-pencil" aria-hidden="true">
        ✎
      </span>
      {error !== null && (
        <span id="env-name-error" className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function AutoRefresh({ env, onChange }: { env: EnvironmentRecord; onChange: (checked: boolean) => void }) {
  const checked = env.autoRefresh;
  return (
    <div className="field">
      <span className="label" aria-hidden="true">
        Access token
      </span>
      <label className="env-switch">
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          aria-describedby="env-auto-refresh-hint"
          onChange={(e) => {
            onChange(e.target.checked);
          }}
        />
        <span className="env-switch-track" aria-hidden="true" />
        <span>Auto-refresh before expiry</span>
      </label>
      <AutoRefreshStatusLine env={env} />
    </div>
  );
}

/** When the next refresh happens, or why it waits or stopped, as the scheduler planned it. */
function AutoRefreshStatusLine({ env }: { env: EnvironmentRecord }) {
  const status = useEnvStatus(statusOf(env.id));
  const now = useNow();
  if (status === null || status.autoRefresh.state === 'off')
    return (
      <span id="env-auto-refresh-hint" className="hint">
        Refreshes shortly before expiry, never into Access Denied.
      </span>
    );
  const words = autoRefreshWords(status.autoRefresh, now);
  return (
    <span
      id="env-auto-refresh-hint"
      className={`hint env-auto-status env-auto-${words.tone}`}
      data-state={status.autoRefresh.state}
      aria-live="polite"
    >
      <strong className="env-auto-headline">{words.headline}</strong>
      {words.detail !== null && <span className="env-auto-detail"> {words.detail}</span>}
    </span>
  );
}
