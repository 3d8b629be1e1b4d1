import type { Database, Statement } from 'better-sqlite3';
import type { JsonValue } from '../../../shared/workspace/model';
import { fromJsonText, toJsonText } from './json';

export type Theme = 'system' | 'light' | 'dark';

/** Every setting the workspace keeps, with its type. Add a key here and a check below. */
export interface Settings {
  /** The LimitProfile in force (shared/limits/profile.ts). */
  readonly limitProfileId: string;
  readonly theme: Theme;
  /**
   * When variables named like secrets, kept in plain text by versions before names counted, were
   * moved to the keychain (move-named-secrets.ts); unset until that has run once.
   */
  readonly namedSecretsMovedAt: number;
}

export type SettingKey = keyof Settings;

/** Runtime checks, so a value written by another version (or edited by hand) is ignored, not trusted. */
const CHECKS: { readonly [K in SettingKey]: (value: JsonValue) => value is Settings[K] } = {
  limitProfileId: (value): value is string => typeof value === 'string' && value.length > 0,
  theme: (value): value is Theme => value === 'system' || value === 'light' || value === 'dark',
  namedSecretsMovedAt: (value): value is number => typeof value === 'number' && Number.isFinite(value),
};

/** Small typed key → JSON map: user preferences that are not records. */
export class SettingsTable {
  private readonly selectOne: Statement<[string], { value_json: string }>;
  private readonly upsertRow: Statement<[string, string]>;
  private readonly deleteRow: Statement<[string]>;

  constructor(db: Database) {
    this.selectOne = db.prepare('SELECT value_json FROM settings WHERE key = ?');
    this.upsertRow = db.prepare(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    );
    this.deleteRow = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  /** The stored value, or undefined when unset or not of the expected type. */
  get<K extends SettingKey>(key: K): Settings[K] | undefined {
    const row = this.selectOne.get(key);
    if (row === undefined) return undefined;
    const value = fromJsonText(row.value_json);
    const check: (value: JsonValue) => value is Settings[K] = CHECKS[key];
    return check(value) ? value : undefined;
  }

  set<K extends SettingKey>(key: K, value: Settings[K]): void {
    if (!CHECKS[key](value)) throw new Error(`Setting "${key}" cannot take that value.`);
    this.upsertRow.run(key, toJsonText(value));
  }

  /** Back to the default (unset). */
  clear(key: SettingKey): void {
    this.deleteRow.run(key);
  }
}
