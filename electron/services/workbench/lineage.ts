import type { LineageView } from '../../../shared/ipc/env-status';
import { UNKNOWN_USER, type EnvTokenLineage, type EnvironmentRecord } from '../../../shared/workspace/model';
import type { WorkbenchContext } from './context';

/** The variables that hold an environment's tokens. */
export const TOKEN_KEYS = ['access-token', 'refresh-token'] as const;

/** Its `access-token` or `refresh-token` variable holds a value (issued here, imported or typed in). */
export function holdsTokens(env: EnvironmentRecord): boolean {
  return env.variables.some(
    (v) => (TOKEN_KEYS as readonly string[]).includes(v.key) && v.secret && v.fingerprint !== null,
  );
}

/**
 * The lineage the environment's tokens come from, or null when it holds none or holds tokens
 * Tokenbench did not put there (imported, typed in, or written by an older version). A recorded
 * lineage counts only while the variables still carry its tokens' fingerprints.
 */
export function currentLineage(ctx: WorkbenchContext, env: EnvironmentRecord): EnvTokenLineage | null {
  const lineage = ctx.store.envTokens.lineage(env.id);
  if (lineage === undefined) return null;
  const access = ctx.store.tokens.get(lineage.accessTokenId);
  const refresh = lineage.refreshTokenId === null ? null : ctx.store.tokens.get(lineage.refreshTokenId);
  if (access === undefined || refresh === undefined) return null;
  const printOf = (key: string) => env.variables.find((v) => v.key === key && v.secret)?.fingerprint ?? null;
  if (printOf('access-token') !== access.fingerprint) return null;
  if (printOf('refresh-token') !== (refresh?.fingerprint ?? null)) return null;
  return lineage;
}

/** The part of a lineage that decides whether two token sets may share an environment. */
export type LineageKey = Pick<EnvTokenLineage, 'refreshTokenId' | 'userId' | 'dcId'>;

/**
 * Same lineage: the same refresh token; or, for access tokens without one (online consents), the
 * same known user at the same DC. Two unknown users are never assumed to be one.
 */
export function sameLineage(a: LineageKey, b: LineageKey): boolean {
  if (a.refreshTokenId !== null || b.refreshTokenId !== null) return a.refreshTokenId === b.refreshTokenId;
  return a.userId !== UNKNOWN_USER && a.userId === b.userId && a.dcId === b.dcId;
}

/** A lineage as the UI and the CLI show it: who, which tokens (fingerprints), which DC. */
export function lineageView(ctx: WorkbenchContext, lineage: EnvTokenLineage): LineageView {
  const access = ctx.store.tokens.get(lineage.accessTokenId);
  const refresh = lineage.refreshTokenId === null ? undefined : ctx.store.tokens.get(lineage.refreshTokenId);
  return {
    clientRef: lineage.clientRef,
    dcId: lineage.dcId,
    userId: lineage.userId,
    userLabel: access?.userLabel ?? refresh?.userLabel ?? null,
    accessTokenId: lineage.accessTokenId,
    accessFingerprint: access?.fingerprint ?? '',
    accessExpiresAt: access?.expiresAt ?? null,
    refreshTokenId: lineage.refreshTokenId,
    refreshFingerprint: refresh?.fingerprint ?? null,
  };
}
