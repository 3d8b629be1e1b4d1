import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  EXCHANGE_KINDS,
  EXCHANGE_OUTCOMES,
  OUTCOME_LABELS,
  type ExchangeDetail,
  type ExchangeKind,
  type ExchangeOutcome,
  type ExchangeSummary,
} from '../../shared/traffic/exchange';
import type { CommandSpec } from './args';
import { CommandFailure, EXIT, UsageError } from './exit';
import { JSON_OPTION } from './options';
import { formatTime, NONE, printJson, table, type Cell, type Io } from './output';
import { call, resolveClient, withWorkbench } from './session';

const MAX_LIMIT = 500;

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 20;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT)
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}, not "${raw}"`);
  return Number(raw);
}

function parseId(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new UsageError(`--id must be an exchange number (the ID column of tokenbench log), not "${raw}"`);
  return Number(raw);
}

function outcomeCell(io: Io, row: ExchangeSummary): Cell {
  const text =
    row.zohoError === null ? OUTCOME_LABELS[row.outcome] : `${OUTCOME_LABELS[row.outcome]}: ${row.zohoError}`;
  return { text, paint: row.outcome === 'ok' ? io.style.green : io.style.red };
}

function printRows(io: Io, rows: readonly ExchangeSummary[], total: number): void {
  if (rows.length === 0) {
    io.out('No exchanges recorded yet (or none match): every request to Zoho is recorded here once sent.');
    return;
  }
  const cells = rows.map((r) => [
    String(r.id),
    formatTime(r.at),
    r.kind,
    r.clientName ?? NONE,
    r.method,
    r.status === null ? NONE : String(r.status),
    outcomeCell(io, r),
    `${String(r.durationMs)} ms`,
    r.url,
  ]);
  io.out(
    table(
      ['ID', 'TIME', 'KIND', 'CLIENT', 'METHOD', 'STATUS', 'OUTCOME', 'TIME TAKEN', 'URL'],
      cells,
      io.style,
    ),
  );
  if (total > rows.length)
    io.out(`${String(rows.length)} of ${String(total)} shown, newest first; --limit N shows more.`);
}

/** One exchange raw, as the Console shows it: the request, then the answer, secrets already masked. */
function printRaw(io: Io, e: ExchangeDetail): void {
  io.out(`#${String(e.id)} ${formatTime(e.at)} ${e.kind} ${e.clientName ?? ''} (${String(e.durationMs)} ms)`);
  io.out('');
  io.out(`${e.method} ${e.url}`);
  for (const [name, value] of e.request.headers) io.out(`${name}: ${value}`);
  if (e.request.body !== null) io.out(`\n${e.request.body}`);
  io.out('');
  if (e.response === null) {
    io.out(`No answer: ${e.network?.message ?? 'unknown'}`);
    return;
  }
  io.out(`HTTP ${String(e.status)} ${e.response.statusText}`);
  for (const [name, value] of e.response.headers) io.out(`${name}: ${value}`);
  io.out(`\n${e.response.body}${e.response.cut ? '\n… (cut)' : ''}`);
}

export const LOG: CommandSpec = {
  path: ['log'],
  summary: 'show the traffic console: every request sent to Zoho and its answer (secrets masked)',
  notes: [
    'Newest first. --json prints { "total": N, "exchanges": [...] } with headers and bodies;',
    '--har FILE writes the same exchanges as HTTP Archive 1.2 (browser dev tools and Postman open it).',
    'Secrets (client secrets, codes, tokens, Authorization headers) show only their last four characters.',
  ],
  options: {
    client: { type: 'string', value: 'NAME', help: 'only exchanges for this client (by name or id)' },
    kind: { type: 'string', value: 'KIND', choices: EXCHANGE_KINDS, help: 'only this kind of exchange' },
    outcome: { type: 'string', value: 'OUTCOME', choices: EXCHANGE_OUTCOMES, help: 'only this outcome' },
    limit: {
      type: 'string',
      value: 'N',
      help: `at most N exchanges, newest first (default 20, at most ${MAX_LIMIT})`,
    },
    id: { type: 'string', value: 'N', help: 'print this one exchange raw: request and answer' },
    har: { type: 'string', value: 'FILE', help: 'write the exchanges to FILE as HTTP Archive 1.2' },
    ...JSON_OPTION,
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const { options, io } = input;
      const limit = parseLimit(options.string('limit'));
      const id = parseId(options.string('id'));
      if (id !== undefined) {
        const exchange = await call(wb, 'traffic:get', { id });
        if (options.flag('json')) printJson(io, exchange);
        else printRaw(io, exchange);
        return EXIT.done;
      }
      const ref = options.string('client');
      const clientRef = ref === undefined ? undefined : (await resolveClient(wb, ref)).id;
      const filter = {
        clientRef,
        kind: options.string('kind') as ExchangeKind | undefined,
        outcome: options.string('outcome') as ExchangeOutcome | undefined,
      };
      const page = await call(wb, 'traffic:list', { ...filter, limit });
      const harFile = options.string('har');
      if (harFile !== undefined) {
        const har = await call(wb, 'traffic:har', { ids: page.rows.map((r) => r.id) });
        const path = resolve(harFile);
        try {
          writeFileSync(path, har.text);
        } catch (error: unknown) {
          const why = error instanceof Error && 'code' in error ? String(error.code) : 'error';
          throw new CommandFailure({
            ok: false,
            code: 'file_not_written',
            message: `Could not write ${path} (${why}). Pick a folder you can write to.`,
          });
        }
        io.err(`Wrote ${String(har.count)} exchanges to ${path} (HTTP Archive 1.2, secrets masked).`);
      }
      if (options.flag('json')) {
        const exchanges = await Promise.all(page.rows.map((r) => call(wb, 'traffic:get', { id: r.id })));
        printJson(io, { total: page.total, exchanges });
      } else if (harFile === undefined) printRows(io, page.rows, page.total);
      return EXIT.done;
    }),
};
