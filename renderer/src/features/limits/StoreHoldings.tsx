import { useEffect } from 'react';
import type { UserLimits } from '../../../../shared/ipc/views';
import { Callout } from '../../components/Callout';
import { loadHeld, useStores } from '../stores/stores-store';

/**
 * What the limit guard counts from token stores (a server's Zoho SDK DBStore): Zoho keeps 20 live
 * refresh tokens per user and client whoever minted them (Kaizen #43), so a store's tokens that
 * Tokenbench did not mint are added to their user's count. Shown only when the workspace has stores.
 */
export function StoreHoldings({ clientRef, users }: { clientRef: string; users: readonly UserLimits[] }) {
  const held = useStores((s) => s.held);
  useEffect(() => {
    void loadHeld(clientRef);
  }, [clientRef, users]);
  if (held?.clientRef !== clientRef || held.storeCount === 0) return null;
  return (
    <section className="card limits-stores" aria-labelledby="limits-stores-title">
      <header className="card-header">
        <h3 id="limits-stores-title" className="limits-card-title">
          Token stores
        </h3>
        <span className="subtle">what the guard counts besides the ledger</span>
      </header>
      <div className="card-body stack">
        <p>
          Counted per user: the live refresh tokens Tokenbench minted, plus those a token store holds that
          Tokenbench did not mint (a server did; Zoho counts them toward the same{' '}
          {users[0]?.live.maxAlive ?? 20}). Their age is unknown, so the guard takes them for the oldest: the
          first a new refresh token would delete. Only users Tokenbench has seen are counted.
        </p>
        {held.users.length === 0 ? (
          <p className="subtle">No store holds a refresh token of this client&apos;s users.</p>
        ) : (
          <ul aria-label="Refresh tokens held in token stores">
            {held.users.map((u) => {
              const live = users.find((l) => l.userId === u.userId)?.live;
              const counted = (live?.live ?? 0) + u.elsewhere;
              return (
                <li key={u.userId}>
                  <strong>{u.userLabel ?? u.userId}</strong>: {counted} of {live?.maxAlive ?? 20} live counted
                  — {u.elsewhere} minted elsewhere, {u.minted} of Tokenbench&apos;s held by a store (
                  {u.storeNames.join(', ')})
                </li>
              );
            })}
          </ul>
        )}
        {held.unread.map((s) => (
          <Callout
            key={s.storeId}
            tone="warn"
            title={`${s.storeName} could not be read: its tokens are not counted now`}
          >
            {s.message}
          </Callout>
        ))}
      </div>
    </section>
  );
}
