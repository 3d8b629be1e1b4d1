import type { TokenMeta } from '../../../shared/workspace/model';
import { tokenAccount } from './clients';
import type { WorkbenchContext } from './context';
import type { PreparedIssue } from './issue';
import { isStale, OWNER, settleDone, settleFailed } from './reservations';

/** Long enough for a few keychain reads; another starting process leaves the rows to this one meanwhile. */
const CLAIM_MS = 60_000;

/**
 * Finishes what a process that died after Zoho answered left behind (issue 8, "a crash between the
 * store and the keychain"). Its creations are in the ledger already; its prepared rows name the token
 * ids. A value the keychain holds gets its row now (the crash came after the keychain write: the
 * orphan is adopted). A value it does not hold was never stored, and no row will point at it; Zoho
 * still counts that token, and the ledger does. Runs at every start; claims each row first, so two
 * processes starting together never finish the same one twice.
 */
export async function recoverAnswered(ctx: WorkbenchContext): Promise<number> {
  const wall = Date.now();
  const claimed = ctx.store.transaction(() =>
    ctx.store.reservations
      .active()
      .filter((row) => row.state === 'answered' && isStale(row, wall))
      .map((row) => {
        ctx.store.reservations.claim(row.id, OWNER, wall + CLAIM_MS);
        return row;
      }),
  );
  for (const row of claimed) {
    const prepared = row.prepared as PreparedIssue | null;
    const kept: TokenMeta[] = [];
    const lost: string[] = [];
    for (const meta of prepared?.rows ?? []) {
      const value = await ctx.vault.get(tokenAccount(meta));
      // A keychain that does not answer now may hold it: leave the row for the next start.
      if (!value.ok) return claimed.length;
      if (value.value === null) lost.push(meta.id);
      else kept.push(meta);
    }
    if (prepared !== null && lost.length === 0) settleDone(ctx, row.id, kept, prepared.result);
    else {
      for (const meta of kept) ctx.store.tokens.upsert(meta);
      settleFailed(ctx, row.id, {
        ok: false,
        code: 'value_not_stored',
        message:
          'Tokenbench stopped after Zoho issued these tokens and before the keychain stored them; Zoho still counts them toward its limits.',
        lost,
      });
    }
    const clientRef = prepared?.rows[0]?.clientRef ?? null;
    ctx.emit('tokens:changed', { clientRef });
  }
  return claimed.length;
}
