import type { GuardRefusal } from '../ipc/views';
import type { Eviction, ProposalAnswer, RuleName, RuleUsage } from '../limits/ledger-types';
import type { LimitProfile } from '../limits/profile';
import { heldSentences } from './stores';
import { clockTime, count, duration, ordinal } from './time';

/**
 * The limit guard's answer in words (Kaizen #43, zoho-oauth.md "Token limits"), made from the
 * refusal's data alone: the ledger's answer, the tokens it names and who holds them, and the numbers
 * of the profile in force. Changing a cap in shared/limits/profile.ts changes every sentence here.
 */

const RULE_WHAT: Readonly<Record<RuleName, string>> = {
  // Device codes and client-credentials tokens take the same slots (sandbox README, their readings).
  grant: 'grant codes for this client (device codes and client-credentials tokens count among them)',
  refresh: 'refresh tokens for this user and client',
  access: 'access tokens for this refresh token',
};

const minutes = (ms: number): string => String(Math.round(ms / 60_000));

/** "15 live access tokens per refresh token". */
export function capWords(kind: 'access' | 'refresh', profile: LimitProfile): string {
  return kind === 'access'
    ? `${String(profile.access.maxAlive)} live access tokens per refresh token`
    : `${String(profile.refresh.maxAlive)} live refresh tokens per user and client`;
}

/** The creation that first evicts: "16th" when 15 may live. */
export const overCap = (kind: 'access' | 'refresh', profile: LimitProfile): string =>
  ordinal(profile[kind].maxAlive + 1);

export function guardHeadline(answer: ProposalAnswer): string {
  switch (answer.verdict) {
    case 'rate-exceeded':
      return 'Zoho would answer Access Denied';
    case 'allowed-with-evictions':
      return 'Zoho would silently delete a token';
    case 'refresh-token-not-live':
      return `That refresh token is ${answer.status}`;
    case 'allowed':
      return 'Allowed now';
  }
}

/** A token the refusal names, as people see it: its fingerprint, never its value. */
export function tokenLabel(refusal: GuardRefusal, id: string): string {
  return refusal.tokens[id]?.fingerprint ?? id;
}

/** The environments holding a token: who gets 401 INVALID_TOKEN once Zoho deletes it. */
export function holdersOf(refusal: GuardRefusal, id: string): readonly string[] {
  return refusal.tokens[id]?.environments ?? [];
}

/** "10 of 10 access tokens for this refresh token in the last 10 minutes", for a meter. */
export function rateLabel(rate: RuleUsage): string {
  return `${String(rate.used)} of ${String(rate.allowed)} ${RULE_WHAT[rate.key.rule]} in the last ${minutes(rate.windowMs)} minutes`;
}

function rateSentence(rate: RuleUsage): string {
  // What `used` holds besides what this workspace saw confirmed (ledger-types.ts, RuleUsage).
  const parts = [
    rate.inferred > 0
      ? `${String(rate.inferred)} made outside this workspace, known from Zoho's Access Denied`
      : '',
    rate.unconfirmed > 0
      ? `${String(rate.unconfirmed)} possibly made by requests whose answer never came back`
      : '',
    rate.pending > 0 ? `${String(rate.pending)} being made right now by another request` : '',
  ].filter((part) => part !== '');
  const among = parts.length > 0 ? ` (${parts.join('; ')})` : '';
  return `${String(rate.used)} of ${String(rate.allowed)} ${RULE_WHAT[rate.key.rule]} were made in the last ${minutes(rate.windowMs)} minutes${among}`;
}

function evictionSentence(refusal: GuardRefusal, eviction: Eviction): string {
  const { profile } = refusal;
  if (eviction.kind === 'access-token') {
    const id = eviction.accessTokenId;
    return `access token ${tokenLabel(refusal, id)}${usedBy(refusal, id)} (the ${overCap('access', profile)} live access token evicts the oldest)`;
  }
  const id = eviction.refreshTokenId;
  const children = count(eviction.accessTokenIds.length, 'live access token');
  return `refresh token ${tokenLabel(refusal, id)}${usedBy(refusal, id)} with its ${children} (the ${overCap('refresh', profile)} refresh token evicts the oldest; refresh tokens never expire, so revoke one you no longer use to make room)`;
}

function usedBy(refusal: GuardRefusal, id: string): string {
  const names = holdersOf(refusal, id);
  return names.length > 0 ? `, used by environment ${names.join(', ')}` : '';
}

/** One or two sentences a support engineer can read aloud; `now` moves the "in 3 min" on. */
export function guardExplanation(refusal: GuardRefusal, now: number = refusal.at): string {
  const { answer } = refusal;
  switch (answer.verdict) {
    case 'allowed':
      return 'Allowed: no limit would be exceeded and no token evicted.';
    case 'refresh-token-not-live':
      return `Refresh token ${tokenLabel(refusal, answer.refreshTokenId)} is ${answer.status}: run a new consent.`;
    case 'rate-exceeded': {
      const rates = answer.rates.filter((r) => r.allowedAt !== null).map(rateSentence);
      return withHeld(
        `Zoho would answer Access Denied: ${rates.join('; ')}. Allowed again at ${clockTime(answer.allowedAt)} (in ${duration(answer.allowedAt - now)}).`,
        refusal,
      );
    }
    case 'allowed-with-evictions': {
      // Token stores may name the only tokens at stake (a server's, which the ledger never saw).
      const ledger =
        answer.evictions.length === 0
          ? ''
          : `Zoho would silently delete ${answer.evictions.map((e) => evictionSentence(refusal, e)).join(' and ')}.`;
      return withHeld(ledger, refusal);
    }
  }
}

/** The ledger's sentence, then the store-held tokens' (shared/words/stores.ts). */
const withHeld = (said: string, refusal: GuardRefusal): string =>
  [said, heldSentences(refusal.held ?? [])].filter((part) => part !== '').join(' ');

/** How each shell offers the override: a `force` argument, or the CLI's flag. */
const FORCE_HINT = {
  api: 'Run it anyway with force.',
  cli: 'Run it again with --force to do it anyway.',
} as const;

export function guardMessage(refusal: GuardRefusal, shell: keyof typeof FORCE_HINT, now?: number): string {
  const hint = refusal.answer.verdict === 'refresh-token-not-live' ? '' : ` ${FORCE_HINT[shell]}`;
  return `${guardExplanation(refusal, now)}${hint}`;
}

/** For the warning card, above its meters: what the numbers mean. */
export function rateMeaning(rates: readonly RuleUsage[]): string {
  const windows = [...new Set(rates.map((r) => minutes(r.windowMs)))].join(' or ');
  return `Zoho allows only so many tokens of a kind in a rolling ${windows}-minute window. One more now and it answers Access Denied, then refuses new ones until the window frees a slot.`;
}

/** For the warning card, above the tokens it lists: what the cap is and what it costs. */
export function capMeaning(refusal: GuardRefusal, evictions: readonly Eviction[]): string {
  const refresh = (refusal.held ?? []).length > 0 || evictions.some((e) => e.kind === 'refresh-token');
  const kind = refresh ? 'refresh' : 'access';
  const { profile } = refusal;
  const after =
    kind === 'refresh'
      ? ' Refresh tokens never expire, so the cap stays full until you revoke one you no longer use.'
      : '';
  return `Zoho keeps at most ${capWords(kind, profile)}: the ${overCap(kind, profile)} deletes the oldest without a word, and whatever uses it gets 401 INVALID_TOKEN.${after}`;
}

/** One token the action would delete, in three parts: "Access token", "…7f53", ", used by Nightly job". */
export function evictionItem(
  refusal: GuardRefusal,
  eviction: Eviction,
): { readonly kind: string; readonly token: string; readonly rest: string } {
  const id = eviction.kind === 'access-token' ? eviction.accessTokenId : eviction.refreshTokenId;
  const names = holdersOf(refusal, id);
  const held = names.length > 0 ? `, used by ${names.join(', ')}` : '';
  const children =
    eviction.kind === 'refresh-token'
      ? ` and its ${count(eviction.accessTokenIds.length, 'access token')}`
      : '';
  return {
    kind: eviction.kind === 'access-token' ? 'Access token' : 'Refresh token',
    token: tokenLabel(refusal, id),
    rest: `${held}${children}`,
  };
}

/** What "Run it anyway" will cost, asked before it runs. */
export function forceConsequence(answer: ProposalAnswer): string {
  return answer.verdict === 'rate-exceeded'
    ? 'Zoho will most likely answer Access Denied, and it blocks new tokens of this kind until the window frees a slot.'
    : 'The tokens listed will stop working at once, and anything using them will get 401 INVALID_TOKEN.';
}

/**
 * Zoho's pages disagree on live access tokens per refresh token (zoho-oauth.md, "Token limits"):
 * each profile's reading with its source, and where the guard draws the line under the one in force.
 */
export function profileDisagreement(profiles: readonly LimitProfile[], active: LimitProfile): string {
  const readings = [...new Map(profiles.map((p) => [p.access.maxAlive, p])).values()].map(
    (p) => `${p.source} says ${String(p.access.maxAlive)}`,
  );
  const disagree =
    readings.length > 1
      ? `Zoho's pages disagree on live access tokens per refresh token: ${readings.join('; ')}. `
      : '';
  return `${disagree}Under “${active.name}” the guard warns before the ${overCap('access', active)} live access token of a refresh token and the ${overCap('refresh', active)} refresh token of a user.`;
}
