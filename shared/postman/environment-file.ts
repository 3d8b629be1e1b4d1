import { z } from 'zod';
import { fail, ok, type Result } from '../result';
import type { JsonValue } from '../workspace/model';

/**
 * A Postman environment file as Postman exports it (zoho-oauth.md, "Postman environments"):
 * `{"id","name","values":[{"key","value","type","enabled"}],"_postman_variable_scope",...}`.
 * Lenient where Postman itself varies across versions: older files say `"type":"text"`, values may
 * be numbers, booleans, objects or null, `enabled` and `type` may be missing, extra keys are kept out
 * of the way. Strict where a guess would lose data: a variable without a key, `values` not a list.
 */
const variableSchema = z.looseObject({
  key: z.string(),
  value: z.json().optional(),
  type: z.string().optional(),
  enabled: z.boolean().optional(),
  /** newman's and postman-collection's word for it (`"disabled": true`); they ignore `enabled`. */
  disabled: z.boolean().optional(),
});

const fileSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  values: z.array(variableSchema),
  _postman_variable_scope: z.string().optional(),
});

export interface PostmanVariable {
  readonly key: string;
  readonly value: JsonValue;
  readonly type: string;
  readonly enabled: boolean;
}

export interface PostmanEnvironmentFile {
  readonly id: string | null;
  readonly name: string;
  readonly values: readonly PostmanVariable[];
}

export type PostmanFileError =
  'postman_not_json' | 'postman_not_environment' | 'postman_bad_shape' | 'postman_duplicate_key';

const EXPORT_AGAIN =
  'Export the environment again from Postman (Environments, the ••• menu, Export) and import that file.';

/** Parses the text of an environment file. Every problem is a coded failure, never a thrown error. */
export function parsePostmanEnvironment(raw: string): Result<PostmanEnvironmentFile, PostmanFileError> {
  const text = withoutBom(raw);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    return fail(
      'postman_not_json',
      `The file is not valid JSON${jsonErrorPlace(text, error)}. ${EXPORT_AGAIN}`,
    );
  }
  const wrongKind = detectOtherPostmanFile(json);
  if (wrongKind !== null) return fail('postman_not_environment', `${wrongKind} ${EXPORT_AGAIN}`);
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success)
    return fail('postman_bad_shape', `${describeIssues(parsed.error.issues, json)} ${EXPORT_AGAIN}`);
  const values = parsed.data.values.map((v): PostmanVariable => ({
    key: v.key,
    // A missing value is an empty one (Postman omits it for blank rows); an explicit null stays null.
    value: v.value === undefined ? '' : v.value,
    type: v.type ?? 'default',
    // Postman writes `enabled: false`, newman `disabled: true`: either one disables it.
    enabled: v.enabled !== false && v.disabled !== true,
  }));
  const duplicate = findDuplicate(values);
  if (duplicate !== null) return fail('postman_duplicate_key', duplicate);
  return ok({ id: parsed.data.id ?? null, name: parsed.data.name.trim() || 'Untitled environment', values });
}

/**
 * Windows editors (Notepad, PowerShell's `Out-File -Encoding utf8`) start a UTF-8 file with a byte
 * order mark, U+FEFF; JSON.parse refuses it, but it is only a marker, never content (RFC 8259 §8.1
 * lets a parser ignore it).
 */
export function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Where JSON.parse stopped, as line and column. Only the position is taken from the engine's message:
 * V8 quotes a slice of the input there, and that slice could be a secret value from the file.
 */
function jsonErrorPlace(text: string, error: unknown): string {
  const position = error instanceof SyntaxError ? /position (\d+)/.exec(error.message)?.[1] : undefined;
  if (position === undefined) return '';
  const before = text.slice(0, Number(position)).split('\n');
  return ` (near line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}

/** A collection or a globals file is a common wrong pick in the file dialog: say so plainly. */
function detectOtherPostmanFile(json: unknown): string | null {
  if (!isRecord(json)) return null;
  if (isRecord(json.info) && Array.isArray(json.item)) {
    return 'This is a Postman collection (requests), not an environment (variables).';
  }
  if (json._postman_variable_scope === 'globals') {
    return 'This is a Postman globals file, not an environment.';
  }
  return null;
}

/**
 * Tokenbench keeps one value per variable name (a secret's keychain entry is named after its key),
 * so two variables with the same key would be ambiguous; Postman would silently use one of them.
 */
function findDuplicate(values: readonly PostmanVariable[]): string | null {
  const seen = new Map<string, number>();
  for (const [index, variable] of values.entries()) {
    const first = seen.get(variable.key);
    if (first !== undefined) {
      return `values[${index}].key "${variable.key}" repeats values[${first}]: an environment holds each variable once. Delete one of them in Postman, then export again.`;
    }
    seen.set(variable.key, index);
  }
  return null;
}

type Issue = z.core.$ZodIssue;

/** The first problem in plain words with where it is (`values[3].key is missing`), plus a count. */
function describeIssues(issues: readonly Issue[], input: unknown): string {
  const first = issues[0];
  if (first === undefined) return 'The file does not look like a Postman environment.';
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${describeIssue(first, input)}${more}.`;
}

function describeIssue(issue: Issue, input: unknown): string {
  const where = formatPath(issue.path);
  if (issue.code !== 'invalid_type') return `${where}: ${issue.message}`;
  const found = valueAt(input, issue.path);
  if (found === undefined) return `${where} is missing`;
  return `${where} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(found)}`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  number: 'a number',
};

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'The file';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = input;
  for (const part of path) {
    if (Array.isArray(here) && typeof part === 'number') here = here[part];
    else if (isRecord(here) && typeof part === 'string') here = here[part];
    else return undefined;
  }
  return here;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
