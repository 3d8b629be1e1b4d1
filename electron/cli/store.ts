import { SDK_DB_DEFAULTS, storeAddress, type TokenStoreRecord } from '../../shared/stores/model';
import type { StoreRowsPage, StoreRowView } from '../../shared/stores/views';
import type { CommandInput, CommandSpec } from './args';
import { EXIT, UsageError } from './exit';
import { JSON_OPTION } from './options';
import { formatSpan, formatTime, NONE, printJson, table, type Cell, type Io } from './output';
import { call, pick, withWorkbench } from './session';
import { readSecret } from './stdin';
import { HAND_OVER } from './store-hand-over';
import type { Workbench } from '../services/workbench/workbench';

const access = (store: TokenStoreRecord): string => (store.writable ? 'writable' : 'read-only');

async function resolveStore(wb: Workbench, ref: string): Promise<TokenStoreRecord> {
  return pick(await call(wb, 'stores:list', {}), ref, 'token store', 'tokenbench store list');
}

function number(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new UsageError(
      `--${name} must be a whole number from ${String(min)} to ${String(max)}, not "${raw}"`,
    );
  return Number(raw);
}

async function addStore(input: CommandInput): Promise<number> {
  const { options, io } = input;
  const port = number('port', options.string('port'), 1, 65535);
  // The SDK's default password is empty, so no input means none.
  const password = await readSecret(io, 'Database password (Enter for none): ');
  return withWorkbench(input, async (wb) => {
    const store = await call(wb, 'stores:add', {
      name: options.required('name'),
      host: options.string('host'),
      port,
      database: options.string('database'),
      table: options.string('table'),
      user: options.required('user'),
      password,
      writable: options.flag('writable'),
    });
    if (options.flag('json')) printJson(io, store);
    else {
      const secret = store.hasPassword ? `its password is in the ${wb.ctx.vault.label}` : 'no password';
      io.out(`Added token store "${store.name}" (${storeAddress(store)}), ${access(store)}; ${secret}.`);
    }
    return EXIT.done;
  });
}

const add: CommandSpec = {
  path: ['store', 'add'],
  summary:
    "add a server's token store (Zoho SDK DBStore, MySQL or MariaDB); its password from standard input",
  notes: [
    'The database password is read from standard input, never from an argument:',
    '  printf %s "$DB_PASSWORD" | tokenbench store add --name "CRM prod" --host db.example --user crm',
    "Tokenbench reads the table first and adds nothing unless it is the SDK's token table.",
    'A store is read-only unless --writable: a server depends on its rows.',
  ],
  options: {
    name: { type: 'string', value: 'NAME', required: true, help: 'a name of your choice, unique' },
    host: {
      type: 'string',
      value: 'HOST',
      help: `the database host, or a socket path (default ${SDK_DB_DEFAULTS.host})`,
    },
    port: {
      type: 'string',
      value: 'PORT',
      help: `the database port (default ${String(SDK_DB_DEFAULTS.port)})`,
    },
    database: {
      type: 'string',
      value: 'NAME',
      help: `the database (default ${SDK_DB_DEFAULTS.database}, the SDK's)`,
    },
    table: { type: 'string', value: 'NAME', help: `the table (default ${SDK_DB_DEFAULTS.table}, the SDK's)` },
    user: { type: 'string', value: 'USER', required: true, help: 'the database user' },
    writable: { type: 'boolean', help: 'allow Tokenbench to write rows (hand a token to the store)' },
    ...JSON_OPTION,
  },
  run: addStore,
};

function printStores(io: Io, stores: readonly TokenStoreRecord[]): void {
  if (stores.length === 0) {
    io.out('No token stores yet: add one with tokenbench store add.');
    return;
  }
  const rows = stores.map((s) => [
    s.name,
    s.id,
    storeAddress(s),
    access(s),
    s.hasPassword ? 'keychain' : 'none',
  ]);
  io.out(table(['NAME', 'ID', 'WHERE', 'ACCESS', 'PASSWORD'], rows, io.style));
}

const list: CommandSpec = {
  path: ['store', 'list'],
  summary: 'list the token stores (never a password)',
  options: JSON_OPTION,
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const stores = await call(wb, 'stores:list', {});
      if (input.options.flag('json')) printJson(input.io, stores);
      else printStores(input.io, stores);
      return EXIT.done;
    }),
};

function knownCell(io: Io, row: StoreRowView): Cell {
  if (row.problems.length > 0)
    return { text: `not a token: ${row.problems.join('; ')}`, paint: io.style.red };
  if (row.refreshFingerprint === null) return { text: 'no refresh token' };
  if (row.known === null) return { text: 'minted elsewhere', paint: io.style.yellow };
  const who = row.known.userLabel ?? `user ${row.known.userId}`;
  const how = row.known.confirmed ? '' : ', by fingerprint';
  return { text: `${row.known.status}, ${row.known.tokenId} (${who}${how})` };
}

function expiryCell(row: StoreRowView, at: number): string {
  if (row.expiresAt === null) return NONE;
  const left = row.expiresAt - at;
  return `${formatTime(row.expiresAt)} (${left > 0 ? `in ${formatSpan(left)}` : 'expired'})`;
}

function printRows(io: Io, store: TokenStoreRecord, page: StoreRowsPage, at: number): void {
  io.out(`Token store "${store.name}" (${storeAddress(store)}), ${access(store)}`);
  if (page.rows.length === 0) {
    io.out(page.after === null ? 'The table has no rows.' : `No rows after ${page.after}.`);
    return;
  }
  const rows = page.rows.map((r) => [
    r.rowId,
    r.user ?? NONE,
    r.clientId ?? NONE,
    r.refreshFingerprint ?? NONE,
    knownCell(io, r),
    expiryCell(r, at),
  ]);
  io.out(
    table(['ROW', 'USER', 'CLIENT ID', 'REFRESH', 'IN TOKENBENCH', 'ACCESS TOKEN EXPIRES'], rows, io.style),
  );
  if (page.nextAfter !== null)
    io.out(`More rows: tokenbench store show "${store.name}" --after ${page.nextAfter}`);
}

const show: CommandSpec = {
  path: ['store', 'show'],
  summary: "list a token store's rows as tokens, a page at a time (fingerprints, never values)",
  notes: [
    'Rows come in the order of their id (the primary key, compared as text). Each row says whether',
    "Tokenbench minted its refresh token; the ones it did not count toward their user's 20.",
  ],
  positional: { name: 'STORE', help: 'the token store, by name (or id)' },
  options: {
    after: { type: 'string', value: 'ROW', help: 'start after this row id (the last one shown)' },
    limit: { type: 'string', value: 'N', help: 'rows per page, 1 to 200 (default 50)' },
    ...JSON_OPTION,
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const { options, io } = input;
      const store = await resolveStore(wb, input.positional ?? '');
      const page = await call(wb, 'stores:rows', {
        id: store.id,
        after: options.string('after'),
        limit: number('limit', options.string('limit'), 1, 200),
      });
      if (options.flag('json')) printJson(io, page);
      else printRows(io, store, page, wb.ctx.now());
      return EXIT.done;
    }),
};

const remove: CommandSpec = {
  path: ['store', 'remove'],
  summary: 'forget a token store and its password (the database is not touched)',
  positional: { name: 'STORE', help: 'the token store, by name (or id)' },
  options: {},
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const store = await resolveStore(wb, input.positional ?? '');
      await call(wb, 'stores:remove', { id: store.id });
      input.io.out(`Removed token store "${store.name}"; its database was not touched.`);
      return EXIT.done;
    }),
};

export const STORE_COMMANDS: readonly CommandSpec[] = [add, list, show, HAND_OVER, remove];
