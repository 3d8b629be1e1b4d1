import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { TokenStoreRecord } from '../../../shared/stores/model';
import { checkTable, withSession, type StoreSession, type StoreTarget, type TableShape } from '../dbstore';
import { secretAccount } from '../vault/account';
import type { WorkbenchContext } from './context';

export const storePasswordAccount = (storeId: string) => secretAccount({ kind: 'store-password', storeId });

/** The store of this workspace, or a failure that says how to find its name. */
export function findStore(ctx: WorkbenchContext, id: string): TokenStoreRecord | Failure<'store_not_found'> {
  return (
    ctx.store.tokenStores.get(id) ??
    fail('store_not_found', `No token store "${id}" in this workspace. List the stores to see their names.`)
  );
}

/** The database password from the keychain; empty when the store was added without one. */
export async function storePassword(
  ctx: WorkbenchContext,
  store: TokenStoreRecord,
): Promise<Ok<string> | Failure> {
  if (!store.hasPassword) return ok('');
  const value = await ctx.vault.get(storePasswordAccount(store.id));
  if (!value.ok) return value;
  if (value.value === null) {
    return fail(
      'store_password_missing',
      `The password of token store "${store.name}" is not in the keychain (it was reset, or the entry deleted). Remove the store and add it again with its password.`,
    );
  }
  return ok(value.value);
}

/**
 * Connects with the given password, checks that the table is an SDK token table, then runs `use`;
 * the connection is closed whatever happens. Writes need `mode: 'write'`; every other session is
 * read-only on the server.
 */
export async function withCheckedStore<T>(
  target: StoreTarget,
  password: string,
  mode: 'read' | 'write',
  use: (session: StoreSession, shape: TableShape) => Promise<T | Failure>,
): Promise<T | Failure> {
  return withSession(target, password, mode, async (session) => {
    const shape = await checkTable(session);
    return 'ok' in shape ? shape : use(session, shape);
  });
}

/** The same for a store of the workspace, its password read from the keychain. */
export async function withStore<T>(
  ctx: WorkbenchContext,
  store: TokenStoreRecord,
  mode: 'read' | 'write',
  use: (session: StoreSession, shape: TableShape) => Promise<T | Failure>,
): Promise<T | Failure> {
  const password = await storePassword(ctx, store);
  if (!password.ok) return password;
  return withCheckedStore(store, password.value, mode, use);
}
