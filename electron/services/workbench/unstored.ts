import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { WorkbenchContext } from './context';
import { storeUnstored, type IssueResult, type UnstoredIssue } from './issue';
import { settleFailed } from './reservations';

/**
 * Tokens Zoho issued whose values the keychain refused (issue 8, "a keychain refusal after Zoho
 * answered"). They are not lost: this process keeps them in memory until the keychain takes them
 * (`store`, after the user unlocked it) or the user gives them up (`discard`). Their creations are in
 * the ledger either way, because Zoho counts them; until stored no token row names them.
 */
export class UnstoredTokens {
  private readonly held = new Map<string, UnstoredIssue>();

  constructor(private readonly ctx: WorkbenchContext) {}

  readonly hold = (unstored: UnstoredIssue): void => {
    this.held.set(unstored.reservationId, unstored);
  };

  /** Reservation ids of what is held, oldest first. */
  ids(): string[] {
    return [...this.held.keys()];
  }

  async store(reservationId: string): Promise<IssueResult | Failure<'nothing_held'>> {
    const unstored = this.held.get(reservationId);
    if (unstored === undefined) return nothingHeld(reservationId);
    const result = await storeUnstored(this.ctx, unstored);
    if (result.ok) this.held.delete(reservationId);
    return result;
  }

  discard(reservationId: string): Ok<null> | Failure<'nothing_held'> {
    const unstored = this.held.get(reservationId);
    if (unstored === undefined) return nothingHeld(reservationId);
    this.held.delete(reservationId);
    settleFailed(this.ctx, reservationId, {
      ok: false,
      code: 'tokens_discarded',
      message:
        'The tokens Zoho issued were discarded before the keychain stored them; Zoho still counts them toward its limits.',
    });
    this.ctx.emit('tokens:changed', { clientRef: unstored.issued.client.id });
    return ok(null);
  }
}

const nothingHeld = (id: string): Failure<'nothing_held'> =>
  fail('nothing_held', `No unstored tokens "${id}" are held: they were stored or discarded already.`);
