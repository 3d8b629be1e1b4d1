import { useEffect, useId } from 'react';
import type { LimitProfile } from '../../../../shared/limits/profile';
import { profileDisagreement } from '../../../../shared/words/limits';
import { ZohoError } from '../../components/ZohoError';
import { chooseProfile, loadProfiles, useProfiles } from './limits-store';

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

/** The limit profile in force, where its numbers come from, and a switch: Zoho's own pages disagree. */
export function ProfileCard({ active }: { active: LimitProfile }) {
  const profiles = useProfiles((s) => s.profiles);
  const busy = useProfiles((s) => s.busy);
  const error = useProfiles((s) => s.error);
  const selectId = useId();
  useEffect(() => {
    void loadProfiles();
  }, []);
  const options = profiles.length > 0 ? profiles : [active];
  return (
    <section className="card limits-profile" aria-labelledby="limits-profile-title">
      <header className="card-header">
        <h3 id="limits-profile-title" className="limits-card-title">
          Limit profile
        </h3>
        <span className="spacer" />
        <label htmlFor={selectId} className="subtle">
          Profile in force
        </label>
        <select
          id={selectId}
          className="input limits-profile-select"
          value={active.id}
          disabled={busy}
          aria-describedby={`${selectId}-source`}
          onChange={(e) => void chooseProfile(e.target.value)}
        >
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </header>
      <div className="card-body stack">
        <p id={`${selectId}-source`}>
          <span className="subtle">Source:</span> {active.source}
        </p>
        <dl className="limits-numbers" aria-label="Numbers in force">
          <div>
            <dt>Grant codes</dt>
            <dd>
              {active.grant.perWindow} per {minutes(active.grant.windowMs)}, per client
            </dd>
          </div>
          <div>
            <dt>Refresh tokens</dt>
            <dd>
              {active.refresh.perWindow} per {minutes(active.refresh.windowMs)}, {active.refresh.maxAlive}{' '}
              live, per user
            </dd>
          </div>
          <div>
            <dt>Access tokens</dt>
            <dd>
              {active.access.perWindow} per {minutes(active.access.windowMs)}, {active.access.maxAlive} live,
              per refresh token
            </dd>
          </div>
        </dl>
        <p className="subtle limits-disagree">{profileDisagreement(options, active)}</p>
        {error !== null && <ZohoError error={error} />}
      </div>
    </section>
  );
}
