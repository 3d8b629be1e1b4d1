import type { Database, Statement } from 'better-sqlite3';
import { validateCustomDc, ZOHO_DCS } from '../../../shared/dc/catalog';
import type { CustomDcInput, DataCenter, DcInputError } from '../../../shared/dc/catalog';
import { fail, ok } from '../../../shared/result';
import type { Result } from '../../../shared/result';
import { writeTransaction } from './sqlite';

interface DcRow {
  id: string;
  name: string;
  accounts_url: string;
  api_domain: string;
  developer_api_domain: string | null;
  sandbox_api_domain: string | null;
}

export type DcEdit = Omit<CustomDcInput, 'id'>;
export type DcLookupError = 'dc_not_found';
export type DcRemoveError = DcLookupError | 'dc_in_use';

/**
 * User-defined DCs (a private test server, a region Zoho opened after this release). Every change is
 * validated against Zoho's nine, the `reserved` ones the caller knows (the embedded sandbox's) and
 * the other stored DCs, inside the write transaction so two processes cannot add the same id.
 */
export class CustomDcsTable {
  private readonly selectAll: Statement<[], DcRow>;
  private readonly insertRow: Statement<[DcRow]>;
  private readonly updateRow: Statement<[DcRow]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly users: Statement<[string, string], { what: string; name: string }>;

  constructor(private readonly db: Database) {
    this.selectAll = db.prepare(
      `SELECT id, name, accounts_url, api_domain, developer_api_domain, sandbox_api_domain
       FROM custom_dcs ORDER BY position`,
    );
    this.insertRow = db.prepare(
      `INSERT INTO custom_dcs (id, name, accounts_url, api_domain, developer_api_domain, sandbox_api_domain, position)
       VALUES (@id, @name, @accounts_url, @api_domain, @developer_api_domain, @sandbox_api_domain,
         (SELECT coalesce(max(position), 0) + 1 FROM custom_dcs))`,
    );
    this.updateRow = db.prepare(
      `UPDATE custom_dcs SET name = @name, accounts_url = @accounts_url, api_domain = @api_domain,
         developer_api_domain = @developer_api_domain, sandbox_api_domain = @sandbox_api_domain WHERE id = @id`,
    );
    this.deleteRow = db.prepare('DELETE FROM custom_dcs WHERE id = ?');
    this.users = db.prepare(
      `SELECT 'client' AS what, name FROM clients WHERE dc_id = ? AND removed_at IS NULL
       UNION ALL SELECT 'environment' AS what, name FROM environments WHERE dc_id = ?`,
    );
  }

  /** In the order they were added, which is the order they follow Zoho's nine in the catalog. */
  list(): DataCenter[] {
    return this.selectAll.all().map(toDc);
  }

  get(id: string): DataCenter | undefined {
    return this.list().find((dc) => dc.id === id);
  }

  add(input: CustomDcInput, reserved: readonly DataCenter[] = []): Result<DataCenter, DcInputError> {
    return writeTransaction(this.db, () => {
      const checked = validateCustomDc(input, [...ZOHO_DCS, ...reserved, ...this.list()]);
      if (checked.ok) this.insertRow.run(toRow(checked.value));
      return checked;
    });
  }

  /** Changes a DC's name and servers; its id stays, since clients, environments and tokens refer to it. */
  update(
    id: string,
    edit: DcEdit,
    reserved: readonly DataCenter[] = [],
  ): Result<DataCenter, DcInputError | DcLookupError> {
    return writeTransaction(this.db, () => {
      const stored = this.list();
      if (!stored.some((dc) => dc.id === id)) return notFound(id);
      const others = [...ZOHO_DCS, ...reserved, ...stored.filter((dc) => dc.id !== id)];
      const checked = validateCustomDc({ ...edit, id }, others);
      if (checked.ok) this.updateRow.run(toRow(checked.value));
      return checked;
    });
  }

  /** Refused while a client or environment still points at the DC: it would be left with no servers. */
  remove(id: string): Result<null, DcRemoveError> {
    return writeTransaction(this.db, () => {
      const users = this.users.all(id, id);
      if (users.length > 0) {
        const named = users.map((user) => `${user.what} "${user.name}"`).join(', ');
        return fail('dc_in_use', `The DC "${id}" is still used by ${named}. Point them at another DC first.`);
      }
      return this.deleteRow.run(id).changes > 0 ? ok(null) : notFound(id);
    });
  }
}

function notFound(id: string) {
  return fail('dc_not_found', `There is no user-defined DC "${id}". It may have been removed already.`);
}

function toRow(dc: DataCenter): DcRow {
  return {
    id: dc.id,
    name: dc.name,
    accounts_url: dc.accountsUrl,
    api_domain: dc.apiDomain,
    developer_api_domain: dc.developerApiDomain,
    sandbox_api_domain: dc.sandboxApiDomain,
  };
}

function toDc(row: DcRow): DataCenter {
  return {
    id: row.id,
    name: row.name,
    accountsUrl: row.accounts_url,
    apiDomain: row.api_domain,
    developerApiDomain: row.developer_api_domain,
    sandboxApiDomain: row.sandbox_api_domain,
    kind: 'custom',
  };
}
