import type { JsonValue } from '../../../shared/workspace/model';

/** JSON text for a column. Values come from our own typed records, so stringify cannot meet a cycle. */
export function toJsonText(value: JsonValue): string {
  return JSON.stringify(value);
}

/** Reads back a column this store wrote with `toJsonText`. */
export function fromJsonText(text: string): JsonValue {
  const value: unknown = JSON.parse(text);
  return value as JsonValue;
}

export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

export function fromFlag(value: number): boolean {
  return value !== 0;
}
