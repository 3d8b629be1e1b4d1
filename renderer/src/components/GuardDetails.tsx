import type { Eviction, ProposalAnswer, RuleUsage } from '../../../shared/limits/ledger-types';
import { useNow } from '../stores/clock';
import { useTokens } from '../stores/tokens';
import { formatRemaining, formatTime } from './Countdown';
import { ConfirmDialog } from './ConfirmDialog';
import { Meter } from './Meter';

// The parts of the limit guard's warning (GuardWarning.tsx): rates, evictions, when, and the confirm.

const RULE_WORDS: Record<RuleUsage['key']['rule'], string> = {
  grant: 'grant codes for this client',
  refresh: 'refresh tokens for this user and client',
  access: 'access tokens for this refresh token',
};

export function RateRow({ rate }: { rate: RuleUsage }) {
  const label = `${rate.used} of ${rate.allowed} ${RULE_WORDS[rate.key.rule]} in the last ${rate.windowMs / 60_000} minutes`;
  return (
    <li className="guard-rate">
      <Meter label={label} used={rate.used} allowed={rate.allowed} />
    </li>
  );
}

export function EvictionList({ evictions }: { evictions: readonly Eviction[] }) {
  const rows = useTokens((s) => s.rows);
  const name = (id: string) => {
    const row = rows.find((r) => r.id === id);
    if (row === undefined) return { fp: id, envs: '' };
    return {
      fp: row.fingerprint,
      envs: row.environments.length > 0 ? `, used by ${row.environments.join(', ')}` : '',
    };
  };
  return (
    <ul className="guard-evictions" aria-label="Tokens that would be deleted">
      {evictions.map((e) => {
        const id = e.kind === 'access-token' ? e.accessTokenId : e.refreshTokenId;
        const { fp, envs } = name(id);
        const children = e.kind === 'refresh-token' ? e.accessTokenIds.length : 0;
        return (
          <li key={id}>
            <span className="badge badge-evicted">evicted</span>{' '}
            {e.kind === 'access-token' ? 'Access token' : 'Refresh token'} <code>{fp}</code>
            {envs}
            {e.kind === 'refresh-token' && ` and its ${children} access token${children === 1 ? '' : 's'}`}
          </li>
        );
      })}
    </ul>
  );
}

export function AllowedAt({ at }: { at: number }) {
  const now = useNow();
  const left = at - now;
  return (
    <p className="guard-when">
      {left > 0 ? (
        <>
          Safe again at <strong>{formatTime(at)}</strong>, in{' '}
          <span
            className="mono guard-countdown"
            role="timer"
            aria-label={`Safe again in ${formatRemaining(left)}`}
          >
            {formatRemaining(left)}
          </span>
        </>
      ) : (
        <>A slot is free again since {formatTime(at)}: try the action again.</>
      )}
    </p>
  );
}

export function ConfirmForce({
  answer,
  onCancel,
  onConfirm,
}: {
  answer: ProposalAnswer;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const consequence =
    answer.verdict === 'rate-exceeded'
      ? 'Zoho will most likely answer Access Denied, and it blocks new tokens of this kind until the window frees a slot.'
      : 'The tokens listed will stop working at once, and anything using them will get 401 INVALID_TOKEN.';
  return (
    <ConfirmDialog
      title="Run it anyway?"
      keepLabel="Keep waiting"
      confirmLabel="Yes, run it anyway"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>{consequence}</p>
      <p className="muted">
        The limit guard exists to keep you out of Zoho&apos;s lock-out. Forcing it is for testing how Zoho
        reacts.
      </p>
    </ConfirmDialog>
  );
}
