import type { CommandSpec, OptionSpec } from './args';

export const GLOBAL_OPTIONS: readonly (readonly [string, string])[] = [
  ['--home DIR', "the data folder (else $TOKENBENCH_HOME, else the platform's app-data folder)"],
  ['--help, -h', 'help for tokenbench or for a command'],
  ['--version, -V', 'print the version'],
];

const EXIT_CODES =
  'Exit codes: 0 done, 1 failed (one line on stderr names the error), 2 wrong usage, 3 refused by the limit guard.';

function columns(pairs: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...pairs.map(([left]) => left.length));
  return pairs.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

const optionLabel = (name: string, option: OptionSpec): string =>
  option.type === 'boolean' ? `--${name}` : `--${name} ${option.value ?? 'VALUE'}`;

/** `tokenbench dc add --id ID --name NAME [--json]`: required options first, as written, then the rest. */
export function synopsis(spec: CommandSpec): string {
  const parts = [`tokenbench ${spec.path.join(' ')}`];
  if (spec.positional !== undefined) parts.push(spec.positional.name);
  const entries = Object.entries(spec.options);
  for (const [name, option] of entries) if (option.required === true) parts.push(optionLabel(name, option));
  for (const [name, option] of entries)
    if (option.required !== true) parts.push(`[${optionLabel(name, option)}]`);
  return parts.join(' ');
}

export function commandHelp(spec: CommandSpec): string {
  const options: [string, string][] = Object.entries(spec.options).map(([name, o]) => [
    optionLabel(name, o),
    o.help,
  ]);
  if (spec.positional !== undefined) options.unshift([spec.positional.name, spec.positional.help]);
  return [
    `Usage: ${synopsis(spec)}`,
    '',
    `${spec.summary[0]?.toUpperCase() ?? ''}${spec.summary.slice(1)}.`,
    ...(spec.notes === undefined ? [] : ['', ...spec.notes]),
    '',
    'Options:',
    ...columns([...options, ['--home DIR', GLOBAL_OPTIONS[0]?.[1] ?? '']]),
    '',
    EXIT_CODES,
  ].join('\n');
}

export function groupHelp(group: string, specs: readonly CommandSpec[]): string {
  const mine = specs.filter((s) => s.path[0] === group);
  return [
    `Usage: tokenbench ${group} <${mine.map((s) => s.path[1] ?? '').join('|')}> [options]`,
    '',
    ...columns(mine.map((s) => [s.path.join(' '), s.summary])),
    '',
    `Run 'tokenbench ${group} <command> --help' for its options.`,
  ].join('\n');
}

export function topHelp(version: string, specs: readonly CommandSpec[]): string {
  return [
    `tokenbench ${version}: Zoho OAuth 2.0 tokens from the command line, in the same workspace as the Tokenbench app.`,
    '',
    'Usage: tokenbench <command> [options]',
    '',
    'Commands:',
    ...columns(specs.map((s) => [s.path.join(' '), s.summary])),
    '',
    'Global options:',
    ...columns(GLOBAL_OPTIONS),
    '',
    EXIT_CODES,
    'Secrets never appear in arguments or output: client secrets are read from standard input, and',
    'tokens are shown as ids and fingerprints. Their values live in the system keychain.',
    '',
    "Run 'tokenbench <command> --help' for a command's options.",
  ].join('\n');
}
