import type { ClientLimits, LimitStatus, TokenRow } from '../../shared/ipc/views';
import type { RuleUsage } from '../../shared/limits/ledger-types';
import type { ClientRecord } from '../../shared/workspace/model';
import { creationCertainty } from '../../shared/workspace/token-origin';
import { orgShort, userShort } from '../../shared/words/identity';
import type { CommandSpec } from './args';
import { EXIT } from './exit';
import { JSON_OPTION } from './options';
import { formatSpan, formatTime, NONE, printJson, table, type Cell, type Io } from './output';
import { call, resolveClient, withWorkbench } from './session';

function statusCell(io: Io, token: TokenRow): Cell {
  const paint = token.status === 'active' ? io.style.green : io.style.dim;
  return { text: token.status, paint };
}

function expiresIn(token: TokenRow, at: number): string {
  if (token.status !== 'active' || token.expiresAt === null) return NONE;
  return formatSpan(token.expiresAt - at);
}

/** An imported token's creation is an estimate (`~`) or unknown: the cell says so rather than invent a time. */
function createdCell(token: TokenRow): string {
  const certainty = creationCertainty(token);
  if (certainty === 'unknown') return 'unknown (imported)';
  return certainty === 'estimated' ? `~${formatTime(token.createdAt)}` : formatTime(token.createdAt);
}

/** The org's name, or a short why-not: the JSON output carries the whole identity. */
function orgCell(token: TokenRow): string {
  const org = token.identity?.org;
  if (org === undefined) return NONE;
  if (org.state === 'known') return orgShort(token.identity) ?? org.value.id;
  return org.reason === 'not_crm' ? NONE : 'unknown';
}

/** A user of the limits table as their newest token that knows them says it, with the org. */
function userCell(tokens: readonly TokenRow[], userId: string): string {
  const own = tokens.filter((t) => t.userId === userId).reverse();
  const best = own.find((t) => t.identity?.user.state === 'known') ?? own[0];
  if (best === undefined) return `user ${userId}`;
  const org = orgShort(best.identity);
  return org === null ? userShort(best) : `${userShort(best)} (${org})`;
}

function printTokens(io: Io, tokens: readonly TokenRow[], at: number): void {
  if (tokens.length === 0) {
    io.out('No tokens yet: run tokenbench authorize or tokenbench exchange.');
    return;
  }
  const rows = tokens.map((t) => [
    t.id,
    t.grant?.type === 'client-credentials' ? 'access (client credentials)' : t.kind,
    statusCell(io, t),
    t.fingerprint,
    t.dcId,
    t.grant?.type === 'client-credentials' && t.grant.soid !== null
      ? `${userShort(t)} in ${t.grant.soid}`
      : userShort(t),
    orgCell(t),
    createdCell(t),
    expiresIn(t, at),
    { text: t.nextToEvict ? 'next to evict' : '', paint: io.style.yellow },
  ]);
  const headers = [
    'ID',
    'KIND',
    'STATUS',
    'FINGERPRINT',
    'DC',
    'USER',
    'CRM ORG',
    'CREATED',
    'EXPIRES IN',
    '',
  ];
  io.out(table(headers, rows, io.style));
}

/** `used/allowed` with the moment the next slot frees, as the limit meters show it. */
function usageCells(io: Io, usage: RuleUsage): Cell[] {
  const full = usage.allowedAt !== null;
  const among = [
    usage.inferred > 0 ? `${usage.inferred} elsewhere` : '',
    usage.unconfirmed > 0 ? `${usage.unconfirmed} unconfirmed` : '',
    usage.pending > 0 ? `${usage.pending} in flight` : '',
  ].filter((part) => part !== '');
  const used = `${usage.used}/${usage.allowed}${among.length > 0 ? ` (${among.join(', ')})` : ''}`;
  return [
    { text: used, paint: full ? io.style.red : (t) => t },
    { text: usage.allowedAt === null ? 'now' : formatTime(usage.allowedAt) },
  ];
}

function limitRows(io: Io, limits: ClientLimits, name: string, tokens: readonly TokenRow[]): Cell[][] {
  const client = { text: name };
  const rows: Cell[][] = [[client, { text: 'grant codes' }, ...usageCells(io, limits.grant), { text: NONE }]];
  for (const user of limits.users) {
    const live = `${user.live.live}/${user.live.maxAlive}`;
    rows.push([
      { text: '' },
      { text: `refresh tokens, ${userCell(tokens, user.userId)}` },
      ...usageCells(io, user.refresh),
      { text: live },
    ]);
  }
  for (const rt of limits.refreshTokens) {
    const live = `${rt.live.live}/${rt.live.maxAlive}`;
    rows.push([
      { text: '' },
      { text: `access tokens, ${rt.refreshTokenId}` },
      ...usageCells(io, rt.access),
      { text: live },
    ]);
  }
  return rows;
}

function printLimits(
  io: Io,
  status: LimitStatus,
  clients: readonly ClientRecord[],
  tokens: readonly TokenRow[],
): void {
  const windowMin = status.profile.grant.windowMs / 60_000;
  io.out(`Limits: ${status.profile.name}, per ${windowMin} minutes (source: ${status.profile.source})`);
  const nameOf = (ref: string) => clients.find((c) => c.id === ref)?.name ?? ref;
  const rows = status.clients.flatMap((c) => limitRows(io, c, nameOf(c.clientRef), tokens));
  if (rows.length === 0) io.out('No clients yet: add one with tokenbench client add.');
  else io.out(table(['CLIENT', 'RULE', 'USED', 'NEXT ALLOWED', 'LIVE'], rows, io.style));
  io.out(
    "USED counts what this workspace did and what Zoho's Access Denied revealed; tokens made elsewhere " +
      '(another machine, newman, an SDK) are invisible until Zoho refuses because of them.',
  );
}

export const STATUS: CommandSpec = {
  path: ['status'],
  summary: 'show token state and limit use (never a secret value)',
  notes: ['--json prints { "tokens": tokens:list, "limits": limits:status }.'],
  options: {
    client: { type: 'string', value: 'NAME', help: 'only this client (by name or id)' },
    ...JSON_OPTION,
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const { options, io } = input;
      const ref = options.string('client');
      const clientRef = ref === undefined ? undefined : (await resolveClient(wb, ref)).id;
      const tokens = await call(wb, 'tokens:list', { clientRef });
      const limits = await call(wb, 'limits:status', { clientRef });
      if (options.flag('json')) {
        printJson(io, { tokens, limits });
        return EXIT.done;
      }
      printTokens(io, tokens, limits.at);
      io.out('');
      printLimits(io, limits, await call(wb, 'clients:list', {}), tokens);
      return EXIT.done;
    }),
};
