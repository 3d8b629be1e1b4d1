import { useState } from 'react';
import type { TokenOutcome } from '../../../../shared/ipc/views';
import { Button } from '../../components/Button';
import { toastError } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';
import { placeTokens } from './env-actions';
import { lineageWords } from './env-words';

/**
 * Environments that follow the client but hold another lineage were left alone, since writing there
 * would mix two users' (or two refresh tokens') tokens. Each gets the question: put these tokens in,
 * replacing what it holds, or leave it as it is (by doing nothing).
 */
export function PlacementQuestions({ outcome }: { outcome: TokenOutcome }) {
  const environments = useWorkspace((s) => s.environments);
  const dcs = useWorkspace((s) => s.dcs);
  const [placed, setPlaced] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const asked = outcome.placement.asked.filter((q) => !placed.includes(q.environmentId));
  if (asked.length === 0) return null;
  const put = async (environmentId: string) => {
    setBusy(environmentId);
    const error = await placeTokens(environmentId, outcome.accessToken.id);
    setBusy(null);
    if (error === null) setPlaced((p) => [...p, environmentId]);
    else toastError(error);
  };
  return (
    <div className="placement-questions" role="group" aria-label="Where should these tokens go?">
      {asked.map((question) => {
        const name = environments.find((e) => e.id === question.environmentId)?.name ?? 'an environment';
        const holds =
          question.holds === null
            ? 'tokens that were imported or typed in'
            : `the tokens of ${lineageWords(question.holds, dcs)}`;
        return (
          <div key={question.environmentId} className="callout callout-info placement-question">
            <div className="stack" style={{ gap: 'var(--space-1)', flex: 1 }}>
              <div className="title">Not put into “{name}”</div>
              <div className="muted">
                It holds {holds}. Writing this access token there would mix two lineages in one environment,
                so it was left as it is. Put these tokens there instead, replacing what it holds?
              </div>
              <div className="row" style={{ marginTop: 'var(--space-2)' }}>
                <Button
                  size="small"
                  busy={busy === question.environmentId}
                  onClick={() => void put(question.environmentId)}
                >
                  Put them into “{name}”
                </Button>
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
