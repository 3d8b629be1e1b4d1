import { useId, useMemo, useState } from 'react';
import type { ClientRecord } from '../../../../shared/workspace/model';
import { Button } from '../../components/Button';
import { useTokens } from '../../stores/tokens';
import { dcById, selectedEnvironment, useWorkspace } from '../../stores/workspace';
import { getClientCredentialsToken, useClientCredentials } from './client-credentials-store';
import { useConsentDraft } from './draft-store';
import { FailureView } from './FailureView';
import { OutcomeCard } from './OutcomeCard';
import { ScopePicker } from './ScopePicker';

/**
 * Zoho's client credentials for a self client ("Self Client - Client credentials flow"): scopes,
 * the organization (`soid`) where the product has several, and one access token for an hour, with
 * no user's consent and no refresh token. The secret stays in the keychain.
 */
export function ClientCredentialsCard({ client }: { client: ClientRecord }) {
  const id = useId();
  const scopes = useConsentDraft((s) => s.scopes);
  const env = useWorkspace(selectedEnvironment);
  const dcName = useWorkspace((s) => dcById(s, client.dcId)?.name ?? client.dcId);
  const { busy, outcome, error } = useClientCredentials();
  const rows = useTokens((s) => s.rows);
  const knownSoids = useMemo(() => soidsOf(rows, client.id), [rows, client.id]);
  const [soid, setSoid] = useState('');
  const submit = (force = false) => {
    if (scopes.length === 0 || busy) return;
    void getClientCredentialsToken({
      clientRef: client.id,
      scopes: [...scopes],
      soid: soid.trim() === '' ? null : soid.trim(),
      force,
      ...(env?.clientRef === client.id ? { environmentId: env.id } : {}),
    });
  };
  return (
    <section className="card client-credentials-card" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`} className="card-title">
          Client credentials
        </h2>
        <span className="badge">no user, no refresh token</span>
      </header>
      <form
        className="card-body stack"
        aria-label="Client credentials"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="subtle">
          The self client&apos;s id and secret buy one access token for an hour, acting in an organization.
          Each one counts as one of the client&apos;s 10 grants per 10 minutes.
        </p>
        <ScopePicker />
        <div className="field">
          <label htmlFor={`${id}-soid`}>Organization (soid)</label>
          <input
            id={`${id}-soid`}
            className="input mono"
            value={soid}
            list={`${id}-soids`}
            autoComplete="off"
            spellCheck={false}
            placeholder="ZohoCRM.600123434"
            aria-describedby={`${id}-soid-hint`}
            onChange={(e) => {
              setSoid(e.target.value);
            }}
          />
          <datalist id={`${id}-soids`}>
            {knownSoids.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <span id={`${id}-soid-hint`} className="hint">
            {'{service}.{zsoid}'}. Needed where the product has several organizations (Zoho answers
            missing_org_info without it); leave empty otherwise.
          </span>
        </div>
        <div className="row">
          <Button type="submit" variant="primary" busy={busy} disabled={scopes.length === 0}>
            Get token
          </Button>
          <span className="subtle">Asked at {dcName}, where the self client is registered.</span>
        </div>
        {outcome !== null && <OutcomeCard outcome={outcome} />}
        {error !== null && (
          <FailureView
            error={error}
            onForce={() => {
              submit(true);
            }}
          />
        )}
      </form>
    </section>
  );
}

/** The organizations this client's client-credentials tokens were issued in, newest first, once each. */
function soidsOf(rows: readonly { clientRef: string; grant?: { soid: string | null } }[], clientRef: string) {
  const seen: string[] = [];
  for (const row of rows) {
    const soid = row.clientRef === clientRef ? row.grant?.soid : null;
    if (soid != null && !seen.includes(soid)) seen.push(soid);
  }
  return seen;
}
