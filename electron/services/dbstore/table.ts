import { REQUIRED_COLUMNS, SDK_COLUMNS } from '../../../shared/stores/model';
import { storeAddress } from '../../../shared/stores/model';
import { fail } from '../../../shared/result';
import type { StoreSession } from './connection';
import type { StoreFailure } from './errors';

/** What Tokenbench learned about a store's table: it is an SDK token table, with or without api_domain. */
export interface TableShape {
  /** Older SDKs write nine columns, without api_domain (zoho-oauth.md, "How Zoho's SDKs persist tokens"). */
  readonly hasApiDomain: boolean;
}

/**
 * Reads the table's columns with `LIMIT 0`: one query that fails the way the user needs to hear (no
 * such table, no right to it) and answers the column names without reading a row.
 */
export async function checkTable(session: StoreSession): Promise<TableShape | StoreFailure> {
  const columns = new Set(
    (await session.columnsOf(`SELECT * FROM ${session.table} LIMIT 0`)).map((c) => c.toLowerCase()),
  );
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    const { target } = session;
    return fail(
      'store_wrong_table',
      `Table ${target.database}.${target.table} of token store "${target.name}" (${storeAddress(target)}) is not a Zoho SDK token table: it has no column ${missing.join(', ')}. The SDK's table has ${SDK_COLUMNS.join(', ')}; give the table your server's SDK uses. Nothing was changed.`,
    );
  }
  return { hasApiDomain: columns.has('api_domain') };
}
