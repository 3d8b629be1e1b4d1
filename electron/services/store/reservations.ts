import type { Database, Statement } from 'better-sqlite3';
import type { RuleKey } from '../../../shared/limits/ledger-types';

/**
 * - `pending`: the request may be on its way to Zoho; it counts as a creation for its keys.
 * - `answered`: Zoho answered with tokens; their ledger events are written, their values are on their
 *   way to the keychain, `prepared` holds the token rows to write once they are there.
 * - `done` / `failed`: over; `result` is what every caller of the flight is answered.
 */
export type ReservationState = 'pending' | 'answered' | 'done' | 'failed';

export interface ReservationRecord {
  readonly id: string;
  readonly flight: string;
  /** The rule keys a creation would count under while the request is in flight. */
  readonly keys: readonly RuleKey[];
  /** Ledger time (the workbench clock) when it was taken. */
  readonly at: number;
  /** `host/pid/nonce` of the process that holds it. */
  readonly owner: string;
  /** Wall-clock times (Date.now): timeouts are real time, whatever clock the ledger runs on. */
  readonly takenWall: number;
  readonly deadlineWall: number;
  readonly state: ReservationState;
  readonly prepared: unknown;
  readonly result: unknown;
  readonly finishedWall: number | null;
}

interface Row {
  id: string;
  flight: string;
  keys_json: string;
  at: number;
  owner: string;
  taken_wall: number;
  deadline_wall: number;
  state: string;
  prepared_json: string | null;
  result_json: string | null;
  finished_wall: number | null;
}

/**
 * The reservations of every process sharing the workspace (see schema.ts, V2). Plain statements; the
 * caller (workbench/reservations.ts) groups them in IMMEDIATE transactions with the ledger.
 */
export class ReservationsTable {
  private readonly insertRow: Statement<[Row]>;
  private readonly selectOne: Statement<[string], Row>;
  private readonly selectActiveFlight: Statement<[string], Row>;
  private readonly selectFinishedFlight: Statement<[string, number], Row>;
  private readonly selectActive: Statement<[], Row>;
  private readonly updateState: Statement<[string, string | null, number | null, string]>;
  private readonly updateAnswered: Statement<[string, string]>;
  private readonly updateKeys: Statement<[string, string]>;
  private readonly updateOwner: Statement<[string, number, string]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly deleteFinished: Statement<[number]>;

  constructor(db: Database) {
    this.insertRow = db.prepare(
      `INSERT INTO reservations (id, flight, keys_json, at, owner, taken_wall, deadline_wall, state,
                                 prepared_json, result_json, finished_wall)
       VALUES (@id, @flight, @keys_json, @at, @owner, @taken_wall, @deadline_wall, @state,
               @prepared_json, @result_json, @finished_wall)`,
    );
    this.selectOne = db.prepare('SELECT * FROM reservations WHERE id = ?');
    this.selectActiveFlight = db.prepare(
      "SELECT * FROM reservations WHERE flight = ? AND state IN ('pending', 'answered')",
    );
    this.selectFinishedFlight = db.prepare(
      `SELECT * FROM reservations WHERE flight = ? AND state IN ('done', 'failed') AND finished_wall > ?
       ORDER BY finished_wall DESC LIMIT 1`,
    );
    this.selectActive = db.prepare("SELECT * FROM reservations WHERE state IN ('pending', 'answered')");
    this.updateState = db.prepare(
      'UPDATE reservations SET state = ?, result_json = ?, finished_wall = ? WHERE id = ?',
    );
    this.updateAnswered = db.prepare(
      "UPDATE reservations SET state = 'answered', prepared_json = ? WHERE id = ?",
    );
    this.updateKeys = db.prepare('UPDATE reservations SET keys_json = ? WHERE id = ?');
    this.updateOwner = db.prepare('UPDATE reservations SET owner = ?, deadline_wall = ? WHERE id = ?');
    this.deleteRow = db.prepare('DELETE FROM reservations WHERE id = ?');
    this.deleteFinished = db.prepare(
      "DELETE FROM reservations WHERE state IN ('done', 'failed') AND finished_wall < ?",
    );
  }

  insert(record: Omit<ReservationRecord, 'prepared' | 'result' | 'finishedWall'>): void {
    this.insertRow.run({
      id: record.id,
      flight: record.flight,
      keys_json: JSON.stringify(record.keys),
      at: record.at,
      owner: record.owner,
      taken_wall: record.takenWall,
      deadline_wall: record.deadlineWall,
      state: record.state,
      prepared_json: null,
      result_json: null,
      finished_wall: null,
    });
  }

  get(id: string): ReservationRecord | undefined {
    const row = this.selectOne.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  /** The request of this flight still in flight, if any (at most one: a unique index). */
  activeFlight(flight: string): ReservationRecord | undefined {
    const row = this.selectActiveFlight.get(flight);
    return row === undefined ? undefined : toRecord(row);
  }

  /** The newest request of this flight that finished after `sinceWall`. */
  finishedFlight(flight: string, sinceWall: number): ReservationRecord | undefined {
    const row = this.selectFinishedFlight.get(flight, sinceWall);
    return row === undefined ? undefined : toRecord(row);
  }

  /** Every reservation still pending or answered, of any process. */
  active(): ReservationRecord[] {
    return this.selectActive.all().map(toRecord);
  }

  finish(id: string, state: 'done' | 'failed', result: unknown, wall: number): void {
    this.updateState.run(state, JSON.stringify(result), wall, id);
  }

  answered(id: string, prepared: unknown): void {
    this.updateAnswered.run(JSON.stringify(prepared), id);
  }

  setKeys(id: string, keys: readonly RuleKey[]): void {
    this.updateKeys.run(JSON.stringify(keys), id);
  }

  /** Another process takes over an abandoned reservation (to finish what its owner could not). */
  claim(id: string, owner: string, deadlineWall: number): void {
    this.updateOwner.run(owner, deadlineWall, id);
  }

  remove(id: string): void {
    this.deleteRow.run(id);
  }

  /** Finished ones are kept a while so late callers of the same flight get the answer; then dropped. */
  forgetFinishedBefore(wall: number): void {
    this.deleteFinished.run(wall);
  }
}

function toRecord(row: Row): ReservationRecord {
  return {
    id: row.id,
    flight: row.flight,
    keys: JSON.parse(row.keys_json) as RuleKey[],
    at: row.at,
    owner: row.owner,
    takenWall: row.taken_wall,
    deadlineWall: row.deadline_wall,
    state: row.state as ReservationState,
    prepared: row.prepared_json === null ? null : (JSON.parse(row.prepared_json) as unknown),
    result: row.result_json === null ? null : (JSON.parse(row.result_json) as unknown),
    finishedWall: row.finished_wall,
  };
}
