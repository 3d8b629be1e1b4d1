import type { ReactNode } from 'react';
import type { TokenStatus } from '../../../shared/limits/ledger-types';

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'accent' | 'evicted' | 'neutral';

export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: Tone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`badge ${tone === 'neutral' ? '' : `badge-${tone}`}`} title={title}>
      {children}
    </span>
  );
}

const STATUS_TONE: Record<TokenStatus, Tone> = {
  active: 'ok',
  expired: 'neutral',
  evicted: 'evicted',
  revoked: 'danger',
};

export function StatusBadge({ status }: { status: TokenStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{status}</Badge>;
}
