import { LimitLedger, type LedgerEvent } from '../../../shared/limits/ledger';
import { KAIZEN_43, limitProfileById, type LimitProfile } from '../../../shared/limits/profile';
import type { WorkspaceStore } from '../store';

/**
 * The limit ledger of the open workspace, kept in step with its durable copy in the store: an event
 * is written to SQLite first, then applied in memory, so what the guard knows survives a restart.
 * The app and the CLI may share a workspace, so before answering it catches up with events another
 * process appended.
 */
export class LedgerBook {
  private current: LimitLedger;
  private seenSeq = 0;

  constructor(private readonly store: WorkspaceStore) {
    this.current = this.rebuild(this.activeProfile());
  }

  /** The ledger, up to date with the store. */
  get ledger(): LimitLedger {
    this.sync();
    return this.current;
  }

  get profile(): LimitProfile {
    return this.current.profile;
  }

  /**
   * Appends, then catches up in order, so events other processes appended meanwhile are applied
   * too. Inside a store transaction the event is visible to this connection at once.
   */
  record(event: LedgerEvent): void {
    this.store.ledger.append(event);
    this.sync();
  }

  /** Switches the limit profile (Zoho's pages disagree) and recomputes everything under it. */
  useProfile(profile: LimitProfile): void {
    this.store.settings.set('limitProfileId', profile.id);
    this.current = this.rebuild(profile);
  }

  private sync(): void {
    for (const { seq, event } of this.store.ledger.after(this.seenSeq)) {
      this.apply(event);
      this.seenSeq = seq;
    }
  }

  private apply(event: LedgerEvent): void {
    const applied = this.current.append(event);
    // The store accepted it, so a refusal here is a bug in whoever built the event.
    if (!applied.ok) throw new Error(`ledger refused ${event.type}: ${applied.message}`);
  }

  private activeProfile(): LimitProfile {
    const id = this.store.settings.get('limitProfileId');
    return (id === undefined ? undefined : limitProfileById(id)) ?? KAIZEN_43;
  }

  private rebuild(profile: LimitProfile): LimitLedger {
    this.current = new LimitLedger(profile);
    this.seenSeq = 0;
    this.sync();
    return this.current;
  }
}
