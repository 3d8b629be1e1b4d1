import type { Database, Statement } from 'better-sqlite3';
import { API_ENVIRONMENTS, type ApiEnvironment } from '../../../shared/dc/catalog';
import type { EnvironmentRecord, EnvVariable } from '../../../shared/workspace/model';
import { fromFlag, toFlag } from './json';
import { writeTransaction } from './sqlite';
import { applyPatches, assertStorable, VariablesTable } from './variables';
import type { VariablePatch } from './variables';

interface EnvironmentRow {
  id: string;
  postman_id: string | null;
  name: string;
  client_ref: string | null;
  dc_id: string | null;
  api_environment: string;
  auto_refresh: number;
  updated_at: number;
}

/** Environments and, through VariablesTable, their variables; each change is one transaction. */
export class EnvironmentsTable {
  private readonly variables: VariablesTable;
  private readonly selectAll: Statement<[], EnvironmentRow>;
  private readonly selectOne: Statement<[string], EnvironmentRow>;
  private readonly upsertRow: Statement<[EnvironmentRow]>;
  private readonly touch: Statement<[number, string]>;
  private readonly setDc: Statement<[string | null, number, string]>;
  private readonly deleteRow: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.variables = new VariablesTable(db);
    this.selectAll = db.prepare('SELECT * FROM environments ORDER BY name COLLATE NOCASE, id');
    this.selectOne = db.prepare('SELECT * FROM environments WHERE id = ?');
    this.upsertRow = db.prepare(
      `INSERT INTO environments (id, postman_id, name, client_ref, dc_id, api_environment, auto_refresh, updated_at)
       VALUES (@id, @postman_id, @name, @client_ref, @dc_id, @api_environment, @auto_refresh, @updated_at)
       ON CONFLICT (id) DO UPDATE SET postman_id = excluded.postman_id, name = excluded.name,
         client_ref = excluded.client_ref, dc_id = excluded.dc_id, api_environment = excluded.api_environment,
         auto_refresh = excluded.auto_refresh, updated_at = excluded.updated_at`,
    );
    this.touch = db.prepare('UPDATE environments SET updated_at = ? WHERE id = ?');
    this.setDc = db.prepare('UPDATE environments SET dc_id = ?, updated_at = ? WHERE id = ?');
    this.deleteRow = db.prepare('DELETE FROM environments WHERE id = ?');
  }

  /** By name, each with its variables. */
  list(): EnvironmentRecord[] {
    const variables = this.variables.byEnvironment();
    return this.selectAll.all().map((row) => toRecord(row, variables.get(row.id) ?? []));
  }

  get(id: string): EnvironmentRecord | undefined {
    const row = this.selectOne.get(id);
    return row === undefined ? undefined : toRecord(row, this.variables.of(id));
  }

  getVariable(id: string, key: string): EnvVariable | undefined {
    return this.variables.of(id).find((variable) => variable.key === key);
  }

  /** Inserts or replaces the environment with exactly the record's variables. */
  upsert(record: EnvironmentRecord): void {
    assertStorable(record.variables);
    writeTransaction(this.db, () => {
      this.upsertRow.run(toRow(record));
      this.variables.replace(record.id, record.variables);
    });
  }

  /** Deletes the environment and its variables (nothing else refers to an environment). */
  remove(id: string): boolean {
    return this.deleteRow.run(id).changes > 0;
  }

  /** Replaces all variables; undefined when there is no such environment. */
  setVariables(id: string, variables: readonly EnvVariable[]): EnvironmentRecord | undefined {
    return this.rewrite(id, () => variables);
  }

  /**
   * Changes only the keys given (e.g. `access-token`'s fingerprint and `expiry-time` after a refresh),
   * keeping order and every other variable; read and write happen under one write lock.
   */
  updateVariables(
    id: string,
    patches: Readonly<Record<string, VariablePatch>>,
  ): EnvironmentRecord | undefined {
    return this.rewrite(id, (current) => applyPatches(current, patches));
  }

  /** The DC and every variable at once (a token set moves both); undefined when there is no such environment. */
  replaceDcAndVariables(
    id: string,
    dcId: string | null,
    variables: readonly EnvVariable[],
  ): EnvironmentRecord | undefined {
    assertStorable(variables);
    return writeTransaction(this.db, () => {
      if (this.setDc.run(dcId, this.now(), id).changes === 0) return undefined;
      this.variables.replace(id, variables);
      return this.get(id);
    });
  }

  private rewrite(
    id: string,
    next: (current: readonly EnvVariable[]) => readonly EnvVariable[],
  ): EnvironmentRecord | undefined {
    return writeTransaction(this.db, () => {
      if (this.selectOne.get(id) === undefined) return undefined;
      this.variables.replace(id, next(this.variables.of(id)));
      this.touch.run(this.now(), id);
      return this.get(id);
    });
  }
}

function toRow(record: EnvironmentRecord): EnvironmentRow {
  return {
    id: record.id,
    postman_id: record.postmanId,
    name: record.name,
    client_ref: record.clientRef,
    dc_id: record.dcId,
    api_environment: record.apiEnvironment,
    auto_refresh: toFlag(record.autoRefresh),
    updated_at: record.updatedAt,
  };
}

function toRecord(row: EnvironmentRow, variables: EnvVariable[]): EnvironmentRecord {
  return {
    id: row.id,
    postmanId: row.postman_id,
    name: row.name,
    clientRef: row.client_ref,
    dcId: row.dc_id,
    apiEnvironment: asApiEnvironment(row.api_environment),
    autoRefresh: fromFlag(row.auto_refresh),
    variables,
    updatedAt: row.updated_at,
  };
}

/** A value another build wrote that this one does not know reads as production, what Zoho's SDKs default to. */
function asApiEnvironment(value: string): ApiEnvironment {
  return API_ENVIRONMENTS.find((known) => known === value) ?? 'production';
}
