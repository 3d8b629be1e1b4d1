import type { IpcResult } from '../../shared/ipc/define';
import { guardRefusalOf } from '../../shared/ipc/views';
import { failureSentence } from '../../shared/words/failures';
import { guardMessage } from '../../shared/words/limits';

/** The exit codes scripts switch on (issue 3, "The tokenbench CLI"). */
export const EXIT = {
  done: 0,
  failed: 1,
  usage: 2,
  /** Refused by the limit guard; `--force` overrides. */
  guard: 3,
  /** Interrupted with Ctrl+C (128 + SIGINT), as shells report it. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Wrong usage: an unknown command or option, a missing or bad value. Thrown so a check deep in a
 * command (an unknown client name) ends it at once; main turns it into one stderr line and exit 2.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** What to read next, e.g. `tokenbench client list`; else the command's --help. */
    readonly seeAlso?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type CliFailure = Extract<IpcResult<unknown>, { ok: false }>;

/** A service's answer as data (code, message, Zoho's word), carried to main unchanged. */
export class CommandFailure extends Error {
  constructor(readonly failure: CliFailure) {
    super(failure.message);
    this.name = 'CommandFailure';
  }
}

/** The option a form field of the services corresponds to, for "check --accounts-url". */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  id: '--id',
  name: '--name',
  accountsUrl: '--accounts-url',
  apiDomain: '--api-domain',
  developerApiDomain: '--developer-api-domain',
  sandboxApiDomain: '--sandbox-api-domain',
  dcId: '--dc',
  zohoClientId: '--client-id',
  redirectUri: '--redirect-uri',
  clientSecret: 'the secret on standard input',
  type: '--type',
};

/** The services' refusals of a value the user typed: the request never left the machine. */
const BAD_VALUE_CODES = new Set(['invalid_arguments', 'token_not_found']);

export function fieldOf(failure: CliFailure): string | null {
  const detail: unknown = failure.detail;
  if (typeof detail !== 'object' || detail === null || !('field' in detail)) return null;
  const field: unknown = detail.field;
  return typeof field === 'string' ? field : null;
}

export function exitCodeOf(failure: CliFailure): ExitCode {
  if (failure.code === 'limit_guard') return EXIT.guard;
  if (failure.code === 'interrupted') return EXIT.interrupted;
  if (fieldOf(failure) !== null || BAD_VALUE_CODES.has(failure.code)) return EXIT.usage;
  return EXIT.failed;
}

/**
 * What to say, made from the failure's data by the words every shell shares: the guard's answer
 * with the CLI's own way to override it, Zoho's refusal with Zoho's words as sent, else the message.
 */
function wordsOf(failure: CliFailure): string {
  const refusal = guardRefusalOf(failure);
  if (refusal !== null) return guardMessage(refusal, 'cli');
  return failureSentence(failure);
}

/** Exactly one line: what failed (Zoho's error named, as Zoho spells it), and what to do. */
export function failureLine(failure: CliFailure, command: string): string {
  const message = withExchange(oneLine(wordsOf(failure)), failure.exchangeId);
  const label = failure.zoho?.error ?? failure.code;
  const field = fieldOf(failure);
  const flag = field === null ? undefined : FLAG_OF_FIELD[field];
  if (flag === undefined && exitCodeOf(failure) !== EXIT.usage) return `tokenbench: ${label}: ${message}`;
  const where = flag === undefined ? '' : ` (${flag})`;
  return `tokenbench: ${label}: ${message.replace(/\.$/, '')}${where}. See '${command} --help'.`;
}

/** Where the request and the answer behind a failure are, raw (the traffic console, issue 10 part 5). */
function withExchange(message: string, exchangeId: number | undefined): string {
  if (exchangeId === undefined) return message;
  return `${message} The exchange, raw: tokenbench log --id ${String(exchangeId)}.`;
}

export function usageLine(error: UsageError, command: string): string {
  const see = error.seeAlso ?? `${command} --help`;
  return `tokenbench: ${oneLine(error.message).replace(/\.$/, '')}. See '${see}'.`;
}

export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
