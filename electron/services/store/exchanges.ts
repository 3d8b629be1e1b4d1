import type { Database, Statement } from 'better-sqlite3';
import type {
  ExchangeDetail,
  ExchangeFilter,
  ExchangeKind,
  ExchangeOutcome,
  ExchangePage,
  ExchangeSummary,
} from '../../../shared/traffic/exchange';
import { writeTransaction } from './sqlite';

/** What is written for one exchange: the detail without the id the table gives it. */
export type NewExchange = Omit<ExchangeDetail, 'id' | 'clientName'>;

/** The traffic kept: the newest exchanges up to both caps; the oldest go first. */
export interface TrafficCaps {
  readonly maxCount: number;
  readonly maxBytes: number;
}

/**
 * 100,000 exchanges or 64 MiB, whichever comes first: a busy day of auto-refresh and runner calls
 * (one every second for a day is 86,400) fits, and the workspace file stays a size a user can mail
 * to support. Each record's body is already cut at 64 KiB by the recorder.
 */
export const DEFAULT_TRAFFIC_CAPS: TrafficCaps = { maxCount: 100_000, maxBytes: 64 * 1024 * 1024 };

interface SummaryRow {
  seq: number;
  at: number;
  duration_ms: number;
  kind: string;
  outcome: string;
  client_ref: string | null;
  client_name: string | null;
  method: string;
  url: string;
  status: number | null;
  zoho_error: string | null;
}

type DetailRow = SummaryRow & { detail_json: string };

const SUMMARY_COLUMNS =
  'e.seq, e.at, e.duration_ms, e.kind, e.outcome, e.client_ref, c.name AS client_name, e.method, e.url, e.status, e.zoho_error';
const FROM = 'FROM exchanges e LEFT JOIN clients c ON c.id = e.client_ref';

/**
 * The recorded exchanges (issue 10 part 5). Every process of a workspace appends here, so the app
 * shows what the CLI sent. Lists are pages by position (keyset, newest first): opening the Console
 * reads one page and a count, whatever the table holds.
 */
export class ExchangesTable {
  private readonly insertRow: Statement<
    [
      number,
      number,
      string,
      string,
      string | null,
      string,
      string,
      number | null,
      string | null,
      string,
      number,
    ]
  >;
  private readonly totals: Statement<[], { count: number; bytes: number }>;
  private readonly addTotals: Statement<[number, number]>;
  private readonly oldest: Statement<[], { seq: number; bytes: number }>;
  private readonly deleteRow: Statement<[number]>;
  private readonly selectDetail: Statement<[number], DetailRow>;

  constructor(
    private readonly db: Database,
    private readonly caps: TrafficCaps = DEFAULT_TRAFFIC_CAPS,
  ) {
    this.insertRow = db.prepare(
      `INSERT INTO exchanges (at, duration_ms, kind, outcome, client_ref, method, url, status, zoho_error, detail_json, bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.totals = db.prepare('SELECT count, bytes FROM exchange_totals WHERE id = 1');
    this.addTotals = db.prepare(
      'UPDATE exchange_totals SET count = count + ?, bytes = bytes + ? WHERE id = 1',
    );
    this.oldest = db.prepare('SELECT seq, bytes FROM exchanges ORDER BY seq LIMIT 1');
    this.deleteRow = db.prepare('DELETE FROM exchanges WHERE seq = ?');
    this.selectDetail = db.prepare(`SELECT ${SUMMARY_COLUMNS}, e.detail_json ${FROM} WHERE e.seq = ?`);
  }

  /** Stores the exchange and evicts the oldest beyond the caps, in one transaction; answers its id. */
  append(exchange: NewExchange): number {
    const detail = JSON.stringify({
      request: exchange.request,
      response: exchange.response,
      network: exchange.network,
    });
    const size = detail.length + exchange.url.length;
    const write = () => {
      const id = Number(
        this.insertRow.run(
          exchange.at,
          Math.max(0, Math.round(exchange.durationMs)),
          exchange.kind,
          exchange.outcome,
          exchange.clientRef,
          exchange.method,
          exchange.url,
          exchange.status,
          exchange.zohoError,
          detail,
          size,
        ).lastInsertRowid,
      );
      this.addTotals.run(1, size);
      this.evict(id);
      return id;
    };
    return this.db.inTransaction ? write() : writeTransaction(this.db, write);
  }

  /** Oldest first until both caps hold; the row just written always stays. */
  private evict(keep: number): void {
    for (let totals = this.totals.get(); totals !== undefined; totals = this.totals.get()) {
      if (totals.count <= this.caps.maxCount && totals.bytes <= this.caps.maxBytes) return;
      const oldest = this.oldest.get();
      if (oldest === undefined || oldest.seq === keep) return;
      this.deleteRow.run(oldest.seq);
      this.addTotals.run(-1, -oldest.bytes);
    }
  }

  /** One page, newest first, of the exchanges matching `filter`, older than `before` when given. */
  page(filter: ExchangeFilter, before: number | null, limit: number): ExchangePage {
    const { where, params } = whereOf(filter);
    const keyset = before === null ? where : [...where, 'e.seq < ?'];
    const sql = `SELECT ${SUMMARY_COLUMNS} ${FROM}${clause(keyset)} ORDER BY e.seq DESC LIMIT ?`;
    const args = before === null ? [...params, limit + 1] : [...params, before, limit + 1];
    const rows = this.db.prepare<unknown[], SummaryRow>(sql).all(...args);
    const page = rows.slice(0, limit).map(toSummary);
    return {
      rows: page,
      total: this.count(filter),
      next: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  /** How many match; without a filter, from the running totals instead of a scan. */
  count(filter: ExchangeFilter): number {
    const { where, params } = whereOf(filter);
    if (where.length === 0) return this.totals.get()?.count ?? 0;
    const sql = `SELECT count(*) AS n FROM exchanges e${clause(where)}`;
    return this.db.prepare<unknown[], { n: number }>(sql).get(...params)?.n ?? 0;
  }

  get(id: number): ExchangeDetail | undefined {
    const row = this.selectDetail.get(id);
    return row === undefined ? undefined : toDetail(row);
  }

  /** Full records matching `filter`, newest first, at most `limit` (an export, a CLI listing). */
  details(filter: ExchangeFilter, limit: number): ExchangeDetail[] {
    const { where, params } = whereOf(filter);
    const sql = `SELECT ${SUMMARY_COLUMNS}, e.detail_json ${FROM}${clause(where)} ORDER BY e.seq DESC LIMIT ?`;
    return this.db
      .prepare<unknown[], DetailRow>(sql)
      .all(...params, limit)
      .map(toDetail);
  }

  totalsNow(): { count: number; bytes: number } {
    return this.totals.get() ?? { count: 0, bytes: 0 };
  }
}

function whereOf(filter: ExchangeFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.clientRef !== undefined) {
    where.push('e.client_ref = ?');
    params.push(filter.clientRef);
  }
  if (filter.kind !== undefined) {
    where.push('e.kind = ?');
    params.push(filter.kind);
  }
  if (filter.outcome !== undefined) {
    where.push('e.outcome = ?');
    params.push(filter.outcome);
  }
  return { where, params };
}

const clause = (where: readonly string[]): string =>
  where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;

function toSummary(row: SummaryRow): ExchangeSummary {
  return {
    id: row.seq,
    at: row.at,
    durationMs: row.duration_ms,
    kind: row.kind as ExchangeKind,
    outcome: row.outcome as ExchangeOutcome,
    clientRef: row.client_ref,
    clientName: row.client_name,
    method: row.method,
    url: row.url,
    status: row.status,
    zohoError: row.zoho_error,
  };
}

function toDetail(row: DetailRow): ExchangeDetail {
  const detail = JSON.parse(row.detail_json) as Pick<ExchangeDetail, 'request' | 'response' | 'network'>;
  return { ...toSummary(row), request: detail.request, response: detail.response, network: detail.network };
}
