import { statusAt, type LaneEntry } from './timeline-model';

export interface TimelineSummary {
  readonly refreshTokens: number;
  readonly liveRefreshTokens: number;
  readonly liveAccessTokens: number;
  /** The fingerprint of the token the next refresh or consent evicts, if any is due. */
  readonly nextEviction: string | null;
}

/** The facts the canvas's accessible name and the panel header state, about the lanes in view, at `now`. */
export function summarize(lanes: readonly LaneEntry[], now: number): TimelineSummary {
  let refreshTokens = 0;
  let liveRefreshTokens = 0;
  let liveAccessTokens = 0;
  let nextEviction: string | null = null;
  for (const entry of lanes) {
    if (entry.lane.kind === 'refresh') {
      refreshTokens += 1;
      if (entry.lane.status === 'active') liveRefreshTokens += 1;
      if (entry.lane.nextToEvict && entry.lane.status === 'active') nextEviction ??= entry.lane.fingerprint;
    }
    for (const { bar } of entry.bars) {
      if (statusAt(bar, now) !== 'active') continue;
      liveAccessTokens += 1;
      if (bar.nextToEvict) nextEviction ??= bar.fingerprint;
    }
  }
  return { refreshTokens, liveRefreshTokens, liveAccessTokens, nextEviction };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "12 refresh tokens, 40 live access tokens; next eviction: …a1b2". */
export function summaryText(s: TimelineSummary): string {
  const rts =
    s.liveRefreshTokens === s.refreshTokens
      ? plural(s.refreshTokens, 'refresh token')
      : `${plural(s.refreshTokens, 'refresh token')} (${s.liveRefreshTokens} live)`;
  const next = s.nextEviction === null ? 'no eviction due' : `next eviction: ${s.nextEviction}`;
  return `${rts}, ${plural(s.liveAccessTokens, 'live access token')}; ${next}`;
}
