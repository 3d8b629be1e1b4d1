import type { AutoRefreshStatus, EnvironmentStatus, LineageView } from '../../shared/ipc/env-status';
import type { TokenOutcome } from '../../shared/ipc/views';
import type { EnvironmentRecord } from '../../shared/workspace/model';
import { formatTime, NONE } from './output';

/** The CLI's words for environments:status: short, one cell or one line each. */

/** The AUTO-REFRESH cell of `env list`: off, or what the app's scheduler plans or decided. */
export function autoRefreshCell(status: AutoRefreshStatus): string {
  switch (status.state) {
    case 'off':
      return 'off';
    case 'idle':
      return `on, nothing to refresh (${status.reason.replaceAll('_', ' ')})`;
    case 'scheduled':
      return `on, next ${formatTime(status.at)}`;
    case 'waiting':
      return `on, waiting (${status.wait.kind}) until ${formatTime(status.wait.until)}`;
    case 'stopped':
      return `on, stopped (${status.error.code}) since ${formatTime(status.since)}`;
  }
}

/** The TOKENS cell: whose, which refresh token, which DC. */
export function tokensCell(status: EnvironmentStatus | undefined): string {
  if (status === undefined || !status.holdsTokens) return NONE;
  if (status.lineage === null) return 'set by hand';
  return lineageWords(status.lineage);
}

export function lineageWords(lineage: LineageView): string {
  const who = lineage.userLabel ?? (lineage.userId === 'unknown' ? 'unknown user' : `user ${lineage.userId}`);
  const refresh = lineage.refreshFingerprint ?? 'no refresh token';
  return `${who}, ${refresh}, ${lineage.dcId}`;
}

/**
 * The lines about where an issued set went: the environments it filled, and those left alone
 * because they hold another lineage, with the command that puts it there.
 */
export function placementLines(
  outcome: TokenOutcome,
  environments: readonly EnvironmentRecord[],
): [string, string][] {
  const name = (id: string) => environments.find((e) => e.id === id)?.name ?? id;
  const lines: [string, string][] = [];
  for (const id of outcome.placement.written)
    lines.push(['environment', `"${name(id)}" (variables updated)`]);
  for (const asked of outcome.placement.asked) {
    const holds = asked.holds === null ? 'tokens set by hand' : lineageWords(asked.holds);
    lines.push([
      'not placed',
      `"${name(asked.environmentId)}" holds ${holds}; to replace them: tokenbench env place --env "${name(asked.environmentId)}" --access-token ${outcome.accessToken.id}`,
    ]);
  }
  return lines;
}
