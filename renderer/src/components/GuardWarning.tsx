import { useState } from 'react';
import { guardRefusalOf } from '../../../shared/ipc/views';
import { capMeaning, guardExplanation, guardHeadline, rateMeaning } from '../../../shared/words/limits';
import type { UiError } from '../api';
import { Button } from './Button';
import { AllowedAt, ConfirmForce, EvictionList, RateRow } from './GuardDetails';
import './error-displays.css';

interface GuardWarningProps {
  readonly error: UiError;
  /** Runs the same action again with `force: true`; asked only after a confirmation. */
  readonly onForce: () => void;
}

/**
 * The limit guard's refusal (Kaizen #43), before Zoho's own: what would happen (rates used against
 * allowed, the tokens an eviction would delete and who uses them), when it becomes safe (a live
 * countdown), and a deliberate "Run anyway" behind a confirmation. Built from the refusal's data
 * (the ledger's answer, the tokens it names, the profile's numbers) by shared/words/limits.ts.
 */
export function GuardWarning({ error, onForce }: GuardWarningProps) {
  const refusal = guardRefusalOf(error);
  const [confirming, setConfirming] = useState(false);
  const answer = refusal?.answer;
  const rates = answer?.verdict === 'rate-exceeded' ? answer.rates.filter((r) => r.allowedAt !== null) : [];
  const evictions = answer !== undefined && 'evictions' in answer ? answer.evictions : [];
  // Refresh tokens a server holds in its token store (shared/words/stores.ts).
  const held = refusal?.held ?? [];
  const canForce = answer?.verdict !== 'refresh-token-not-live';
  const meaning =
    refusal === null
      ? error.message
      : rates.length > 0
        ? rateMeaning(rates)
        : evictions.length > 0 || held.length > 0
          ? capMeaning(refusal, evictions)
          : guardExplanation(refusal);
  return (
    <div className="guard-warning" role="alert">
      <div className="guard-head">
        <span className="guard-icon" aria-hidden="true">
          ⚠
        </span>
        <span className="guard-title">
          {answer === undefined ? 'Stopped by the limit guard' : guardHeadline(answer)}
        </span>
        <code className="zoho-error-code">limit_guard</code>
      </div>
      <p className="guard-message">{meaning}</p>
      {rates.length > 0 && (
        <ul className="guard-rates" aria-label="Limits in the rolling window">
          {rates.map((rate) => (
            <RateRow key={JSON.stringify(rate.key)} rate={rate} />
          ))}
        </ul>
      )}
      {refusal !== null && (evictions.length > 0 || held.length > 0) && (
        <EvictionList refusal={refusal} evictions={evictions} />
      )}
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
