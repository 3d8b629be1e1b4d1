import type { JsonValue } from '../workspace/model';

/** What a placeholder needs of a variable; EnvVariable fits, with secrets' values filled in. */
export interface PlaceholderVariable {
  readonly key: string;
  readonly value: JsonValue;
  readonly enabled: boolean;
}

/** Postman's `{{name}}` syntax: anything but braces between double braces. */
const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

/**
 * Fills `{{variable}}` placeholders as Postman does for a request. Left as written, so a request
 * runner can point at them: unknown names (Postman's dynamic `{{$guid}}` too), disabled variables,
 * and null values (a secret whose value was not supplied). One pass, no recursion: a value that itself
 * holds `{{...}}` is inserted verbatim, so variables cannot loop or smuggle other variables in.
 */
export function fillPlaceholders(text: string, variables: Iterable<PlaceholderVariable>): string {
  const values = new Map<string, string>();
  for (const variable of variables) {
    const value = placeholderText(variable.value);
    // Later enabled variables win, like assignments in order.
    if (variable.enabled && value !== null) values.set(variable.key, value);
  }
  return text.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
}

/** The distinct names of the placeholders in a text, in order of first use. */
export function findPlaceholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] ?? ''))];
}

function placeholderText(value: JsonValue): string | null {
  if (value === null) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
