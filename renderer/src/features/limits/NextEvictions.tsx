import type { ClientLimits, TokenRow } from '../../../../shared/ipc/views';
import { Badge } from '../../components/Badge';

interface Eviction {
  readonly key: string;
  /** "Next refresh of …a1b2", "Next consent of ann@acme.test". */
  readonly action: string;
  /** What it deletes, or null when the cap still has room. */
  readonly victim: TokenRow | null;
  readonly detail: string;
}

/** What the next refresh (per refresh token) and the next consent (per user) would delete, and who loses it. */
export function NextEvictions({ limits, rows }: { limits: ClientLimits; rows: readonly TokenRow[] }) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const userName = (userId: string) =>
    rows.find((r) => r.userId === userId && r.userLabel !== null)?.userLabel ??
    (userId === 'unknown' ? 'an unknown user' : userId);
  const items: Eviction[] = [
    ...limits.refreshTokens.map((rt): Eviction => {
      const victim =
        rt.live.wouldEvictOnNext && rt.live.oldestLiveId !== null
          ? (byId.get(rt.live.oldestLiveId) ?? null)
          : null;
      return {
        key: rt.refreshTokenId,
        action: `Next refresh of ${byId.get(rt.refreshTokenId)?.fingerprint ?? 'a refresh token'}`,
        victim,
        detail: [
          victim === null
            ? `${rt.live.live} of ${rt.live.maxAlive} access tokens live`
            : 'the oldest live access token',
          ...(rt.access.blockedUntil === null ? [] : ['and Zoho blocks it after Access Denied']),
        ].join(' '),
      };
    }),
    ...limits.users.map((u): Eviction => {
      const victim =
        u.live.wouldEvictOnNext && u.live.oldestLiveId !== null
          ? (byId.get(u.live.oldestLiveId) ?? null)
          : null;
      return {
        key: `user:${u.userId}`,
        action: `Next consent of ${userName(u.userId)}`,
        victim,
        detail:
          victim === null
            ? `${u.live.live} of ${u.live.maxAlive} refresh tokens live`
            : 'the oldest refresh token and its access tokens',
      };
    }),
  ].sort((a, b) => Number(b.victim !== null) - Number(a.victim !== null));

  return (
    <section className="card" aria-labelledby="next-evictions-title">
      <header className="card-header">
        <h3 id="next-evictions-title" className="limits-card-title">
          Next evictions
        </h3>
        <span className="subtle">what the next creation deletes under each cap</span>
      </header>
      {items.length === 0 ? (
        <p className="card-body subtle">No live tokens: nothing can be evicted.</p>
      ) : (
        <ul className="evictions">
          {items.map((item) => (
            <li key={item.key} className={item.victim === null ? 'eviction-none' : 'eviction-due'}>
              <span className="eviction-action">{item.action}</span>
              {item.victim === null ? (
                <span className="subtle">evicts nothing ({item.detail})</span>
              ) : (
                <span>
                  <Badge tone="evicted">evicts</Badge>{' '}
                  {item.victim.kind === 'access' ? 'access token' : 'refresh token'}{' '}
                  <code>{item.victim.fingerprint}</code> <span className="subtle">({item.detail})</span>
                  {item.victim.environments.length > 0 ? (
                    <span className="eviction-envs">, used by {item.victim.environments.join(', ')}</span>
                  ) : (
                    <span className="subtle">, used by no environment</span>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
