import type { StoreEviction } from '../stores/held';
import { ordinal } from './time';

/**
 * Token stores in words: the refresh tokens a server holds (its Zoho SDK DBStore) that one more
 * refresh token would make Zoho delete (Kaizen #43: the 21st deletes the oldest), for the guard's
 * message and its warning card.
 */

/** "token store "CRM prod" (row 7)" for the victim and every other row holding the same token. */
function whereHeld(e: StoreEviction, quote: boolean): string {
  const name = (n: string) => (quote ? `"${n}"` : n);
  return [e.victim, ...e.alsoHeldBy]
    .map((h) => `token store ${name(h.storeName)} (row ${h.rowId})`)
    .join(' and ');
}

const whoOf = (e: StoreEviction): string => e.userLabel ?? e.victim.storeUser ?? `user ${e.userId}`;

/** One sentence per store-held token Zoho would delete: which, where, whose, and why. */
export function heldSentences(held: readonly StoreEviction[]): string {
  return held
    .map((e) => {
      const who = whoOf(e);
      const when = e.ifThisUser ? `If ${who} is the one who signs in, Zoho` : 'Zoho';
      const counted =
        e.elsewhere > 0
          ? `${who} has ${String(e.live)} live refresh tokens, ${String(e.elsewhere)} of them minted elsewhere and held by token stores, whose age Tokenbench cannot know, so it takes them for the oldest`
          : `${who} has ${String(e.live)} live refresh tokens and this is the oldest`;
      return `${when} would silently delete refresh token ${e.victim.fingerprint}, held by ${whereHeld(e, true)}: the server using it would fail at its next refresh (${counted}; the ${ordinal(e.maxAlive + 1)} deletes the oldest).`;
    })
    .join(' ');
}

/** One store-held token on the warning card, after its "Refresh token" and fingerprint. */
export function heldItemRest(e: StoreEviction): string {
  const ifUser = e.ifThisUser ? `, if ${whoOf(e)} signs in` : '';
  const age = e.elsewhere > 0 ? ' (minted elsewhere: its age is unknown, so it is taken for the oldest)' : '';
  return `, held by ${whereHeld(e, false)}${ifUser}${age}`;
}
