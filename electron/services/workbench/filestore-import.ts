import type { ApiEnvironment, DataCenter } from '../../../shared/dc/catalog';
import {
  dcOfApiDomain,
  describeDialect,
  parseFileStore,
  rowVariables,
  sdkUser,
  type ParsedFileStore,
  type SdkTokenRow,
} from '../../../shared/filestore';
import type { ImportNote, ImportOutcome } from '../../../shared/ipc/import-outcome';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { ClientRecord, EnvironmentRecord } from '../../../shared/workspace/model';
import type { SecretAccount } from '../vault/account';
import { dcCatalog, newId, type WorkbenchContext } from './context';
import { variableAccount } from './environments';
import { clientFor } from './filestore-clients';
import { recordImportedTokens } from './imported-tokens';

export interface FileStoreImportInput {
  readonly text: string;
  /** The environment's name (rows beyond the first get their row id after it). */
  readonly name?: string | undefined;
  /** The DC of rows without `api_domain` (the older SDKs' 9-column files). */
  readonly dcId?: string | undefined;
}

interface PlannedRow {
  readonly line: number;
  readonly row: SdkTokenRow;
  readonly dc: DataCenter;
  /** Which of the DC's API domains the row calls (production without api_domain, the SDKs' default). */
  readonly apiEnvironment: ApiEnvironment;
}

/**
 * Imports a Zoho SDK's FileStore: one environment per row, following the row's client (found by
 * Zoho client id and DC, or made, its secret in the keychain), with the row's tokens in the ledger
 * (imported-tokens.ts) and its secret cells in the keychain. Every row is checked before anything is
 * written, so a file with one bad row imports nothing and says which line to fix.
 */
export async function importFileStore(
  ctx: WorkbenchContext,
  input: FileStoreImportInput,
): Promise<Ok<ImportOutcome> | Failure> {
  const parsed = parseFileStore(input.text);
  if (!parsed.ok) return parsed;
  return importSdkRows(ctx, {
    rows: parsed.value.rows,
    readAs: describeDialect(parsed.value.dialect),
    notes: lineEndNote(parsed.value),
    name: input.name,
    dcId: input.dcId,
  });
}

export interface SdkRowsInput {
  /** Each row with where it was read (a FileStore line, a table's row number), for messages. */
  readonly rows: readonly { readonly line: number; readonly row: SdkTokenRow }[];
  /** What the rows were read from, for the outcome ("the Node.js SDK's FileStore (10 columns, LF)"). */
  readonly readAs: string;
  readonly notes?: readonly ImportNote[];
  readonly name?: string | undefined;
  readonly dcId?: string | undefined;
}

/**
 * Any Zoho SDK token store's rows (the FileStore's, or a DBStore table's: the same columns) as
 * environments, clients and ledger entries, as described above.
 */
export async function importSdkRows(
  ctx: WorkbenchContext,
  input: SdkRowsInput,
): Promise<Ok<ImportOutcome> | Failure> {
  const planned = planRows(ctx, input.rows, input.dcId);
  if (!planned.ok) return planned;
  const notes: ImportNote[] = [...(input.notes ?? [])];
  const environments: EnvironmentRecord[] = [];
  const clients = new Map<string, { id: string; name: string; created: boolean }>();
  const tokens = { recorded: 0, known: 0 };
  for (const [index, plan] of planned.value.entries()) {
    const client = await clientFor(ctx, plan, notes);
    if (!client.ok) return partial(client, environments.length);
    if (client.value !== null) {
      const seen = clients.get(client.value.record.id);
      clients.set(client.value.record.id, {
        id: client.value.record.id,
        name: client.value.record.name,
        created: seen?.created === true || client.value.created,
      });
    }
    const made = await rowEnvironment(ctx, plan, client.value?.record ?? null, index, input.name);
    if (!made.ok) return partial(made, environments.length);
    environments.push(made.value.env);
    tokens.recorded += made.value.recorded;
    tokens.known += made.value.known;
    ctx.emit('environments:changed', { environmentId: made.value.env.id });
    if (client.value !== null) ctx.emit('tokens:changed', { clientRef: client.value.record.id });
  }
  return ok({
    format: 'filestore',
    readAs: input.readAs,
    environments,
    clients: [...clients.values()],
    tokens,
    notes,
  });
}

/** Each row's DC, from `api_domain` as the SDKs find it, else the one the user named. */
function planRows(
  ctx: WorkbenchContext,
  rows: SdkRowsInput['rows'],
  dcId: string | undefined,
): Ok<PlannedRow[]> | Failure {
  const catalog = dcCatalog(ctx);
  const given = dcId === undefined ? undefined : catalog.byLocation(dcId);
  if (dcId !== undefined && given === undefined) {
    return fail(
      'dc_not_found',
      `The DC "${dcId}" is not in the catalog: run tokenbench dc list to see them.`,
    );
  }
  const plans: PlannedRow[] = [];
  for (const { line, row } of rows) {
    if (row.apiDomain !== null) {
      const found = dcOfApiDomain(catalog.all, row.apiDomain);
      if (found === undefined) {
        return fail(
          'filestore_unknown_dc',
          `Line ${line}: api_domain ${row.apiDomain} is not the API domain of any DC Tokenbench knows. Add that DC first (tokenbench dc add, or DCs in the app), then import again.`,
        );
      }
      plans.push({ line, row, dc: found.dc, apiEnvironment: found.environment });
    } else if (given !== undefined) {
      plans.push({ line, row, dc: given, apiEnvironment: 'production' });
    } else {
      return fail(
        'filestore_dc_required',
        `Line ${line} has no api_domain (an older SDK wrote 9 columns), so its DC is unknown: name it with --dc (us, eu, in, au, jp, cn, ca, sa, uk, or one you added), or pick it in the import dialog.`,
      );
    }
  }
  return ok(plans);
}

function lineEndNote(parsed: ParsedFileStore): ImportNote[] {
  if (parsed.dialect.lineEnd !== '\r\n' || parsed.dialect.sdk === 'python') return [];
  return [
    {
      code: 'line_ends_break_node_sdk',
      message: `The file ends its lines with CRLF, which the ${parsed.dialect.sdk === 'node' ? 'Node.js' : 'TypeScript'} SDK cannot read (it splits on "\\n", so every api_domain ends in a stray CR). Tokenbench read it correctly; export it back with --sdk ${parsed.dialect.sdk} for a file that SDK reads.`,
    },
  ];
}

/** Rows imported before a failure stay imported; the message says how many. */
function partial(failure: Failure, done: number): Failure {
  if (done === 0) return failure;
  return fail(failure.code, `${failure.message} The first ${done} row(s) were imported already.`);
}

async function rowEnvironment(
  ctx: WorkbenchContext,
  { row, dc, apiEnvironment }: PlannedRow,
  client: ClientRecord | null,
  index: number,
  chosen: string | undefined,
): Promise<Ok<{ env: EnvironmentRecord; recorded: number; known: number }> | Failure> {
  const id = newId('env');
  const { variables, secrets } = rowVariables(row, dc);
  const written: SecretAccount[] = [];
  const undo = async () => {
    for (const account of written) await ctx.vault.delete(account);
  };
  for (const secret of secrets) {
    const account = variableAccount(id, secret.key);
    const stored = await ctx.vault.set(account, secret.value);
    if (!stored.ok) {
      await undo();
      return fail(stored.code, `${stored.message} Row ${index + 1} was not imported.`);
    }
    written.push(account);
  }
  let counts = { recorded: 0, known: 0 };
  if (client !== null) {
    const tokens = await recordImportedTokens(ctx, client, dc, row);
    if (!tokens.ok) {
      await undo();
      return tokens;
    }
    const made = [tokens.value.refresh, tokens.value.access].filter((t) => t !== null).length;
    counts = { recorded: made - tokens.value.known, known: tokens.value.known };
  }
  const env: EnvironmentRecord = {
    id,
    postmanId: null,
    name: environmentName(row, index, chosen),
    clientRef: client?.id ?? null,
    dcId: dc.id,
    apiEnvironment,
    autoRefresh: false,
    variables,
    updatedAt: ctx.now(),
  };
  ctx.store.environments.upsert(env);
  return ok({ env, ...counts });
}

function environmentName(row: SdkTokenRow, index: number, chosen: string | undefined): string {
  const label = `row ${row.id ?? String(index + 1)}`;
  const name = chosen?.trim()
    ? index === 0
      ? chosen.trim()
      : `${chosen.trim()} (${label})`
    : `SDK ${label}${row.userName === null ? '' : ` · ${sdkUser(row.userName)?.email ?? ''}`}`;
  return name.slice(0, 80);
}
