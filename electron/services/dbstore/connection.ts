import type { Connection, RowDataPacket } from 'mysql2/promise';
import { ok, type Ok } from '../../../shared/result';
import type { TokenStoreRecord } from '../../../shared/stores/model';
import { classifyStoreError, type StoreFailure } from './errors';

/** Where a store is and who connects, as the driver needs it; the password comes from the keychain. */
export type StoreTarget = Pick<TokenStoreRecord, 'name' | 'host' | 'port' | 'database' | 'table' | 'user'>;

/** A slow or silent server gets a clear "unreachable" rather than a frozen window. */
export const CONNECT_TIMEOUT_MS = 5_000;
export const QUERY_TIMEOUT_MS = 10_000;

/** What a query's `?` placeholders take; an array fills `IN (?)`. */
export type SqlValue = string | number | null | readonly string[];

/** One open connection to a store, used by one operation and closed after it. */
export class StoreSession {
  constructor(
    private readonly connection: Connection,
    readonly target: StoreTarget,
  ) {}

  /** `database`.`table`, quoted; both names were checked against MYSQL_IDENTIFIER. */
  get table(): string {
    return `${this.connection.escapeId(this.target.database)}.${this.connection.escapeId(this.target.table)}`;
  }

  async rows<T extends RowDataPacket>(sql: string, values: readonly SqlValue[] = []): Promise<T[]> {
    const [rows] = await this.connection.query<T[]>({ sql, timeout: QUERY_TIMEOUT_MS }, [...values]);
    return rows;
  }

  /** The column names a query would answer with, without reading a row. */
  async columnsOf(sql: string): Promise<string[]> {
    const [, fields] = await this.connection.query({ sql, timeout: QUERY_TIMEOUT_MS });
    return fields.map((field) => field.name);
  }

  async run(sql: string, values: readonly SqlValue[] = []): Promise<number> {
    const [result] = await this.connection.query({ sql, timeout: QUERY_TIMEOUT_MS }, [...values]);
    return 'affectedRows' in result ? result.affectedRows : 0;
  }

  /** Runs `write` in one transaction: all of it is committed, or none. */
  async transaction<T>(write: () => Promise<T>): Promise<T> {
    await this.connection.beginTransaction();
    try {
      const value = await write();
      await this.connection.commit();
      return value;
    } catch (error: unknown) {
      await this.connection.rollback().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.connection.end().catch(() => {
      this.connection.destroy();
    });
  }
}

/**
 * Connects as the store's user. A read-only store's session is made read-only on the server too
 * (`SET SESSION TRANSACTION READ ONLY`), so not even a bug in Tokenbench could change a row a server
 * depends on. Failures come back as data naming the store, never with the password.
 */
export async function openSession(
  target: StoreTarget,
  password: string,
  mode: 'read' | 'write',
): Promise<Ok<StoreSession> | StoreFailure> {
  let connection: Connection | undefined;
  try {
    const where = target.host.startsWith('/')
      ? { socketPath: target.host }
      : { host: target.host, port: target.port };
    // Loaded on first use: the driver is a fifth of every CLI command's start-up, and most never
    // open a store (bench cross-process-refresh starts 20 at once).
    const { createConnection } = await import('mysql2/promise');
    connection = await createConnection({
      ...where,
      user: target.user,
      password,
      database: target.database,
      connectTimeout: CONNECT_TIMEOUT_MS,
      charset: 'utf8mb4',
      // Every column Tokenbench reads is text; numbers and dates as text keep ids like '007' intact.
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
    });
    // A connection that drops later emits 'error'; unheard, Node would end the process.
    connection.on('error', () => undefined);
    if (mode === 'read') await connection.query('SET SESSION TRANSACTION READ ONLY');
    return ok(new StoreSession(connection, target));
  } catch (error: unknown) {
    connection?.destroy();
    return classifyStoreError(error, target);
  }
}

/** Opens, runs `use`, and closes whatever happens; a driver error becomes a coded failure. */
export async function withSession<T>(
  target: StoreTarget,
  password: string,
  mode: 'read' | 'write',
  use: (session: StoreSession) => Promise<T>,
): Promise<T | StoreFailure> {
  const opened = await openSession(target, password, mode);
  if (!opened.ok) return opened;
  try {
    return await use(opened.value);
  } catch (error: unknown) {
    return classifyStoreError(error, target);
  } finally {
    await opened.value.close();
  }
}
