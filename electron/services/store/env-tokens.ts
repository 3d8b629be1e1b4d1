import type { Database, Statement } from 'better-sqlite3';
import type {
  EnvTokenLineage,
  EnvVariable,
  EnvironmentRecord,
  JsonValue,
} from '../../../shared/workspace/model';
import type { EnvironmentsTable } from './environments';
import { fromJsonText, toJsonText } from './json';
import { writeTransaction } from './sqlite';

interface LineageRow {
  env_id: string;
  client_ref: string;
  dc_id: string;
  user_id: string;
  access_token_id: string;
  refresh_token_id: string | null;
  written_at: number;
}

interface DecisionRow {
  env_id: string;
  access_token_id: string;
  decision_json: string;
  updated_at: number;
}

/** What auto-refresh decided about one access token of an environment; the service gives it meaning. */
export interface StoredDecision {
  readonly environmentId: string;
  /** The access token the decision was about: once the environment holds another, it no longer applies. */
  readonly accessTokenId: string;
  readonly decision: JsonValue;
  readonly updatedAt: number;
}

/**
 * Environments' token lineage (env_tokens) and auto-refresh decisions (auto_refresh_state). A token
 * set is written in one transaction with the environment's DC and variables, so no reader, in this
 * process or another, ever sees variables of one lineage under the record of another.
 */
export class EnvTokensTable {
  private readonly selectOne: Statement<[string], LineageRow>;
  private readonly selectAll: Statement<[], LineageRow>;
  private readonly upsertRow: Statement<[LineageRow]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly selectDecision: Statement<[string], DecisionRow>;
  private readonly upsertDecision: Statement<[DecisionRow]>;
  private readonly deleteDecision: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly environments: EnvironmentsTable,
    private readonly now: () => number,
  ) {
    this.selectOne = db.prepare('SELECT * FROM env_tokens WHERE env_id = ?');
    this.selectAll = db.prepare('SELECT * FROM env_tokens');
    this.upsertRow = db.prepare(
      `INSERT INTO env_tokens (env_id, client_ref, dc_id, user_id, access_token_id, refresh_token_id, written_at)
       VALUES (@env_id, @client_ref, @dc_id, @user_id, @access_token_id, @refresh_token_id, @written_at)
       ON CONFLICT (env_id) DO UPDATE SET client_ref = excluded.client_ref, dc_id = excluded.dc_id,
         user_id = excluded.user_id, access_token_id = excluded.access_token_id,
         refresh_token_id = excluded.refresh_token_id, written_at = excluded.written_at`,
    );
    this.deleteRow = db.prepare('DELETE FROM env_tokens WHERE env_id = ?');
    this.selectDecision = db.prepare('SELECT * FROM auto_refresh_state WHERE env_id = ?');
    this.upsertDecision = db.prepare(
      `INSERT INTO auto_refresh_state (env_id, access_token_id, decision_json, updated_at)
       VALUES (@env_id, @access_token_id, @decision_json, @updated_at)
       ON CONFLICT (env_id) DO UPDATE SET access_token_id = excluded.access_token_id,
         decision_json = excluded.decision_json, updated_at = excluded.updated_at`,
    );
    this.deleteDecision = db.prepare('DELETE FROM auto_refresh_state WHERE env_id = ?');
  }

  lineage(environmentId: string): EnvTokenLineage | undefined {
    const row = this.selectOne.get(environmentId);
    return row === undefined ? undefined : toLineage(row);
  }

  lineages(): EnvTokenLineage[] {
    return this.selectAll.all().map(toLineage);
  }

  /**
   * Writes a whole token set at once: the environment's DC, its variables and the lineage they come
   * from (null when the tokens were cleared). The previous token's auto-refresh decision goes with it.
   */
  writeSet(
    environmentId: string,
    dcId: string | null,
    variables: readonly EnvVariable[],
    lineage: EnvTokenLineage | null,
  ): EnvironmentRecord | undefined {
    return writeTransaction(this.db, () => {
      const updated = this.environments.replaceDcAndVariables(environmentId, dcId, variables);
      if (updated === undefined) return undefined;
      if (lineage === null) this.deleteRow.run(environmentId);
      else this.upsertRow.run(toRow({ ...lineage, environmentId }));
      this.deleteDecision.run(environmentId);
      return updated;
    });
  }

  /** The environment's tokens were changed by hand: they no longer belong to a known lineage. */
  forget(environmentId: string): void {
    writeTransaction(this.db, () => {
      this.deleteRow.run(environmentId);
      this.deleteDecision.run(environmentId);
    });
  }

  decision(environmentId: string): StoredDecision | undefined {
    const row = this.selectDecision.get(environmentId);
    if (row === undefined) return undefined;
    return {
      environmentId: row.env_id,
      accessTokenId: row.access_token_id,
      decision: fromJsonText(row.decision_json),
      updatedAt: row.updated_at,
    };
  }

  /**
   * Records a decision about the environment's current access token. Answers false when the same
   * decision was already there (another process, or this one a moment ago), so callers only announce
   * real changes.
   */
  decide(environmentId: string, accessTokenId: string, decision: JsonValue): boolean {
    const text = toJsonText(decision);
    return writeTransaction(this.db, () => {
      const known = this.selectDecision.get(environmentId);
      if (known?.access_token_id === accessTokenId && known.decision_json === text) return false;
      if (this.environments.get(environmentId) === undefined) return false;
      this.upsertDecision.run({
        env_id: environmentId,
        access_token_id: accessTokenId,
        decision_json: text,
        updated_at: this.now(),
      });
      return true;
    });
  }

  /**
   * Takes a decision as a claim, once: false when the same decision was taken at or after
   * `freshSince` (by this process or another), so two processes due at the same moment do not both
   * act. An older identical claim is stale (its process may have died) and is taken over.
   */
  claim(environmentId: string, accessTokenId: string, decision: JsonValue, freshSince: number): boolean {
    const text = toJsonText(decision);
    return writeTransaction(this.db, () => {
      const known = this.selectDecision.get(environmentId);
      const fresh =
        known !== undefined &&
        known.access_token_id === accessTokenId &&
        known.decision_json === text &&
        known.updated_at >= freshSince;
      if (fresh || this.environments.get(environmentId) === undefined) return false;
      this.upsertDecision.run({
        env_id: environmentId,
        access_token_id: accessTokenId,
        decision_json: text,
        updated_at: this.now(),
      });
      return true;
    });
  }

  /** Forgets the decision (the user turned auto-refresh off and on, or fixed the cause). */
  undecide(environmentId: string): boolean {
    return this.deleteDecision.run(environmentId).changes > 0;
  }
}

function toLineage(row: LineageRow): EnvTokenLineage {
  return {
    environmentId: row.env_id,
    clientRef: row.client_ref,
    dcId: row.dc_id,
    userId: row.user_id,
    accessTokenId: row.access_token_id,
    refreshTokenId: row.refresh_token_id,
    writtenAt: row.written_at,
  };
}

function toRow(lineage: EnvTokenLineage): LineageRow {
  return {
    env_id: lineage.environmentId,
    client_ref: lineage.clientRef,
    dc_id: lineage.dcId,
    user_id: lineage.userId,
    access_token_id: lineage.accessTokenId,
    refresh_token_id: lineage.refreshTokenId,
    written_at: lineage.writtenAt,
  };
}
