/**
 * `tokenbench`: the second shell over the workbench services (issue 3, "The tokenbench CLI"), like
 * newman for Postman. Commands call the same handler table as the UI, so validation and behaviour
 * are the same; bin/tokenbench.js runs this file.
 */
import { commandWords, parseCommand, splitGlobals, type CommandSpec } from './args';
import { COMMANDS, lookup } from './commands';
import { CommandFailure, EXIT, exitCodeOf, failureLine, oneLine, UsageError, usageLine } from './exit';
import { commandHelp, groupHelp, topHelp } from './help';
import { printJson, processIo, type Io } from './output';

export interface MainOptions {
  readonly version: string;
  readonly io?: Io;
}

/** Where the run stands when something fails, for the right message and --json output. */
interface Where {
  command: string;
  json: boolean;
}

export async function main(argv: readonly string[], options: MainOptions): Promise<number> {
  const io = options.io ?? processIo();
  const where: Where = { command: 'tokenbench', json: false };
  try {
    return await dispatchCommand(argv, options.version, io, where);
  } catch (error: unknown) {
    return report(error, io, where);
  }
}

async function dispatchCommand(
  argv: readonly string[],
  version: string,
  io: Io,
  where: Where,
): Promise<number> {
  const invocation = splitGlobals(argv);
  if (invocation.version) {
    io.out(`tokenbench ${version}`);
    return EXIT.done;
  }
  const words = commandWords(invocation.rest);
  // `tokenbench help dc add` is `tokenbench dc add --help`.
  const helpWord = words[0] === 'help';
  const helpWanted = invocation.help || helpWord;
  const named = helpWord ? words.slice(1) : words;
  const found = lookup(named);
  if (found.kind === 'unknown') {
    if (helpWanted && named.length === 0) {
      io.out(topHelp(version, COMMANDS));
      return EXIT.done;
    }
    if (named.length === 0) throw new UsageError('no command given', 'tokenbench --help');
    throw new UsageError(`unknown command "${named[0] ?? ''}"`, 'tokenbench --help');
  }
  if (found.kind === 'group') {
    if (helpWanted && found.sub === undefined) {
      io.out(groupHelp(found.group, COMMANDS));
      return EXIT.done;
    }
    const problem = found.sub === undefined ? 'needs a subcommand' : `has no subcommand "${found.sub}"`;
    throw new UsageError(`"${found.group}" ${problem}`, `tokenbench ${found.group} --help`);
  }
  return runCommand(found.spec, invocation, io, where, helpWanted);
}

async function runCommand(
  spec: CommandSpec,
  invocation: ReturnType<typeof splitGlobals>,
  io: Io,
  where: Where,
  helpWanted: boolean,
): Promise<number> {
  where.command = `tokenbench ${spec.path.join(' ')}`;
  if (helpWanted) {
    io.out(commandHelp(spec));
    return EXIT.done;
  }
  const { options, positional } = parseCommand(spec, invocation.rest.slice(spec.path.length));
  where.json = options.flag('json');
  return spec.run({ command: where.command, options, positional, home: invocation.home, io });
}

function report(error: unknown, io: Io, where: Where): number {
  if (error instanceof UsageError) {
    io.err(usageLine(error, where.command));
    return EXIT.usage;
  }
  if (error instanceof CommandFailure) {
    // With --json a script gets the failure as data too: the same object the handlers answer.
    if (where.json) printJson(io, error.failure);
    io.err(failureLine(error.failure, where.command));
    return exitCodeOf(error.failure);
  }
  // A bug: name it without a stack (its text comes from our code, never from a secret value).
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.err(`tokenbench: internal_error: ${oneLine(detail).slice(0, 300)}. Please report it.`);
  return EXIT.failed;
}
