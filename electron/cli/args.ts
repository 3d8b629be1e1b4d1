import { parseArgs } from 'node:util';
import { UsageError } from './exit';
import type { Io } from './output';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** The placeholder in help, e.g. `URL`. */
  readonly value?: string;
  readonly required?: boolean;
  readonly choices?: readonly string[];
  readonly help: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec {
  /** `['dc', 'add']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Extra lines for `--help`. */
  readonly notes?: readonly string[];
  readonly options: OptionSpecs;
  readonly positional?: { readonly name: string; readonly help: string };
  readonly run: (input: CommandInput) => Promise<number>;
}

export interface CommandInput {
  /** `tokenbench dc add`, for messages. */
  readonly command: string;
  readonly options: OptionValues;
  readonly positional: string | undefined;
  /** `--home DIR`; else the services use $TOKENBENCH_HOME or the platform's folder. */
  readonly home: string | undefined;
  readonly io: Io;
}

/** The parsed options of one command, read by name. */
export class OptionValues {
  constructor(private readonly values: Readonly<Record<string, string | boolean | undefined>>) {}

  string(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' ? value : undefined;
  }

  /** A required option: the parser has checked it is there, so a miss is a bug in a spec. */
  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw new UsageError(`--${name} is required`);
    return value;
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }
}

/** What comes before the command's own options: the global options and the command's words. */
export interface Invocation {
  readonly home: string | undefined;
  readonly help: boolean;
  readonly version: boolean;
  /** Everything else, in order: the command path first, then its options and arguments. */
  readonly rest: readonly string[];
}

/**
 * Takes the global options out wherever they stand (`tokenbench --home X dc list` and
 * `tokenbench dc list --home X` both work), leaving the command and its options to `parseCommand`.
 */
export function splitGlobals(argv: readonly string[]): Invocation {
  let home: string | undefined;
  let help = false;
  let version = false;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--home' || arg.startsWith('--home=')) {
      const value = arg === '--home' ? argv[++i] : arg.slice('--home='.length);
      if (value === undefined || value === '' || value.startsWith('-'))
        throw new UsageError('--home needs a folder', 'tokenbench --help');
      home = value;
    } else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--version' || arg === '-V') version = true;
    else rest.push(arg);
  }
  return { home, help, version, rest };
}

/** The leading words that name a command (`dc add`, `status`, `help dc add`); at most three. */
export function commandWords(rest: readonly string[]): string[] {
  const words: string[] = [];
  for (const arg of rest) {
    if (arg.startsWith('-') || words.length === 3) break;
    words.push(arg);
  }
  return words;
}

/** Parses one command's options strictly: unknown options, missing values and extra words are usage errors. */
export function parseCommand(
  spec: CommandSpec,
  args: readonly string[],
): { options: OptionValues; positional: string | undefined } {
  const config = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, { type: o.type }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: config, strict: true, allowPositionals: true });
  } catch (error: unknown) {
    throw new UsageError(describeParseError(error));
  }
  const positional = checkPositionals(spec, parsed.positionals);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, option] of Object.entries(spec.options)) checkOption(name, option, values[name]);
  return { options: new OptionValues(values), positional };
}

function checkPositionals(spec: CommandSpec, positionals: readonly string[]): string | undefined {
  const expected = spec.positional === undefined ? 0 : 1;
  const extra = positionals[expected];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const [first] = positionals;
  if (spec.positional !== undefined && first === undefined)
    throw new UsageError(`${spec.positional.name} is required`);
  return first;
}

function checkOption(name: string, option: OptionSpec, value: string | boolean | undefined): void {
  if (value === undefined) {
    if (option.required === true) throw new UsageError(`--${name} is required`);
    return;
  }
  if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${name} needs a value`);
  if (option.choices !== undefined && typeof value === 'string' && !option.choices.includes(value))
    throw new UsageError(`--${name} must be ${option.choices.join(' or ')}, not "${value}"`);
}

/** node:util's messages are long and suggest syntax we do not use; say the same in a few words. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']*)'/.exec(message)?.[1]?.split(' ')[0] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument "${quoted}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return message.includes('does not take') ? `${quoted} takes no value` : `${quoted} needs a value`;
  return message;
}

/** A whole number of seconds in a range, for `--timeout`. */
export function parseSeconds(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
    throw new UsageError(`--${name} must be a whole number of seconds from 1 to ${max}, not "${raw}"`);
  return Number(raw);
}
