import {
  CONTRACT,
  type ArgsOf,
  type ChannelName,
  type ParsedArgsOf,
  type ValueOf,
} from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';
import type { TokenRow } from '../../shared/ipc/views';
import { fail } from '../../shared/result';
import type { ClientRecord, EnvironmentRecord } from '../../shared/workspace/model';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { BrowserOpener } from '../services/workbench/context';
import { dispatch } from '../services/workbench/handlers';
import { createWorkbench, type Workbench } from '../services/workbench/workbench';
import type { CommandInput } from './args';
import { CommandFailure, UsageError } from './exit';

const noBrowser: BrowserOpener = () => Promise.resolve(undefined);

/** The CLI never copies: a secret it is asked for goes to standard output (env export --include-secrets). */
const noClipboard = {
  writeText: (): never => {
    throw new Error('The tokenbench CLI has no clipboard.');
  },
};

/**
 * Opens the workspace for one command and closes it after, whatever happens. A workspace that was
 * damaged and moved aside on open is reported once, on stderr, and the command goes on.
 */
export async function withWorkbench<T>(
  input: CommandInput,
  use: (wb: Workbench) => Promise<T>,
  openBrowser: BrowserOpener = noBrowser,
  /** Push events, for a command that follows a flow's progress (device); others ignore them. */
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void,
): Promise<T> {
  // No auto-refresh in a command that lasts seconds (see WorkbenchOptions.autoRefresh); the app and
  // browser mode run it, and `env list` reads what they decided.
  // A CLI run asks when it starts: a refresh another run finished since then answers this one too.
  const askedAt = Math.floor(performance.timeOrigin);
  const opened = createWorkbench({
    home: input.home,
    openBrowser,
    clipboard: noClipboard,
    askedAt,
    ...(emit === undefined ? {} : { emit }),
    autoRefresh: false,
  });
  if (!opened.ok) throw new CommandFailure(opened);
  const wb = opened.value;
  if (wb.recovered !== null) input.io.err(`tokenbench: ${wb.recovered.message}`);
  try {
    await wb.ready;
    return await use(wb);
  } finally {
    await wb.close();
  }
}

/**
 * One channel of the contract, through the same handler table and argument parsing as the UI, so
 * the CLI validates and behaves exactly alike. A failure ends the command (main prints it).
 */
export async function call<C extends ChannelName>(
  wb: Workbench,
  channel: C,
  args: ArgsOf<C>,
): Promise<ValueOf<C>> {
  // dispatch answers IpcResult<unknown>; the contract ties this channel to ValueOf<C>.
  const result = (await dispatch(wb.handlers, channel, args)) as IpcResult<ValueOf<C>>;
  if (!result.ok) throw new CommandFailure(result);
  return result.value;
}

interface Named {
  readonly id: string;
  readonly name: string;
}

/** By id, else by name (case-insensitive, as client names are unique that way). */
export function pick<T extends Named>(
  items: readonly T[],
  ref: string,
  what: string,
  listCommand: string,
): T {
  const byId = items.find((item) => item.id === ref);
  if (byId !== undefined) return byId;
  const matches = items.filter((item) => item.name.toLowerCase() === ref.trim().toLowerCase());
  const [only] = matches;
  if (only !== undefined && matches.length === 1) return only;
  if (matches.length > 1) {
    const ids = matches.map((m) => m.id).join(', ');
    throw new UsageError(
      `"${ref}" names ${matches.length} ${what}s (${ids}): give the id instead`,
      listCommand,
    );
  }
  const names = items.map((item) => `"${item.name}"`).join(', ');
  const known = items.length === 0 ? `there are no ${what}s yet` : `the ${what}s are ${names}`;
  throw new UsageError(`no ${what} named "${ref}"; ${known}`, listCommand);
}

export async function resolveClient(wb: Workbench, ref: string): Promise<ClientRecord> {
  return pick(await call(wb, 'clients:list', {}), ref, 'client', 'tokenbench client list');
}

export async function resolveEnvironment(wb: Workbench, ref: string): Promise<EnvironmentRecord> {
  return pick(await call(wb, 'environments:list', {}), ref, 'environment', 'tokenbench env list');
}

export async function resolveOptionalEnvironment(
  wb: Workbench,
  ref: string | undefined,
): Promise<EnvironmentRecord | undefined> {
  return ref === undefined ? undefined : resolveEnvironment(wb, ref);
}

/** A refresh token of this client, by id; anything else is named with the client's live ones. */
export async function resolveRefreshToken(
  wb: Workbench,
  client: ClientRecord,
  id: string,
): Promise<TokenRow> {
  const tokens = await call(wb, 'tokens:list', { clientRef: client.id });
  const refresh = tokens.filter((t) => t.kind === 'refresh');
  const found = refresh.find((t) => t.id === id.trim());
  if (found !== undefined) return found;
  const live = refresh.filter((t) => t.status === 'active').map((t) => `${t.id} (${t.fingerprint})`);
  const known =
    live.length === 0 ? 'it has no live refresh token' : `its live refresh tokens are ${live.join(', ')}`;
  // Someone who pasted the token itself instead of its id must not see it echoed into a log.
  const given = /^rt_\w{1,64}$/.test(id.trim()) ? `"${id}"` : 'with that id (ids look like rt_…)';
  throw new UsageError(
    `client "${client.name}" has no refresh token ${given}; ${known}`,
    `tokenbench status --client "${client.name}"`,
  );
}

/**
 * The contract's own argument check, for the one place the CLI calls a service directly (authorize
 * needs the consent's `done` promise, which the channel keeps in main): same schema, same message.
 */
export function parseArgsOf<C extends ChannelName>(channel: C, args: ArgsOf<C>): ParsedArgsOf<C> {
  const parsed = CONTRACT[channel].args.safeParse(args);
  if (parsed.success) return parsed.data as ParsedArgsOf<C>;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? 'the arguments' : issue.path.join('.');
  throw new CommandFailure(
    fail('invalid_arguments', `${channel}: ${where} ${issue?.message.toLowerCase() ?? 'are invalid'}.`),
  );
}
