import { dismissToast, useUi } from '../stores/ui';

/**
 * Passing notices, at most two, over the sidebar's foot rather than the work; errors stay longer.
 * Announced by screen readers as they appear; each can be dismissed.
 */
export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`}>
          <div className="toast-text">
            <div className="toast-title">
              {t.title}
              {t.repeats > 1 && (
                <span className="toast-repeats" aria-label={`${String(t.repeats)} times`}>
                  ×{t.repeats}
                </span>
              )}
            </div>
            {t.body !== undefined && <div className="toast-body">{t.body}</div>}
          </div>
          <button
            type="button"
            className="toast-close"
            aria-label="Dismiss notification"
            onClick={() => {
              dismissToast(t.id);
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
