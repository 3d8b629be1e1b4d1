import type { DataCenter } from '../../../../shared/dc/catalog';
import type { AutoRefreshStatus, LineageView } from '../../../../shared/ipc/env-status';
import { formatRemaining, formatTime } from '../../components/Countdown';

/**
 * Sentences about an environment's tokens and its auto-refresh, made from the data the main process
 * answers (environments:status). Pure: no store, no DOM, so every screen says it the same way.
 */

const dcName = (dcs: readonly DataCenter[], id: string | null) =>
  dcs.find((d) => d.id === id)?.name ?? id ?? 'no DC';

/** "Ada Lovelace (refresh token …a1b2), from Sandbox US" */
export function lineageWords(lineage: LineageView, dcs: readonly DataCenter[]): string {
  const who =
    lineage.userLabel ?? (lineage.userId === 'unknown' ? 'an unknown user' : `user ${lineage.userId}`);
  const refresh =
    lineage.refreshFingerprint === null
      ? 'access token only, no refresh token'
      : `refresh token ${lineage.refreshFingerprint}`;
  return `${who} (${refresh}), issued by ${dcName(dcs, lineage.dcId)}`;
}

export interface StatusWords {
  /** One short line: the state. */
  readonly headline: string;
  /** Why, and what to do, when there is something to say. */
  readonly detail: string | null;
  readonly tone: 'ok' | 'info' | 'warn' | 'danger';
}

const at = (ms: number, now: number) => `${formatTime(ms)} (in ${formatRemaining(ms - now)})`;
const tries = (n: number) => (n === 1 ? 'once' : `${String(n)} times`);

/** What auto-refresh will do next, and why it waits or stopped. */
export function autoRefreshWords(status: AutoRefreshStatus, now: number): StatusWords {
  switch (status.state) {
    case 'off':
      return { headline: 'Off', detail: 'Turn it on to refresh shortly before expiry.', tone: 'info' };
    case 'idle':
      return idleWords(status.reason);
    case 'scheduled':
      return status.at <= now
        ? { headline: 'Refreshing now…', detail: null, tone: 'ok' }
        : {
            headline: `Next refresh at ${at(status.at, now)}`,
            detail: `${Math.round(status.leadMs / 1000)} s before the access token expires; never into Access Denied.`,
            tone: 'ok',
          };
    case 'waiting':
      return waitWords(status.wait, now);
    case 'stopped':
      return {
        headline: `Stopped at ${formatTime(status.since)}`,
        detail: `${status.error.message} Retrying would not help; once fixed, turn auto-refresh off and on.`,
        tone: 'danger',
      };
  }
}

function idleWords(reason: Extract<AutoRefreshStatus, { state: 'idle' }>['reason']): StatusWords {
  const detail = {
    no_tokens: 'Nothing to refresh yet: run a consent into this environment.',
    unknown_tokens:
      'Its tokens were imported or typed in, so Tokenbench does not know their refresh token. Run a consent into this environment.',
    no_refresh_token:
      'Its access token came without a refresh token (online access, or client credentials, which never give one). Run an offline consent to keep it fresh, or ask for client credentials again after the hour.',
  }[reason];
  return { headline: 'Nothing to refresh', detail, tone: 'info' };
}

function waitWords(wait: Extract<AutoRefreshStatus, { state: 'waiting' }>['wait'], now: number): StatusWords {
  const until = `Waiting until ${at(wait.until, now)}`;
  switch (wait.kind) {
    case 'rate':
      return {
        headline: until,
        detail:
          'One more access token now would exceed the refresh token’s rate (10 per 10 minutes) and earn Access Denied; the limit guard waits for a free slot.',
        tone: 'warn',
      };
    case 'blocked':
      return {
        headline: until,
        detail:
          'Zoho answered Access Denied; asking again before the window frees a slot would only be refused.',
        tone: 'warn',
      };
    case 'cap':
      return {
        headline: until,
        detail:
          'One more access token now would silently evict a live one (the 16th evicts the oldest); it waits until the oldest expires.',
        tone: 'warn',
      };
    case 'keychain':
      return {
        headline: until,
        detail: `The keychain is locked or unavailable (tried ${tries(wait.failures)}). Unlock it; it tries again then.`,
        tone: 'warn',
      };
    case 'network':
      return {
        headline: until,
        detail: `The accounts server could not be reached (${wait.code}, tried ${tries(wait.failures)}); it tries again then.`,
        tone: 'warn',
      };
    case 'busy':
      return { headline: 'Another Tokenbench window is refreshing it now', detail: null, tone: 'info' };
  }
}
