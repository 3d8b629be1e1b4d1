import { useState } from 'react';
import type { GuardRefusal } from '../../../shared/ipc/views';
import type { Eviction, ProposalAnswer, RuleUsage } from '../../../shared/limits/ledger-types';
import type { UiError } from '../api';
import { useNow } from '../stores/clock';
import { useTokens } from '../stores/tokens';
import { Button } from './Button';
import { formatRemaining, formatTime } from './Countdown';
import { Dialog } from './Dialog';
import './error-displays.css';

const RULE_WORDS: Record<RuleUsage['key']['rule'], string> = {
  grant: 'grant codes for this client',
  refresh: 'refresh tokens for this user and client',
  access: 'access tokens for this refresh token',
};

function refusalOf(error: UiError): GuardRefusal | null {
  const detail = error.detail as Partial<GuardRefusal> | undefined;
  return detail?.answer === undefined ? null : { answer: detail.answer, allowedAt: detail.allowedAt ?? null };
}

function headline(answer: ProposalAnswer): string {
  switch (answer.verdict) {
    case 'rate-exceeded':
      return 'Zoho would answer Access Denied';
    case 'allowed-with-evictions':
      return 'Zoho would silently delete a token';
    case 'refresh-token-not-live':
      return `That refresh token is ${answer.status}`;
    case 'allowed':
      return 'Allowed now';
  }
}

/** For a rate: the rows below say which rule and how full; this says what the numbers mean. */
const RATE_WORDS =
  'Zoho allows only so many tokens of a kind in a rolling 10-minute window. One more now and it answers Access Denied, then refuses new ones until the window frees a slot.';

/**
 * The guard's message, minus what this card shows better: the headline it starts with, the
 * "allowed again at" sentence (a live countdown below) and the hint for API callers (the button).
 */
function plain(message: string, title: string): string {
  const body = message
    .replace(/\s*Run it anyway with force\.?$/, '')
    .replace(/\s*Allowed again at [^.]*\(in [^)]*\)\.?/, '')
    .replace(new RegExp(`^${title}:\\s*`), '');
  const text = body.trim() === '' ? message : body.trim();
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}

interface GuardWarningProps {
  readonly error: UiError;
  /** Runs the same action again with `force: true`; asked only after a confirmation. */
  readonly onForce: () => void;
}

/**
 * The limit guard's refusal (Kaizen #43), before Zoho's own: what would happen (rates used against
 * allowed, the tokens an eviction would delete and who uses them), when it becomes safe (a live
 * countdown), and a deliberate "Run anyway" behind a confirmation.
 */
export function GuardWarning({ error, onForce }: GuardWarningProps) {
  const refusal = refusalOf(error);
  const [confirming, setConfirming] = useState(false);
  const answer = refusal?.answer;
  const rates = answer?.verdict === 'rate-exceeded' ? answer.rates.filter((r) => r.allowedAt !== null) : [];
  const evictions = answer !== undefined && 'evictions' in answer ? answer.evictions : [];
  const canForce = answer?.verdict !== 'refresh-token-not-live';
  const title = answer === undefined ? 'Stopped by the limit guard' : headline(answer);
  return (
    <div className="guard-warning" role="alert">
      <div className="guard-head">
        <span className="guard-icon" aria-hidden="true">
          ⚠
        </span>
        <span className="guard-title">
          {answer === undefined ? 'Stopped by the limit guard' : headline(answer)}
        </span>
        <code className="zoho-error-code">limit_guard</code>
      </div>
      <p className="guard-message">{rates.length > 0 ? RATE_WORDS : plain(error.message, title)}</p>
      {rates.length > 0 && (
        <ul className="guard-rates" aria-label="Limits in the rolling window">
          {rates.map((rate) => (
            <RateRow key={JSON.stringify(rate.key)} rate={rate} />
          ))}
        </ul>
      )}
      {evictions.length > 0 && <EvictionList evictions={evictions} />}
      {refusal?.allowedAt != null && <AllowedAt at={refusal.allowedAt} />}
      {canForce && (
        <div className="row guard-actions">
          <Button
            variant="danger"
            onClick={() => {
              setConfirming(true);
            }}
            title="Asks for confirmation first"
          >
            Run anyway…
          </Button>
          <span className="subtle">Tokenbench will not stop Zoho from refusing or deleting tokens.</span>
        </div>
      )}
      {confirming && answer !== undefined && (
        <ConfirmForce
          answer={answer}
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            setConfirming(false);
            onForce();
          }}
        />
      )}
    </div>
  );
}

function RateRow({ rate }: { rate: RuleUsage }) {
  const ratio = rate.allowed === 0 ? 1 : Math.min(1, rate.used / rate.allowed);
  const label = `${rate.used} of ${rate.allowed} ${RULE_WORDS[rate.key.rule]} in the last ${rate.windowMs / 60_000} minutes`;
  return (
    <li className="guard-rate">
      <div className="row">
        <span>{label}</span>
        <span className="spacer" />
        <span className="mono guard-rate-count" aria-hidden="true">
          {rate.used}/{rate.allowed}
        </span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={rate.allowed}
        aria-valuenow={rate.used}
        className="meter-track"
      >
        <div className="meter-fill meter-fill-danger" style={{ width: `${String(ratio * 100)}%` }} />
      </div>
    </li>
  );
}

function EvictionList({ evictions }: { evictions: readonly Eviction[] }) {
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

function AllowedAt({ at }: { at: number }) {
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

function ConfirmForce({
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
    <Dialog
      title="Run it anyway?"
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel} autoFocus>
            Keep waiting
          </Button>
          <Button variant="primary" className="btn-force" onClick={onConfirm}>
            Yes, run it anyway
          </Button>
        </>
      }
    >
      <p>{consequence}</p>
      <p className="muted">
        The limit guard exists to keep you out of Zoho&apos;s lock-out. Forcing it is for testing how Zoho
        reacts.
      </p>
    </Dialog>
  );
}
