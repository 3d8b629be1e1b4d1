import type { Database, Statement } from 'better-sqlite3';
import type { LedgerEvent } from '../../../shared/limits/ledger-types';

interface EventRow {
  seq: number;
  type: string;
  at: number;
  payload_json: string;
}

export interface StoredLedgerEvent {
  /** Position in the ledger, from 1, strictly increasing in insertion order across processes. */
  readonly seq: number;
  readonly event: LedgerEvent;
}

/** Rows read per query while iterating, so a long history never sits in memory twice. */
const PAGE_SIZE = 500;

/**
 * The limit ledger's events, append-only, in the order they were appended. `type` and `at` are
 * columns (the time index serves "what happened in the last ten minutes"); the rest is JSON.
 * Validation is the ledger's job (shared/limits/ledger.ts); this table keeps what it accepted.
 */
export class LedgerEventsTable {
  private readonly insertRow: Statement<[string, number, string]>;
  private readonly selectPage: Statement<[number, number], EventRow>;
  private readonly countRows: Statement<[], { n: number }>;
  private readonly maxSeq: Statement<[], { seq: number | null }>;

  constructor(db: Database) {
    this.insertRow = db.prepare('INSERT INTO ledger_events (type, at, payload_json) VALUES (?, ?, ?)');
    this.selectPage = db.prepare('SELECT * FROM ledger_events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.countRows = db.prepare('SELECT count(*) AS n FROM ledger_events');
    this.maxSeq = db.prepare('SELECT max(seq) AS seq FROM ledger_events');
  }

  /** Stores the event (committed when this returns) and gives its sequence number. */
  append(event: LedgerEvent): number {
    const { type, at, ...payload } = event;
    return Number(this.insertRow.run(type, at, JSON.stringify(payload)).lastInsertRowid);
  }

  /** Every event in order, for loading the ledger at start. */
  *all(): Generator<LedgerEvent> {
    for (const stored of this.after(0)) yield stored.event;
  }

  /**
   * Events appended after `seq`, with their numbers: how a process catches up with what another
   * (the CLI, the app) appended since it last looked. Reads page by page, so the caller may write
   * to the store between items (better-sqlite3 forbids that during a live `iterate()`).
   */
  *after(seq: number): Generator<StoredLedgerEvent> {
    let last = seq;
    for (;;) {
      const rows = this.selectPage.all(last, PAGE_SIZE);
      for (const row of rows) yield { seq: row.seq, event: toEvent(row) };
      const tail = rows.at(-1);
      if (tail === undefined || rows.length < PAGE_SIZE) return;
      last = tail.seq;
    }
  }

  count(): number {
    return this.countRows.get()?.n ?? 0;
  }

  /** The newest sequence number, 0 when empty. */
  lastSeq(): number {
    return this.maxSeq.get()?.seq ?? 0;
  }
}

function toEvent(row: EventRow): LedgerEvent {
  const payload: unknown = JSON.parse(row.payload_json);
  return { type: row.type, at: row.at, ...(payload as object) } as LedgerEvent;
}
