import type { ReactNode } from 'react';

interface CalloutProps {
  readonly tone?: 'info' | 'warn' | 'danger' | 'ok';
  readonly title: ReactNode;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
}

/** A message in the page: a Zoho error with its cause and fix, a limit warning, a success. */
export function Callout({ tone = 'info', title, children, actions }: CalloutProps) {
  const role = tone === 'danger' || tone === 'warn' ? 'alert' : 'status';
  return (
    <div className={`callout callout-${tone}`} role={role}>
      <div className="stack" style={{ gap: 'var(--space-1)', flex: 1 }}>
        <div className="title">{title}</div>
        {children !== undefined && <div className="muted">{children}</div>}
        {actions !== undefined && (
          <div className="row" style={{ marginTop: 'var(--space-2)' }}>
            {actions}
          </div>
        )}
      </div>
    </div>
  );
}
