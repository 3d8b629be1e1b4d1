import type { ParsedArgsOf } from '../../../shared/ipc/contract';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import { storeAddress, type TokenStoreRecord } from '../../../shared/stores/model';
import { rowProblems, type SdkRowValues } from '../../../shared/stores/sdk-row';
import type { StoreRowsPage } from '../../../shared/stores/views';
import { readPage } from '../dbstore';
import { newId, type WorkbenchContext } from './context';
import { findStore, storePasswordAccount, withCheckedStore, withStore } from './store-access';
import { viewRows } from './store-match';

export type StoreInput = ParsedArgsOf<'stores:add'>;

/** Rows read when a store is added, to tell a token table from another table with the same columns. */
const SAMPLE_ROWS = 50;

/**
 * Adds a token store after reading it: reachable, the user and password accepted, the table an SDK
 * token table, and its first rows tokens. Any failure leaves the workspace and the keychain as they
 * were. The password goes to the keychain before the record, which is removed again if it cannot be
 * written, so no record points at a password that is not there.
 */
export async function addStore(
  ctx: WorkbenchContext,
  input: StoreInput,
): Promise<Ok<TokenStoreRecord> | Failure> {
  const name = input.name.trim();
  if (ctx.store.tokenStores.list().some((s) => s.name.toLowerCase() === name.toLowerCase()))
    return nameTaken(name);
  const record: TokenStoreRecord = {
    id: newId('st'),
    name,
    host: input.host.trim(),
    port: input.port,
    database: input.database,
    table: input.table,
    user: input.user.trim(),
    hasPassword: input.password !== '',
    writable: input.writable,
    createdAt: ctx.now(),
  };
  if (record.hasPassword) {
    const probe = await ctx.vault.probe();
    if (!probe.ok) return probe;
  }
  const sample = await withCheckedStore(record, input.password, 'read', (session, shape) =>
    readPage(session, shape, null, SAMPLE_ROWS),
  );
  if ('ok' in sample) return sample;
  const notTokens = notTokensFailure(record, sample);
  if (notTokens !== null) return notTokens;
  return saveRecord(ctx, record, input.password);
}

async function saveRecord(
  ctx: WorkbenchContext,
  record: TokenStoreRecord,
  password: string,
): Promise<Ok<TokenStoreRecord> | Failure> {
  const account = storePasswordAccount(record.id);
  if (record.hasPassword) {
    const saved = await ctx.vault.set(account, password);
    if (!saved.ok) return saved;
  }
  let inserted = false;
  try {
    inserted = ctx.store.tokenStores.insert(record);
  } finally {
    if (!inserted && record.hasPassword) await ctx.vault.delete(account);
  }
  return inserted ? ok(record) : nameTaken(record.name);
}

const nameTaken = (name: string): Failure<'store_name_taken'> =>
  fail('store_name_taken', `A token store named "${name}" exists already. Pick another name.`);

/** Rows of the sample that are not tokens: the table has the SDK's columns but holds something else. */
function notTokensFailure(
  record: TokenStoreRecord,
  sample: { readonly rows: readonly SdkRowValues[] },
): Failure | null {
  const bad = sample.rows.flatMap((row) => {
    const problems = rowProblems(row);
    return problems.length === 0 ? [] : [`row ${row.id === '' ? '(no id)' : row.id}: ${problems.join(', ')}`];
  });
  if (bad.length === 0) return null;
  const shown = bad.slice(0, 3).join('; ');
  const more = bad.length > 3 ? `; and ${String(bad.length - 3)} more` : '';
  return fail(
    'store_rows_not_tokens',
    `${String(bad.length)} of the first ${String(sample.rows.length)} rows of ${storeAddress(record)} are not Zoho SDK tokens (${shown}${more}). Point Tokenbench at the table your server's SDK keeps its tokens in, or fix those rows; nothing was changed.`,
  );
}

/** One page of a store's rows as tokens, joined with the ledger: which of them Tokenbench minted. */
export async function storeRows(
  ctx: WorkbenchContext,
  args: ParsedArgsOf<'stores:rows'>,
): Promise<Ok<StoreRowsPage> | Failure> {
  const store = findStore(ctx, args.id);
  if ('ok' in store) return store;
  const after = args.after ?? null;
  const page = await withStore(ctx, store, 'read', (session, shape) =>
    readPage(session, shape, after, args.limit),
  );
  if ('ok' in page) return page;
  const rows = await viewRows(ctx, page.rows);
  const last = page.rows[page.rows.length - 1];
  return ok({ storeId: store.id, rows, after, nextAfter: page.more && last !== undefined ? last.id : null });
}

export function setWritable(
  ctx: WorkbenchContext,
  id: string,
  writable: boolean,
): Ok<TokenStoreRecord> | Failure {
  const store = findStore(ctx, id);
  if ('ok' in store) return store;
  const updated = ctx.store.tokenStores.setWritable(store.id, writable);
  return updated === undefined
    ? fail('store_not_found', `Token store "${store.name}" was removed meanwhile.`)
    : ok(updated);
}

/** Forgets the store and its password. The database itself is not touched. */
export async function removeStore(ctx: WorkbenchContext, id: string): Promise<Ok<null> | Failure> {
  const store = findStore(ctx, id);
  if ('ok' in store) return store;
  ctx.store.tokenStores.remove(store.id);
  if (store.hasPassword) {
    const deleted = await ctx.vault.delete(storePasswordAccount(store.id));
    if (!deleted.ok) return deleted;
  }
  return ok(null);
}
