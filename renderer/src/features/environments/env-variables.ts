import {
  SECRET_VARIABLES,
  ZOHO_VARIABLES,
  type EnvVariable,
  type JsonValue,
} from '../../../../shared/workspace/model';
import type { ImportOutcome } from '../../../../shared/ipc/import-outcome';

/**
 * How the variable table reads an environment: Zoho's eight variables first, in the order of its
 * Postman collections (Kaizen #79), then the user's in file order. A Zoho variable the environment
 * lacks is still listed, as an empty slot the user can fill. Pure, for unit tests.
 */
export interface VariableRowModel {
  readonly key: string;
  readonly zoho: boolean;
  /** null: a Zoho variable this environment does not have yet. */
  readonly variable: EnvVariable | null;
  /** Whether the value is (or, for a missing Zoho variable, would be) kept in the keychain. */
  readonly secret: boolean;
}

const ZOHO_SET: ReadonlySet<string> = new Set(ZOHO_VARIABLES);

export function variableRows(variables: readonly EnvVariable[]): VariableRowModel[] {
  const byKey = new Map(variables.map((v) => [v.key, v]));
  const zoho = ZOHO_VARIABLES.map((key): VariableRowModel => {
    const variable = byKey.get(key) ?? null;
    return { key, zoho: true, variable, secret: variable?.secret ?? SECRET_VARIABLES.has(key) };
  });
  const others = variables
    .filter((v) => !ZOHO_SET.has(v.key))
    .map((v): VariableRowModel => ({ key: v.key, zoho: false, variable: v, secret: v.secret }));
  return [...zoho, ...others];
}

/** A plain value as one line of text: strings as they are, anything else as JSON. */
export function displayValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Turns the text the user typed back into a value of the variable's original kind: a number stays
 * a number when the text still reads as one (`expiry-time` is epoch milliseconds), likewise a
 * boolean; everything else is the text itself.
 */
export function parseEdited(original: JsonValue | undefined, text: string): JsonValue {
  const trimmed = text.trim();
  if (typeof original === 'number' && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (typeof original === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  if (original !== null && typeof original === 'object') {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }
  return text;
}

/** Epoch milliseconds out of `expiry-time`, as a number or a numeric string; else null. */
export function expiryMs(value: JsonValue | undefined): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  // Anything before 2001 is not epoch milliseconds (seconds, or a duration): say nothing rather than lie.
  return Number.isFinite(n) && n > 1e12 ? n : null;
}

export type KeyProblem = 'empty' | 'exists' | 'too-long' | null;

/** Checks a new variable's key before it is added. */
export function newKeyProblem(key: string, existing: readonly string[]): KeyProblem {
  const trimmed = key.trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length > 200) return 'too-long';
  if (existing.includes(trimmed)) return 'exists';
  return null;
}

/**
 * Keys whose shown value changed between two versions of an environment's variables (a consent,
 * a refresh, a DC switch), so their rows can flash. A key that is new counts as changed.
 */
export function changedKeys(before: readonly EnvVariable[], after: readonly EnvVariable[]): string[] {
  const old = new Map(before.map((v) => [v.key, v]));
  return after
    .filter((v) => {
      const prev = old.get(v.key);
      return (
        prev === undefined ||
        prev.fingerprint !== v.fingerprint ||
        prev.secret !== v.secret ||
        displayValue(prev.value) !== displayValue(v.value)
      );
    })
    .map((v) => v.key);
}

/** The toast after an import: how many variables, how many secrets went to the keychain. */
export function importSummary(variables: readonly EnvVariable[]): string {
  const secrets = variables.filter((v) => v.secret && v.fingerprint !== null).length;
  const n = variables.length;
  return `Imported ${n} variable${n === 1 ? '' : 's'}; ${secrets} secret${secrets === 1 ? '' : 's'} moved to the keychain`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The toast after an import of either kind: a Postman file as before; a FileStore by what it was
 * read as, its environments (one per row), the clients added and the tokens now in the ledger.
 */
export function importOutcomeSummary(outcome: ImportOutcome): string {
  if (outcome.format === 'postman') return importSummary(outcome.environments[0]?.variables ?? []);
  const added = outcome.clients.filter((c) => c.created).length;
  return [
    `Read ${outcome.readAs}`,
    plural(outcome.environments.length, 'environment'),
    `${plural(added, 'client')} added`,
    `${plural(outcome.tokens.recorded, 'token')} added to the ledger`,
  ].join('; ');
}
