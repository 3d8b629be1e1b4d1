import { useUi } from '../stores/ui';

/** Passing notices; errors stay longer. Announced by screen readers as they appear. */
export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`}>
          <div className="toast-title">{t.title}</div>
          {t.body !== undefined && <div className="toast-body">{t.body}</div>}
        </div>
      ))}
    </div>
  );
}
