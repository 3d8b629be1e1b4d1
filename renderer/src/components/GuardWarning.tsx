import { useState } from 'react';
import type { GuardRefusal } from '../../../shared/ipc/views';
import type { Eviction, ProposalAnswer } from '../../../shared/limits/ledger-types';
import type { LimitProfile } from '../../../shared/limits/profile';
import type { UiError } from '../api';
import { useTokens } from '../stores/tokens';
import { Button } from './Button';
import { AllowedAt, ConfirmForce, EvictionList, RateRow } from './GuardDetails';
import './error-displays.css';

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

/** For an eviction: the list below names the tokens; this says what the cap is and what it costs. */
function evictionWords(evictions: readonly Eviction[], profile: LimitProfile | undefined): string {
  const refresh = evictions.some((e) => e.kind === 'refresh-token');
  const cap = refresh
    ? `${String(profile?.refresh.maxAlive ?? 20)} live refresh tokens per user and client`
    : `${String(profile?.access.maxAlive ?? 15)} live access tokens per refresh token`;
  const after = refresh
    ? ' Refresh tokens never expire, so the cap stays full until you revoke one you no longer use.'
    : '';
  return `Zoho keeps at most ${cap}: one more deletes the oldest without a word, and whatever uses it gets 401 INVALID_TOKEN.${after}`;
}

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
  const profile = useTokens((s) => s.limits?.profile);
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
      <p className="guard-message">
        {rates.length > 0
          ? RATE_WORDS
          : evictions.length > 0
            ? evictionWords(evictions, profile)
            : plain(error.message, title)}
      </p>
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
