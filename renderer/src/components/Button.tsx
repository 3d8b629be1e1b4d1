import type { ButtonHTMLAttributes, ReactNode } from 'react';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly variant?: 'primary' | 'danger' | 'ghost' | 'default';
  readonly size?: 'small' | 'default';
  readonly busy?: boolean;
  /** A keyboard shortcut shown inside the button (the handler is registered elsewhere). */
  readonly shortcut?: string;
  readonly children: ReactNode;
}

export function Button({
  variant = 'default',
  size = 'default',
  busy = false,
  shortcut,
  children,
  className,
  disabled,
  ...rest
}: ButtonProps) {
  const classes = [
    'btn',
    variant === 'default' ? '' : `btn-${variant}`,
    size === 'small' ? 'btn-small' : '',
    className ?? '',
  ];
  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(' ')}
      disabled={disabled === true || busy}
      aria-busy={busy}
      {...rest}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
      {shortcut !== undefined && (
        <span className="kbd" aria-hidden="true">
          {shortcut}
        </span>
      )}
    </button>
  );
}
