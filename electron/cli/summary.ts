import type { TokenOutcome, TokenRow } from '../../shared/ipc/views';
import type { ClientRecord } from '../../shared/workspace/model';
import { orgWords, userWords } from '../../shared/words/identity';
import type { Workbench } from '../services/workbench/workbench';
import { placementLines } from './env-words';
import { fields, formatSpan, formatTime, NONE, printJson, type Io } from './output';

function expiry(token: TokenRow, now: number): string {
  if (token.expiresAt === null) return 'lives until revoked';
  return `expires ${formatTime(token.expiresAt)} (in ${formatSpan(token.expiresAt - now)})`;
}

/** A new refresh token, the one a refresh used (Zoho never rotates it), or why there is none. */
function refreshLine(rt: TokenRow | null, at: TokenRow): string {
  if (rt !== null) return `${rt.id}  ${rt.fingerprint}`;
  if (at.grant?.type === 'client-credentials') return 'none (client credentials never give one)';
  if (at.parentId !== null) return `${at.parentId} (used; Zoho keeps the same refresh token)`;
  return 'none (access type online, or not the first consent)';
}

/** Client credentials act in an organization, without a user's consent: say so, and which one. */
function grantLines(at: TokenRow): [string, string][] {
  if (at.grant?.type !== 'client-credentials') return [];
  return [
    ['granted by', 'client credentials'],
    ['organization', at.grant.soid ?? 'none named (the product has one, or none)'],
  ];
}

/**
 * What an exchange or refresh made, for a person: ids to pass to later commands, fingerprints to
 * match against other tools, and what Zoho's caps evicted. Never a token value.
 */
export function printOutcome(
  io: Io,
  outcome: TokenOutcome,
  client: ClientRecord,
  json: boolean,
  /** The workspace that issued it: its clock and environments word the placement lines. */
  wb: Workbench,
): void {
  if (json) {
    printJson(io, outcome);
    return;
  }
  const now = wb.ctx.now();
  const environments = wb.ctx.store.environments.list();
  const { accessToken: at, refreshToken: rt } = outcome;
  const pairs: [string, string][] = [
    ['access token', `${at.id}  ${at.fingerprint}  ${expiry(at, now)}`],
    ['refresh token', refreshLine(rt, at)],
    ...grantLines(at),
    ['user', userWords(at)],
    ['CRM org', orgWords(at.identity)],
    [
      'DC',
      outcome.crossDc ? `${outcome.dcId} (the user's DC, not the client's ${client.dcId})` : outcome.dcId,
    ],
    ['API domain', outcome.apiDomain ?? NONE],
    ['evicted', outcome.evicted.length === 0 ? 'none' : outcome.evicted.join(', ')],
  ];
  pairs.push(...placementLines(outcome, environments));
  io.out(`Tokens issued for client "${client.name}":`);
  io.out(fields(pairs));
}
