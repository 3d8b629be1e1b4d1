import { findPlaceholders } from '../../../../shared/postman/placeholders';
import type { EnvironmentRecord } from '../../../../shared/workspace/model';
import { hasBody, type Draft } from './runner-store';

type Resolution = { name: string; ok: boolean; shown: string };

/** What each `{{name}}` will become, without any secret value: secrets show their fingerprint. */
export function resolvePlaceholders(draft: Draft, env: EnvironmentRecord | null): Resolution[] {
  const texts = [
    draft.url,
    ...draft.headers.filter((h) => h.enabled).flatMap((h) => [h.key, h.value]),
    hasBody(draft.method) ? draft.body : '',
  ];
  const names = [...new Set(texts.flatMap((t) => findPlaceholders(t)))];
  return names.map((name) => {
    if (env === null) return { name, ok: false, shown: 'no environment selected' };
    const v = env.variables.findLast((x) => x.key === name);
    if (v === undefined) return { name, ok: false, shown: `not in “${env.name}”` };
    if (!v.enabled) return { name, ok: false, shown: 'disabled' };
    if (v.secret) return { name, ok: true, shown: `secret ${v.fingerprint ?? ''}`.trim() };
    if (v.value === null || v.value === '') return { name, ok: false, shown: 'empty' };
    const text = typeof v.value === 'string' ? v.value : JSON.stringify(v.value);
    return { name, ok: true, shown: text.length > 48 ? `${text.slice(0, 47)}…` : text };
  });
}

export function Placeholders({ draft, env }: { draft: Draft; env: EnvironmentRecord | null }) {
  const resolved = resolvePlaceholders(draft, env);
  if (resolved.length === 0) return null;
  const missing = resolved.filter((r) => !r.ok).length;
  return (
    <div className="placeholders" aria-label="Variables in this request" role="group">
      <span className="label">Variables{env === null ? '' : ` from “${env.name}”`}</span>
      <ul>
        {resolved.map((r) => (
          <li key={r.name} className={`placeholder ${r.ok ? 'placeholder-ok' : 'placeholder-missing'}`}>
            <span aria-hidden="true">{r.ok ? '✓' : '✕'}</span>
            <code>{`{{${r.name}}}`}</code>
            <span className="placeholder-value">{r.shown}</span>
            <span className="visually-hidden">{r.ok ? 'resolves' : 'does not resolve'}</span>
          </li>
        ))}
      </ul>
      {missing > 0 && (
        <span className="placeholder-note">
          {missing} variable{missing === 1 ? '' : 's'} will not resolve: Tokenbench will not send the request
          until {missing === 1 ? 'it does' : 'they do'}.
        </span>
      )}
    </div>
  );
}
