import type { Database, Statement } from 'better-sqlite3';
import { SECRET_VARIABLES } from '../../../shared/workspace/model';
import type { EnvVariable } from '../../../shared/workspace/model';
import { fromFlag, fromJsonText, toFlag, toJsonText } from './json';

interface VariableRow {
  env_id: string;
  position: number;
  key: string;
  value_json: string;
  secret: number;
  type: string;
  enabled: number;
  fingerprint: string | null;
}

/** A change to one variable; a key not yet in the environment is appended with sensible defaults. */
export type VariablePatch = Partial<Omit<EnvVariable, 'key'>>;

/**
 * The variables of environments, in their Postman order. Values are JSON text so a number stays a
 * number and an object stays an object through a round trip (Postman values may be non-strings).
 */
export class VariablesTable {
  private readonly selectOf: Statement<[string], VariableRow>;
  private readonly selectAll: Statement<[], VariableRow>;
  private readonly deleteOf: Statement<[string]>;
  private readonly insertRow: Statement<[VariableRow]>;

  constructor(db: Database) {
    this.selectOf = db.prepare('SELECT * FROM env_variables WHERE env_id = ? ORDER BY position');
    this.selectAll = db.prepare('SELECT * FROM env_variables ORDER BY env_id, position');
    this.deleteOf = db.prepare('DELETE FROM env_variables WHERE env_id = ?');
    this.insertRow = db.prepare(
      `INSERT INTO env_variables (env_id, position, key, value_json, secret, type, enabled, fingerprint)
       VALUES (@env_id, @position, @key, @value_json, @secret, @type, @enabled, @fingerprint)`,
    );
  }

  of(envId: string): EnvVariable[] {
    return this.selectOf.all(envId).map(toVariable);
  }

  /** Every environment's variables at once, so listing environments is two queries, not one per row. */
  byEnvironment(): Map<string, EnvVariable[]> {
    const grouped = new Map<string, EnvVariable[]>();
    for (const row of this.selectAll.all()) {
      const list = grouped.get(row.env_id) ?? [];
      list.push(toVariable(row));
      grouped.set(row.env_id, list);
    }
    return grouped;
  }

  /** Replaces the whole list. Call inside a write transaction. */
  replace(envId: string, variables: readonly EnvVariable[]): void {
    assertStorable(variables);
    this.deleteOf.run(envId);
    variables.forEach((variable, position) => this.insertRow.run(toRow(envId, position, variable)));
  }
}

/** Applies patches in place (order kept); new keys go to the end. */
export function applyPatches(
  current: readonly EnvVariable[],
  patches: Readonly<Record<string, VariablePatch>>,
): EnvVariable[] {
  const next = [...current];
  for (const [key, patch] of Object.entries(patches)) {
    const index = next.findIndex((variable) => variable.key === key);
    const base = index >= 0 ? next[index] : undefined;
    const merged = { ...(base ?? newVariable(key)), ...patch, key };
    if (base === undefined) next.push(merged);
    else next[index] = merged;
  }
  return next;
}

/** Zoho's secret variables (client-secret, access-token, refresh-token) start out secret. */
function newVariable(key: string): EnvVariable {
  const secret = SECRET_VARIABLES.has(key);
  return { key, value: null, secret, type: secret ? 'secret' : 'default', enabled: true, fingerprint: null };
}

/**
 * The store never holds a secret value (architecture.md, "Secrets"). A secret variable arriving with
 * a value is a bug in the caller, so it throws rather than answering with data; the message names
 * the key, never the value. Keys are unique because lookups and Zoho's variables go by key.
 */
export function assertStorable(variables: readonly EnvVariable[]): void {
  const seen = new Set<string>();
  for (const variable of variables) {
    if (variable.secret && variable.value !== null) {
      throw new Error(
        `Refusing to store the value of secret variable "${variable.key}": secret values belong in the keychain; store null and a fingerprint.`,
      );
    }
    if (seen.has(variable.key)) {
      throw new Error(`Variable "${variable.key}" appears twice; keys in an environment must be unique.`);
    }
    seen.add(variable.key);
  }
}

function toRow(envId: string, position: number, variable: EnvVariable): VariableRow {
  return {
    env_id: envId,
    position,
    key: variable.key,
    value_json: toJsonText(variable.value),
    secret: toFlag(variable.secret),
    type: variable.type,
    enabled: toFlag(variable.enabled),
    fingerprint: variable.fingerprint,
  };
}

function toVariable(row: VariableRow): EnvVariable {
  return {
    key: row.key,
    value: fromJsonText(row.value_json),
    secret: fromFlag(row.secret),
    type: row.type,
    enabled: fromFlag(row.enabled),
    fingerprint: row.fingerprint,
  };
}
